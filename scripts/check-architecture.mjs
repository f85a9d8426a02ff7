#!/usr/bin/env node
// The layering rules of docs/architecture.md, checked on the source text (npm test runs it):
//  1. SQL only in repositories: a server file that builds or runs SQL (Kysely's query builders,
//     the `sql` template, raw queries) is a `*.repository.ts`, a `*.sql.ts` fragment module
//     (imported by repositories only) or under `src/db/` (connection, migrations, schema).
//  2. Transactions are opened by services and use cases, never in route files.
//  3. A feature folder imports another feature only through that feature's `index.ts`, and a
//     feature's `index.ts` never re-exports its repository (no folder reads another's tables).
//  4. A route file imports no other route file and no repository.
// `--report` prints every finding and exits 0; without it any finding fails the run.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const report = process.argv.includes('--report');

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

const SQL = [
  /\.(selectFrom|insertInto|updateTable|deleteFrom|mergeInto|replaceInto|selectNoFrom)\(/,
  /\bsql(<[^>]*>)?`/,
  /\bsql\.(raw|ref|id|table|lit|join|val)\(/,
  /\.executeQuery\(/,
  /CompiledQuery\./,
];
const TRANSACTION = /\.transaction\(\)/;

const findings = [];
const add = (file, line, rule, text) =>
  findings.push({ file: relative(root, file), line, rule, text: text.trim().slice(0, 120) });

const serverSrc = join(root, 'packages/server/src');
const sqlAllowed = (rel) =>
  /\.repository\.ts$/.test(rel) || /\.sql\.ts$/.test(rel) || rel.startsWith(`db${sep}`);

/** `features/<name>/...` → name, else undefined. */
const featureOf = (rel) => rel.match(/^features[\\/]([^\\/]+)[\\/]/)?.[1];

function importsOf(text) {
  const out = [];
  const re = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const line = text.slice(0, m.index).split('\n').length;
    out.push({ spec: m[1] ?? m[2], line, text: m[0] });
  }
  return out;
}

function checkImports(file, rel, text, base) {
  const feature = featureOf(rel);
  for (const imp of importsOf(text)) {
    if (!imp.spec.startsWith('.')) continue;
    const target = relative(base, join(file, '..', imp.spec));
    const targetFeature = featureOf(target);
    if (targetFeature && targetFeature !== feature) {
      const isIndex =
        /^features[\\/][^\\/]+[\\/]index(\.js)?$/.test(target) || /^features[\\/][^\\/]+$/.test(target);
      if (!isIndex) add(file, imp.line, 'a feature is imported other than through its index.ts', imp.text);
      // shared code (server lib; web components, api, i18n) must not depend on any feature
      if (/^(lib|components|api|i18n)[\\/]/.test(rel))
        add(file, imp.line, 'shared code imports a feature', imp.text);
    }
    if (/\.routes\.ts$/.test(rel) && /\.routes(\.js)?$/.test(imp.spec))
      add(file, imp.line, 'a route file imports another route file', imp.text);
    if (/\.routes\.ts$/.test(rel) && /\.repository(\.js)?$/.test(imp.spec))
      add(file, imp.line, 'a route file imports a repository', imp.text);
    if (/[\\/]index\.ts$/.test(rel) && /\.repository(\.js)?$/.test(imp.spec))
      add(file, imp.line, "a feature's index.ts exports its repository", imp.text);
  }
}

for (const file of walk(serverSrc)) {
  const rel = relative(serverSrc, file);
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  lines.forEach((l, i) => {
    const code = l.replace(/\/\/.*$/, '');
    if (/^\s*(\*|\/\*)/.test(l)) return;
    if (!sqlAllowed(rel) && SQL.some((re) => re.test(code))) add(file, i + 1, 'SQL outside a repository', l);
    if (/\.routes\.ts$/.test(rel) && TRANSACTION.test(code))
      add(file, i + 1, 'a transaction opened in a route file', l);
  });
  checkImports(file, rel, text, serverSrc);
  if (/\.sql\.ts$/.test(rel)) continue;
}

// `*.sql.ts` fragments belong to repositories.
for (const file of walk(serverSrc)) {
  const rel = relative(serverSrc, file);
  if (sqlAllowed(rel)) continue;
  for (const imp of importsOf(readFileSync(file, 'utf8')))
    if (/\.sql(\.js)?$/.test(imp.spec))
      add(file, imp.line, 'a *.sql.ts fragment imported outside a repository', imp.text);
}

const webSrc = join(root, 'packages/web/src');
for (const file of walk(webSrc))
  checkImports(file, relative(webSrc, file), readFileSync(file, 'utf8'), webSrc);

const byRule = new Map();
for (const f of findings) byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
for (const f of findings) console.log(`${f.file}:${f.line}  ${f.rule}\n    ${f.text}`);
if (findings.length === 0) console.log('architecture: no findings');
else {
  console.log(`\narchitecture: ${findings.length} finding(s)`);
  for (const [rule, n] of byRule) console.log(`  ${String(n).padStart(4)}  ${rule}`);
}
process.exit(findings.length && !report ? 1 : 0);
