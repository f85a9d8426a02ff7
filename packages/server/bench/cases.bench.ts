/**
 * `npm run bench` (second part): the case list with two filters, name search in Latin and
 * Arabic script (and in reversed order), exact passport and phone search, and duplicate-candidate
 * search, on PostgreSQL with BENCH_CASES synthetic cases (default 1,000,000), through the real
 * HTTP app as the demo case manager.
 * Prints p50/p95/p99 per request and EXPLAIN (ANALYZE, BUFFERS) of every query a request
 * runs against the case tables. Target: p95 under 50 ms each. Prints numbers, fails nothing.
 *
 *   BENCH_DATABASE_URL  PostgreSQL server to use (required; without it the bench is skipped).
 *                       A fresh database is created next to the one named and dropped at the end.
 *   BENCH_CASES         cases to seed (default 1000000)
 *   BENCH_ITERATIONS    timed requests per scenario (default 200)
 *   BENCH_KEEP=1        keep the database (its name is printed)
 *   BENCH_ONLY=text     run only the scenarios whose name contains the text
 *   BENCH_REUSE_DB=name measure an existing database kept by an earlier run (no seeding;
 *                       pending migrations are applied, so a new index can be tried quickly)
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { type CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createDb } from '../src/db/create-db.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { DB } from '../src/db/schema.js';
import { seedSyntheticCases } from '../src/demo/synthetic-cases.js';
import { ephemeralFieldCrypto } from '../src/lib/keys.js';
import { totpCode } from '../src/lib/totp.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, seed } from '../src/seed.js';
import { createServices } from '../src/services.js';

const adminUrl = process.env.BENCH_DATABASE_URL;
if (!adminUrl) {
  console.log(
    'cases bench: skipped. Set BENCH_DATABASE_URL to a PostgreSQL server (it creates and drops its own database).',
  );
  process.exit(0);
}
const COUNT = Number(process.env.BENCH_CASES ?? 1_000_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const reuse = process.env.BENCH_REUSE_DB;
const keep = process.env.BENCH_KEEP === '1' || !!reuse;

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const dbName = reuse ?? `opennrm_bench_${randomBytes(5).toString('hex')}`;
const dropDatabase = () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
if (!reuse) await admin((c) => c.query(`CREATE DATABASE ${dbName}`));
// A failed run does not leave a million-case database behind (unless it is to be kept).
process.on('uncaughtException', async (error) => {
  console.error(error);
  if (!keep) await dropDatabase().catch(() => undefined);
  process.exit(1);
});
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;

const handle = await createDb({ databaseUrl: url.toString(), poolSize: 4 });
const { db } = handle;
const config = loadConfig({
  LOG_LEVEL: 'silent',
  RATE_LIMIT_PER_MINUTE: '1000000',
  LOGIN_MAX_FAILURES_PER_USER: '1000000',
  LOGIN_MAX_FAILURES_PER_IP: '1000000',
});
const crypto = ephemeralFieldCrypto();
const services = createServices({ config, db, now: () => new Date(), crypto });

const server = await admin(async (c) => {
  const v = await c.query<{ v: string }>('SELECT version() AS v');
  const sb = await c.query<{ shared_buffers: string }>('SHOW shared_buffers');
  const wm = await c.query<{ work_mem: string }>('SHOW work_mem');
  return `${v.rows[0]!.v.split(' on ')[0]}, shared_buffers ${sb.rows[0]!.shared_buffers}, work_mem ${wm.rows[0]!.work_mem}`;
});
console.log(`cases bench: ${server}; database ${dbName}`);

await migrateToLatest(db);
if (reuse) {
  // This run's keys are new: encrypt the demo authenticator secret again so the sign-in below works.
  await db
    .updateTable('users')
    .set({ totp_secret: crypto.encrypt(DEMO_TOTP_SECRET) })
    .execute();
} else {
  await seed(services, { demo: true });
  let lastTenth = 0;
  const result = await seedSyntheticCases(services, {
    count: COUNT,
    seed: 1,
    onProgress: (p) => {
      const tenth = Math.floor((p.cases / p.total) * 10);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      console.log(`  seeded ${p.cases.toLocaleString('en')} cases in ${(p.elapsedMs / 1000).toFixed(0)} s`);
    },
  });
  console.log(
    `seed: ${result.cases.toLocaleString('en')} cases, ${result.persons.toLocaleString('en')} persons in ${(result.elapsedMs / 1000).toFixed(1)} s (${Math.round((result.cases / result.elapsedMs) * 1000).toLocaleString('en')} cases/s)`,
  );
  const t = performance.now();
  const vacuum = new pg.Client({ connectionString: url.toString() });
  await vacuum.connect();
  await vacuum.query('VACUUM (ANALYZE)');
  await vacuum.end();
  console.log(`VACUUM (ANALYZE): ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

const pool = new pg.Pool({ connectionString: url.toString(), max: 10 });
const sizes = await pool.query<{ relname: string; rows: string; size: string }>(
  `SELECT c.relname, c.reltuples::bigint AS rows, pg_size_pretty(pg_total_relation_size(c.oid)) AS size
   FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'public' AND c.relkind = 'r'
     AND c.relname IN ('cases', 'persons', 'person_name_keys', 'identity_documents', 'case_parties', 'consents', 'referrals', 'audit_log')
   ORDER BY pg_total_relation_size(c.oid) DESC`,
);
const dbSize = await pool.query<{ size: string }>(
  'SELECT pg_size_pretty(pg_database_size(current_database())) AS size',
);
console.log(`database size ${dbSize.rows[0]!.size}`);
for (const r of sizes.rows)
  console.log(
    `  ${r.relname.padEnd(20)} ${Number(r.rows).toLocaleString('en').padStart(12)} rows ${r.size.padStart(9)}`,
  );

// The app runs on a Kysely that can record the SQL it sends, so the plans below are of the
// real queries (same text, same parameters), not copies.
let captured: { query: CompiledQuery; ms: number; failed: boolean }[] | undefined;
const appDb = new Kysely<DB>({
  dialect: new PostgresDialect({ pool }),
  log: (event) => {
    if (captured) {
      captured.push({ query: event.query, ms: event.queryDurationMillis, failed: event.level === 'error' });
    }
  },
});
const app = await buildApp({ config, db: appDb, crypto });
await app.ready();

/** Keeps the session cookie and sends the CSRF header, like a browser. */
class Client {
  cookies = new Map<string, string>();
  csrf: string | undefined;
  constructor(private readonly app: FastifyInstance) {}
  async request(method: 'GET' | 'POST', url: string, body?: object): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    };
    if (method === 'POST' && this.csrf) headers['x-csrf-token'] = this.csrf;
    const res = await this.app.inject({ method, url, headers, ...(body ? { payload: body } : {}) });
    for (const c of res.cookies as { name: string; value: string }[]) this.cookies.set(c.name, c.value);
    if (res.headers['content-type']?.toString().includes('json')) {
      const json = res.json() as { csrfToken?: unknown };
      if (typeof json.csrfToken === 'string') this.csrf = json.csrfToken;
    }
    return res;
  }
}
const manager = new Client(app);
const login = await manager.request('POST', '/api/auth/login', {
  username: 'casemanager',
  password: DEMO_PASSWORD,
});
if (login.statusCode !== 200) throw new Error(`login: ${login.statusCode} ${login.body}`);
// A code is accepted once: a run started in the same 30-second step as the last one waits for the next.
let mfa = await manager.request('POST', '/api/auth/mfa', { code: totpCode(DEMO_TOTP_SECRET, Date.now()) });
if (mfa.statusCode === 401) {
  await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 100));
  mfa = await manager.request('POST', '/api/auth/mfa', { code: totpCode(DEMO_TOTP_SECRET, Date.now()) });
}
if (mfa.statusCode !== 200) throw new Error(`mfa: ${mfa.statusCode} ${mfa.body}`);

