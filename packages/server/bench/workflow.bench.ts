/**
 * `npm run bench` (third part), issue #4:
 *  1. the overdue sweep with 100,000 open tasks past their deadline (mark + notify, then
 *     escalate + notify), on PostgreSQL if BENCH_DATABASE_URL is set, else on embedded PGlite;
 *  2. the organisation inbox (GET /api/inbox, each box) p50/p95/p99 with BENCH_CASES cases
 *     (default 1,000,000) on PostgreSQL, through the real HTTP app as the police officer, with
 *     EXPLAIN (ANALYZE, BUFFERS) of its queries. Needs BENCH_DATABASE_URL (skipped without).
 * Prints numbers, fails nothing.
 *
 *   BENCH_DATABASE_URL  PostgreSQL server (a fresh database is created and dropped per part)
 *   BENCH_TASKS         open overdue tasks for the sweep (default 100000)
 *   BENCH_CASES         cases for the inbox (default 1000000)
 *   BENCH_ITERATIONS    timed requests per inbox box (default 200)
 *   BENCH_REUSE_DB=name measure the inbox on a database kept by the cases bench (BENCH_KEEP=1)
 *   BENCH_KEEP=1        keep the inbox database (its name is printed) for BENCH_REUSE_DB
 *   BENCH_ONLY=sweep|inbox  run one part
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createDb, type DbHandle } from '../src/db/create-db.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedSyntheticCases } from '../src/demo/synthetic-cases.js';
import { sweepOverdue } from '../src/features/tasks/index.js';
import { ephemeralFieldCrypto } from '../src/lib/keys.js';
import { totpCode } from '../src/lib/totp.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, seed } from '../src/seed.js';
import { createServices } from '../src/services.js';

const adminUrl = process.env.BENCH_DATABASE_URL;
const only = process.env.BENCH_ONLY;
const TASKS = Number(process.env.BENCH_TASKS ?? 100_000);
const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const HOUR = 3_600_000;

const config = loadConfig({
  LOG_LEVEL: 'silent',
  RATE_LIMIT_PER_MINUTE: '1000000',
  SCHEDULER_INTERVAL_SECONDS: '0',
  LOGIN_MAX_FAILURES_PER_USER: '1000000',
  LOGIN_MAX_FAILURES_PER_IP: '1000000',
});
const crypto = ephemeralFieldCrypto();

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A fresh database for one part: PostgreSQL when configured, else PGlite in memory. */
async function freshDb(
  reuse?: string,
): Promise<{ handle: DbHandle; url?: string; drop: () => Promise<void> }> {
  if (!adminUrl) return { handle: await createDb({}), drop: async () => undefined };
  const name = reuse ?? `opennrm_bench_${randomBytes(5).toString('hex')}`;
  if (!reuse) await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    handle: await createDb({ databaseUrl: url.toString(), poolSize: 6 }),
    url: url.toString(),
    drop: async () => {
      if (process.env.BENCH_KEEP === '1') return console.log(`  kept database ${name}`);
      if (!reuse) await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function sweepBench() {
  const { handle, drop } = await freshDb();
  const { db } = handle;
  let now = new Date();
  const services = createServices({ config, db, now: () => now, crypto });
  await migrateToLatest(db);
  await seed(services, { demo: true });
  await seedSyntheticCases(services, { count: 1000, seed: 3 });
  const cases = await db.selectFrom('cases').select('id').execute();
  const users = await db.selectFrom('users').select(['id', 'username', 'organisation_id']).execute();
  const manager = users.find((u) => u.username === 'casemanager')!;
  const police = users.find((u) => u.username === 'officer')!;
  const t0 = performance.now();
  const rows = Array.from({ length: TASKS }, (_, i) => {
    const owner = i % 3;
    return {
      case_id: cases[i % cases.length]!.id,
      key: `bench-${i}`,
      sop_task_id: 'safety_assessment',
      stage: 'referral_assistance' as const,
      title: JSON.stringify({ en: 'Safety assessment', ar: 'تقييم السلامة' }),
      mandatory: true,
      status: 'open' as const,
      assignee_id: owner === 0 ? manager.id : null,
      owner_organisation_id: owner === 1 ? police.organisation_id : null,
      owner_role: owner === 2 ? ('nrm_supervisor' as const) : null,
      due_at: new Date(now.getTime() - HOUR - (i % 1000) * 1000),
      created_at: now,
    };
  });
  for (let i = 0; i < rows.length; i += 2000)
    await db
      .insertInto('tasks')
      .values(rows.slice(i, i + 2000))
      .execute();
  if (adminUrl)
    await db
      .executeQuery({ sql: 'VACUUM ANALYZE tasks', parameters: [], query: { kind: 'RawNode' } } as never)
      .catch(() => undefined);
  console.log(
    `sweep bench (${handle.kind}): ${TASKS.toLocaleString('en')} open overdue tasks on ${cases.length} cases inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const rssBefore = process.memoryUsage().rss;
  let t = performance.now();
  const marked = await sweepOverdue(services);
  const markMs = performance.now() - t;
  const notes1 = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  console.log(
    `  mark overdue: ${marked.tasksOverdue.toLocaleString('en')} tasks in ${(markMs / 1000).toFixed(2)} s (${Math.round((marked.tasksOverdue / markMs) * 1000).toLocaleString('en')} tasks/s), ${Number(notes1.n).toLocaleString('en')} notifications`,
  );
  t = performance.now();
  const idle = await sweepOverdue(services);
  console.log(
    `  sweep with nothing to do: ${(performance.now() - t).toFixed(1)} ms (${idle.tasksOverdue} marked)`,
  );
  now = new Date(now.getTime() + config.scheduler.escalationGraceMs + HOUR);
  t = performance.now();
  const escalated = await sweepOverdue(services);
  const escMs = performance.now() - t;
  console.log(
    `  escalate: ${escalated.tasksEscalated.toLocaleString('en')} tasks in ${(escMs / 1000).toFixed(2)} s (${Math.round((escalated.tasksEscalated / escMs) * 1000).toLocaleString('en')} tasks/s)`,
  );
  console.log(`  process memory (RSS) grew ${mb(process.memoryUsage().rss - rssBefore)} during the sweeps`);
  await handle.close();
  await drop();
}

async function signIn(app: FastifyInstance, username: string) {
  const cookies = new Map<string, string>();
  let csrf: string | undefined;
  const request = async (method: 'GET' | 'POST', url: string, body?: object) => {
    const headers: Record<string, string> = { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (method === 'POST' && csrf) headers['x-csrf-token'] = csrf;
    const res = await app.inject({ method, url, headers, ...(body ? { payload: body } : {}) });
    for (const c of res.cookies as { name: string; value: string }[]) cookies.set(c.name, c.value);
    const json = res.headers['content-type']?.toString().includes('json')
      ? (res.json() as { csrfToken?: string; stage?: string })
      : {};
    if (typeof json.csrfToken === 'string') csrf = json.csrfToken;
    return { res, json };
  };
  const login = await request('POST', '/api/auth/login', { username, password: DEMO_PASSWORD });
  if (login.res.statusCode !== 200) throw new Error(`login ${login.res.statusCode}`);
  if (login.json.stage !== 'authenticated') {
    let mfa = await request('POST', '/api/auth/mfa', { code: totpCode(DEMO_TOTP_SECRET, Date.now()) });
    if (mfa.res.statusCode === 401) {
      await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 100));
      mfa = await request('POST', '/api/auth/mfa', { code: totpCode(DEMO_TOTP_SECRET, Date.now()) });
    }
  }
  return request;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function inboxBench() {
  if (!adminUrl) {
    console.log('inbox bench: skipped. Set BENCH_DATABASE_URL to a PostgreSQL server.');
    return;
  }
  const reuse = process.env.BENCH_REUSE_DB;
  const { handle, url, drop } = await freshDb(reuse);
  const { db } = handle;
  const services = createServices({ config, db, now: () => new Date(), crypto });
  await migrateToLatest(db);
  if (reuse) {
    await db
      .updateTable('users')
      .set({ totp_secret: crypto.encrypt(DEMO_TOTP_SECRET) })
      .execute();
  } else {
    await seed(services, { demo: true });
    const r = await seedSyntheticCases(services, { count: CASES, seed: 1 });
    console.log(
      `inbox bench: seeded ${r.cases.toLocaleString('en')} cases in ${(r.elapsedMs / 1000).toFixed(0)} s`,
    );
  }
  // Referrals as the SOP leaves them: purposes, and deadlines (a share already past).
  await db.executeQuery({
    sql: `UPDATE referrals SET purpose = 'investigation',
            acknowledge_by = created_at + interval '1 day',
            complete_by = CASE WHEN status IN ('accepted', 'in_progress') THEN created_at + interval '30 days' END`,
    parameters: [],
    query: { kind: 'RawNode' },
  } as never);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query('VACUUM (ANALYZE) referrals');
  const counts = await c.query<{ name: string; n: string }>(
    `SELECT o.name, count(*) AS n FROM referrals r JOIN organisations o ON o.id = r.organisation_id GROUP BY o.name ORDER BY 2 DESC`,
  );
  const cases = await c.query<{ n: string }>('SELECT count(*) AS n FROM cases');
  console.log(
    `inbox bench: ${Number(cases.rows[0]!.n).toLocaleString('en')} cases; referrals per organisation: ${counts.rows.map((r) => `${r.name} ${Number(r.n).toLocaleString('en')}`).join(', ')}`,
  );
  const app = await buildApp({ config, db, crypto });
  await app.ready();
  const officer = await signIn(app, 'officer');
  for (const box of ['new', 'overdue', 'in_progress', 'completed']) {
    const times: number[] = [];
    let items = 0;
    for (let i = 0; i < ITERATIONS + 10; i++) {
      const t = performance.now();
      const { res, json } = await officer('GET', `/api/inbox?box=${box}&limit=25`);
      if (res.statusCode !== 200) throw new Error(`inbox ${res.statusCode} ${res.body}`);
      if (i >= 10) times.push(performance.now() - t);
      items = (json as { items?: unknown[] }).items?.length ?? 0;
    }
    times.sort((a, b) => a - b);
    console.log(
      `  GET /api/inbox?box=${box.padEnd(11)} p50 ${pct(times, 50).toFixed(1)} ms  p95 ${pct(times, 95).toFixed(1)} ms  p99 ${pct(times, 99).toFixed(1)} ms  (${items} rows on the page)`,
    );
  }
  const org = await c.query<{ organisation_id: string }>(
    `SELECT organisation_id FROM users WHERE username = 'officer'`,
  );
  const orgId = org.rows[0]!.organisation_id;
  const plans: [string, string][] = [
    [
      'a page of the "new" box',
      `SELECT id FROM referrals r WHERE r.organisation_id = $1 AND r.status IN ('sent', 'acknowledged')
       ORDER BY r.created_at DESC, r.id DESC LIMIT 26`,
    ],
    [
      'the count of the "completed" box',
      `SELECT count(*) FROM referrals r WHERE r.organisation_id = $1 AND r.status IN ('completed', 'declined', 'revoked')`,
    ],
  ];
  for (const [label, query] of plans) {
    const plan = await c.query(`EXPLAIN (ANALYZE, BUFFERS) ${query}`, [orgId]);
    console.log(`  plan of ${label}:`);
    for (const row of plan.rows) console.log(`    ${row['QUERY PLAN']}`);
  }
  await c.end();
  await app.close();
  await handle.close();
  await drop();
}

if (!only || only === 'sweep') await sweepBench();
if (!only || only === 'inbox') await inboxBench();
