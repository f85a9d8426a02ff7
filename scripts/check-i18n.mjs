#!/usr/bin/env node
// Checks the web app's translations (no dependencies, run by `npm run i18n:check`):
//  1. en.json and ar.json have the same keys (plural suffixes aside) and no empty values;
//     the words for enum values are not in them: they come from the domain's vocabulary
//     (packages/domain/src/vocabulary/labels.ts, loaded here with tsx), which the web merges
//     into its resources at start-up (packages/web/src/i18n/resources.ts); a JSON key that
//     repeats a vocabulary is reported;
//  2. every error code, role, organisation kind, audit action, audit outcome, session stage
//     and case vocabulary (category, sub-type, risk, stage, channel, consent, party, ILO
//     indicator...) declared in packages/domain has a translation in both languages;
//  3. no component shows hard-coded text: JSX text nodes, or string literals in
//     aria-label / alt / title / placeholder attributes.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const i18nDir = join(root, 'packages/web/src/i18n');
const domainDir = join(root, 'packages/domain/src');
const webSrc = join(root, 'packages/web/src');
const LOCALES = ['en', 'ar'];
// Arabic needs all six CLDR plural forms, English two: compare keys without the suffix.
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

const problems = [];

function flatten(value, prefix, out) {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.set(prefix, value);
  }
  return out;
}

const catalogues = {};
for (const locale of LOCALES) {
  const file = join(i18nDir, `${locale}.json`);
  try {
    catalogues[locale] = flatten(JSON.parse(readFileSync(file, 'utf8')), '', new Map());
  } catch (error) {
    problems.push(`${relative(root, file)}: cannot read: ${error.message}`);
    catalogues[locale] = new Map();
  }
}

// The domain's vocabulary: the enum values' words, under the key paths the web gives them.
const { VOCABULARIES } = await tsImport('../packages/domain/src/vocabulary/labels.ts', import.meta.url);
for (const locale of LOCALES) {
  for (const [path, labels] of Object.entries(VOCABULARIES)) {
    for (const [value, label] of Object.entries(labels)) {
      const key = `${path}.${value}`;
      if (catalogues[locale].has(key))
        problems.push(`${locale}.json: "${key}" repeats the domain's vocabulary: remove it from the JSON`);
      catalogues[locale].set(key, label[locale]);
    }
  }
}

function baseKeys(catalogue) {
  return new Set([...catalogue.keys()].map((key) => key.replace(PLURAL_SUFFIX, '')));
}

// 1. Same keys, no empty values.
const bases = Object.fromEntries(LOCALES.map((locale) => [locale, baseKeys(catalogues[locale])]));
for (const locale of LOCALES) {
  for (const other of LOCALES) {
    if (other === locale) continue;
    for (const key of bases[locale]) {
      if (!bases[other].has(key))
        problems.push(`${other}.json: missing "${key}" (present in ${locale}.json)`);
    }
  }
  for (const [key, value] of catalogues[locale]) {
    if (typeof value !== 'string') problems.push(`${locale}.json: "${key}" is not a string`);
    else if (value.trim() === '') problems.push(`${locale}.json: "${key}" is empty`);
  }
}
// A pluralised key needs every form its language uses.
const PLURAL_FORMS = { en: ['one', 'other'], ar: ['zero', 'one', 'two', 'few', 'many', 'other'] };
for (const locale of LOCALES) {
  const keys = catalogues[locale];
  const plurals = new Set(
    [...keys.keys()].filter((key) => PLURAL_SUFFIX.test(key)).map((key) => key.replace(PLURAL_SUFFIX, '')),
  );
  for (const base of plurals) {
    for (const form of PLURAL_FORMS[locale]) {
      if (!keys.has(`${base}_${form}`))
        problems.push(`${locale}.json: plural "${base}" lacks the "${form}" form`);
    }
  }
}

// 2. Domain vocabularies, read from the source so they cannot drift apart.
function source(file) {
  return readFileSync(join(domainDir, file), 'utf8');
}
function stringsIn(text) {
  return [...text.matchAll(/'([^']+)'/g)].map((match) => match[1]);
}
function list(file, pattern, label) {
  const match = source(file).match(pattern);
  const values = match ? stringsIn(match[1]) : [];
  if (values.length === 0)
    problems.push(`could not read ${label} from packages/domain/src/${file}: update scripts/check-i18n.mjs`);
  return values;
}
const errorBlock = source('errors.ts').match(/export const ERROR_CODES = \{([\s\S]*?)\}/);
const errorCodes = errorBlock
  ? [...errorBlock[1].matchAll(/^\s*([A-Z][A-Z0-9_]*)\s*:/gm)].map((m) => m[1])
  : [];
if (errorCodes.length === 0) problems.push('could not read ERROR_CODES from packages/domain/src/errors.ts');