// Duplicate probes: real persons of the data set, entered again (same name, nationality, date of birth).
const sampled = (
  await pool.query<{
    id: string;
    name_latin: string | null;
    name_arabic: string | null;
    nationality: string;
    dob: string;
  }>(
    `SELECT id, name_latin, name_arabic, nationality, to_char(date_of_birth, 'YYYY-MM-DD') AS dob
     FROM persons TABLESAMPLE SYSTEM (1) REPEATABLE (7) WHERE date_of_birth IS NOT NULL LIMIT 100`,
  )
).rows;
const probes = sampled.map((p) => ({
  ...(p.name_latin ? { nameLatin: p.name_latin } : { nameArabic: p.name_arabic }),
  nationality: p.nationality,
  dateOfBirth: p.dob,
}));

// Exact identifier search (issue 12, point 9): a sampled person's passport and phone, typed
// differently from how they were stored (lower case with a space; dashes and a 00 prefix).
const identified = (
  await pool.query<{ number_enc: string; phone_enc: string }>(
    `SELECT d.number_enc, p.phone_enc FROM identity_documents d JOIN persons p ON p.id = d.person_id
     WHERE d.type = 'passport' AND p.phone_enc IS NOT NULL ORDER BY d.created_at DESC LIMIT 1`,
  )
).rows[0];
// A reused database was encrypted under an earlier run's keys: its numbers cannot be read (or
// found) then, and these two requests measure a search that finds nothing.
const readable = (ciphertext: string | undefined, fallback: string) => {
  try {
    return ciphertext ? crypto.decrypt(ciphertext) : fallback;
  } catch {
    return fallback;
  }
};
const passportTyped = readable(identified?.number_enc, 'XX0000000').toLowerCase().replace(/^(..)/, '$1 ');
const phoneTyped = readable(identified?.phone_enc, '+973 0000 0000')
  .replace(/^\+/, '00')
  .replace(/\s+/g, '-');