const vocabularies = [
  ['errors', errorCodes],
  ['roles', list('roles.ts', /export const Role = z\.enum\(\[([\s\S]*?)\]\)/, 'roles')],
  [
    'organisationKinds',
    list('roles.ts', /export const OrganisationKind = z\.enum\(\[([\s\S]*?)\]\)/, 'organisation kinds'),
  ],
  [
    'auditActions',
    list('contracts/audit.ts', /export const AUDIT_ACTIONS = \[([\s\S]*?)\]/, 'audit actions'),
  ],
  [
    'auditOutcomes',
    list('contracts/audit.ts', /export const AuditOutcome = z\.enum\(\[([\s\S]*?)\]\)/, 'audit outcomes'),
  ],
  [
    'sessionStages',
    list('contracts/auth.ts', /export const SessionStage = z\.enum\(\[([\s\S]*?)\]\)/, 'session stages'),
  ],
  // Case intake vocabularies (issue #3).
  ...[
    ['caseCategories', 'CaseCategory'],
    ['riskLevels', 'RiskLevel'],
    ['intakeChannels', 'IntakeChannel'],
    ['sexes', 'Sex'],
    ['workPermitTypes', 'WorkPermitType'],
    ['documentTypes', 'IdentityDocumentType'],
    ['documentHolders', 'DocumentHolder'],
    ['vulnerabilities', 'Vulnerability'],
    ['consentPurposes', 'ConsentPurpose'],
    ['consentStatuses', 'ConsentStatus'],
    ['consentMethods', 'ConsentMethod'],
    ['partyKinds', 'PartyKind'],
    ['partyRoles', 'PartyRole'],
  ].map(([namespace, name]) => [
    namespace,
    list('case-vocabulary.ts', new RegExp(`export const ${name} = z\\.enum\\(\\[([\\s\\S]*?)\\]\\)`), name),
  ]),
  [
    'caseSubtypes',
    list('case-vocabulary.ts', /export const CASE_SUBTYPES = \{([\s\S]*?)\} as const/, 'case sub-types'),
  ],
  [
    'intakeKinds',
    list('contracts/cases.ts', /export const IntakeKind = z\.enum\(\[([\s\S]*?)\]\)/, 'intake kinds'),
  ],
  [
    'caseSections',
    list('contracts/cases.ts', /export const CaseSection = z\.enum\(\[([\s\S]*?)\]\)/, 'case sections'),
  ],
  [
    'duplicateChecks',
    list('contracts/cases.ts', /export const DuplicateCheck = z\.enum\(\[([\s\S]*?)\]\)/, 'duplicate checks'),
  ],
  // Issue #4: the lifecycle (CaseStage is now the SOP's LifecycleStage), referrals,
  // notifications, blockers, procedures and resolutions.
  ...[
    ['caseStages', 'sop/vocabulary.ts', 'LIFECYCLE_STAGES'],
    ['referrals.purposes', 'sop/vocabulary.ts', 'REFERRAL_PURPOSES'],
    ['referrals.statuses', 'sop/vocabulary.ts', 'REFERRAL_STATUSES'],
    ['workflow.procedureKinds', 'sop/vocabulary.ts', 'PROCEDURE_KINDS'],
    ['workflow.resolutions', 'sop/vocabulary.ts', 'RESOLUTION_KINDS'],
    ['blockers', 'sop/evaluate.ts', 'BLOCKER_CODES'],
    ['notifications.kinds', 'contracts/workflow.ts', 'NOTIFICATION_KINDS'],
    // Issue #5: the types of a case's documents.
    ['documents.types', 'contracts/documents.ts', 'DOCUMENT_TYPES'],
  ].map(([namespace, file, name]) => [
    namespace,
    list(file, new RegExp(`export const ${name} = \\[([\\s\\S]*?)\\] as const`), name),
  ]),
  [
    'iloIndicators',
    list(
      'screening/vocabulary.ts',
      /export const ILO_INDICATORS = \[([\s\S]*?)\] as const/,
      'ILO indicators',
    ),
  ],
  [
    'palermoElements',
    list(
      'screening/vocabulary.ts',
      /export const PALERMO_ELEMENTS = \[([\s\S]*?)\] as const/,
      'Palermo elements',
    ),
  ],
];
for (const [namespace, values] of vocabularies) {
  for (const value of values) {
    for (const locale of LOCALES) {
      const text = catalogues[locale].get(`${namespace}.${value}`);
      if (typeof text !== 'string' || text.trim() === '') {
        problems.push(`${locale}.json: no translation for ${namespace}.${value}`);
      }
    }
  }
}

// 3. Hard-coded text in components.
function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(path);
    return entry.name.endsWith('.tsx') ? [path] : [];
  });
}
const LETTER = /[A-Za-z\u0600-\u06FF]/;
// Text between a closing ">" and the next "<", not an arrow "=>" nor a comparison in code.
const JSX_TEXT = /(?<![=-])>([^<>{}]*)</g;
const CODE_LIKE = /[;=(){}[\]&|`]|\b(return|const|let|if|else|function)\b/;
const ATTRIBUTE =
  /\b(aria-label|alt|title|placeholder)\s*=\s*(?:"([^"]*)"|'([^']*)'|\{\s*["'`]([^"'`]*)["'`]\s*\})/g;

function lineOf(text, index) {
  return text.slice(0, index).split('\n').length;
}
for (const file of walk(webSrc)) {
  const text = readFileSync(file, 'utf8').replace(/\{\/\*[\s\S]*?\*\/\}/g, (m) => m.replace(/[^\n]/g, ' '));
  const name = relative(root, file);
  for (const match of text.matchAll(JSX_TEXT)) {
    const content = match[1].trim();
    if (!content || !LETTER.test(content) || CODE_LIKE.test(content)) continue;
    problems.push(`${name}:${lineOf(text, match.index)}: hard-coded text "${content.slice(0, 60)}"`);
  }
  for (const match of text.matchAll(ATTRIBUTE)) {
    const value = match[2] ?? match[3] ?? match[4] ?? '';
    if (LETTER.test(value)) {
      problems.push(`${name}:${lineOf(text, match.index)}: hard-coded ${match[1]} "${value.slice(0, 60)}"`);
    }
  }
}

if (problems.length > 0) {
  console.error(`i18n check failed: ${problems.length} problem(s)`);
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exit(1);
}
const counts = LOCALES.map((locale) => `${locale}: ${catalogues[locale].size} strings`).join(', ');
console.log(
  `i18n check passed (${counts}; ${errorCodes.length} error codes and domain vocabularies covered)`,
);