interface Scenario {
  name: string;
  request: (i: number) => Promise<LightMyRequestResponse>;
}
const get = (url: string) => () => manager.request('GET', url);
const scenarios: Scenario[] = [
  { name: 'baseline: GET /api/me (session only)', request: get('/api/me') },
  {
    name: 'list: stage=screening & nationality=PH',
    request: get('/api/cases?limit=25&stage=screening&nationality=PH'),
  },
  {
    name: 'list: category=trafficking & risk=high',
    request: get('/api/cases?limit=25&category=trafficking&risk=high'),
  },
  { name: 'search Latin: q=Santos', request: get('/api/cases?limit=25&q=Santos') },
  {
    name: 'search Latin: q=Mohammed Hossain',
    request: get(`/api/cases?limit=25&q=${encodeURIComponent('Mohammed Hossain')}`),
  },
  { name: 'search Arabic: q=فاطمة', request: get(`/api/cases?limit=25&q=${encodeURIComponent('فاطمة')}`) },
  {
    name: 'search Arabic: q=محمد حسين',
    request: get(`/api/cases?limit=25&q=${encodeURIComponent('محمد حسين')}`),
  },
  {
    name: 'search Latin reversed: q=Hossain Mohammed',
    request: get(`/api/cases?limit=25&q=${encodeURIComponent('Hossain Mohammed')}`),
  },
  {
    name: 'search passport (exact, blind index)',
    request: get(`/api/cases?limit=25&q=${encodeURIComponent(passportTyped)}`),
  },
  {
    name: 'search phone (exact, blind index)',
    request: get(`/api/cases?limit=25&q=${encodeURIComponent(phoneTyped)}`),
  },
  {
    name: 'duplicates: Mohammed Abdullah, PK, 1990-05-01',
    request: () =>
      manager.request('POST', '/api/persons/duplicates', {
        nameLatin: 'Mohammed Abdullah',
        nationality: 'PK',
        dateOfBirth: '1990-05-01',
      }),
  },
  {
    name: 'duplicates: محمد عبدالله, EG, 1988-02-14',
    request: () =>
      manager.request('POST', '/api/persons/duplicates', {
        nameArabic: 'محمد عبدالله',
        nationality: 'EG',
        dateOfBirth: '1988-02-14',
      }),
  },
  {
    name: `duplicates: ${probes.length} sampled persons re-entered`,
    request: (i) => manager.request('POST', '/api/persons/duplicates', probes[i % probes.length]!),
  },
];

// BENCH_ONLY=text runs only the scenarios whose name contains it (for quick comparisons).
const only = process.env.BENCH_ONLY;
if (only) scenarios.splice(0, scenarios.length, ...scenarios.filter((s) => s.name.includes(only)));

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const results: { name: string; p50: number; p95: number; p99: number; note: string }[] = [];
for (const s of scenarios) {
  for (let i = 0; i < 10; i++) {
    const res = await s.request(i);
    if (res.statusCode !== 200) throw new Error(`${s.name}: ${res.statusCode} ${res.body}`);
  }
  const samples: number[] = [];
  let note = '';
  for (let i = 0; i < ITERATIONS; i++) {
    const t = performance.now();
    const res = await s.request(i);
    samples.push(performance.now() - t);
    if (i === 0) {
      const body = res.json() as { total?: number; items?: unknown[]; candidates?: unknown[] };
      if (body.candidates) note = `${body.candidates.length} candidates`;
      else if (body.items)
        note = `${body.items.length} items of ${body.total?.toLocaleString('en') ?? 'many'}`;
    }
  }
  samples.sort((a, b) => a - b);
  results.push({
    name: s.name,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    note,
  });
}

console.log(
  `\nlatency through the HTTP app (inject), ${ITERATIONS} requests each after 10 warm-up, as the case manager:`,
);
for (const r of results) {
  const verdict = r.p95 < 50 ? 'ok' : 'OVER 50 ms';
  console.log(
    `  ${r.name.padEnd(48)} p50 ${r.p50.toFixed(1).padStart(6)} ms  p95 ${r.p95.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  ${verdict}  (${r.note})`,
  );
}

// Quality at this size: does each sampled person, entered again, find its own record?
let found = 0;
for (const [i, probe] of probes.entries()) {
  const res = await manager.request('POST', '/api/persons/duplicates', probe);
  const { candidates } = res.json() as { candidates: { personId: string }[] };
  if (candidates.some((c) => c.personId === sampled[i]!.id)) found++;
}
console.log(
  `\nduplicates: ${found} of ${probes.length} sampled persons, entered again with the same name, nationality and date of birth, find their own record among the candidates`,
);

const CASE_TABLES = /\b(cases|persons|person_name_keys|identity_documents)\b/;
console.log(
  '\nquery plans (EXPLAIN (ANALYZE, BUFFERS) of the SQL each request sends; sessions and audit left out):',
);
for (const s of scenarios) {
  captured = [];
  await s.request(1);
  const all = captured;
  const queries = all.filter(
    (q) => /^\s*(select|with)\b/i.test(q.query.sql) && CASE_TABLES.test(q.query.sql),
  );
  captured = undefined;
  const total = (list: typeof all) => list.reduce((sum, q) => sum + q.ms, 0).toFixed(1);
  console.log(`\n=== ${s.name}`);
  console.log(
    `    ${all.length} statements, ${total(all)} ms in the database (summed; some run in parallel), ${total(queries)} ms of it in the queries below`,
  );
  for (const q of queries) {
    const cancelled = q.failed
      ? ` [cancelled by the count's time limit after ${q.ms.toFixed(0)} ms; plan below without it]`
      : '';
    console.log(`--- ${q.query.sql.replace(/\s+/g, ' ').slice(0, 400)}${cancelled}`);
    console.log(`    parameters: ${JSON.stringify(q.query.parameters).slice(0, 300)}`);
    const plan = await pool.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${q.query.sql}`,
      q.query.parameters as unknown[],
    );
    for (const line of plan.rows) console.log(`    ${line['QUERY PLAN']}`);
  }
}

await app.close();
await appDb.destroy();
await handle.close();
if (keep)
  console.log(`\nkept database ${dbName} (BENCH_REUSE_DB=${dbName} measures it again without seeding)`);
else {
  await dropDatabase();
  console.log(`\ndropped database ${dbName}`);
}
