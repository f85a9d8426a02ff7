/**
 * `npm run bench:http`: the API under constant-arrival-rate (open-loop) load, on PostgreSQL with
 * BENCH_CASES synthetic cases, against the raw database running the same SQL (pgbench).
 *
 * 1. Database: BENCH_DATABASE_URL (used as is: seeded when it has fewer than BENCH_CASES cases,
 *    reused without reseeding when it has enough), or else a throw-away PostgreSQL cluster under
 *    /tmp (initdb + pg_ctl, like .ci/run), removed at the end.
 * 2. Server: the real `buildApp` in its own process (bench/http-server.ts) on 127.0.0.1.
 * 3. Load: for each endpoint, a ladder of rates (open loop: requests are scheduled on a timer,
 *    latency counts from the scheduled time), p50/p90/p99 per step, and the highest rate with
 *    p99 < 50 ms and no errors. Endpoints: case read (case manager), case list with filters,
 *    the agency inbox (focal point), case update (PATCH with If-Match).
 * 4. Anchor: the SQL one case read sends, replayed by pgbench (with and without the global
 *    advisory lock when there is one); prints API rate / raw rate.
 *
 *   BENCH_DATABASE_URL   PostgreSQL database to use (default: a throw-away cluster)
 *   BENCH_CASES          cases (default 1000000)
 *   BENCH_RATES          ladder in req/s (default 50,100,200,400,800)
 *   BENCH_STEP_SECONDS   seconds per step (default 12)
 *   BENCH_ONLY           run only the endpoints whose name contains the text
 *   BENCH_PGBENCH_SECONDS, BENCH_PGBENCH_CLIENTS  the anchor (default 15 s, 8 clients)
 *   BENCH_PG_PORT        port of the throw-away cluster (default 54339)
 *   DATABASE_POOL_SIZE   the server's pool (default 10, as in production)
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { type CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { createDb } from '../src/db/create-db.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { DB } from '../src/db/schema.js';
import { seedSyntheticCases } from '../src/demo/synthetic-cases.js';
import { DEMO_TOTP_SECRET, seed } from '../src/seed.js';
import { createServices } from '../src/services.js';
import { type HttpSession, signInOverHttp } from './http-signin.js';
import { benchConfig, benchCrypto } from './http-support.js';
import { type PlannedRequest, runStep, type StepResult } from './open-loop.js';
import { type Cluster, startThrowawayCluster } from './pg-cluster.js';
import { anchorFrom, runPgbench } from './pgbench-anchor.js';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const RATES = (process.env.BENCH_RATES ?? '50,100,200,400,800').split(',').map(Number);
const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 12);
const PGBENCH_SECONDS = Number(process.env.BENCH_PGBENCH_SECONDS ?? 15);
const PGBENCH_CLIENTS = Number(process.env.BENCH_PGBENCH_CLIENTS ?? 8);
const P99_TARGET_MS = 50;
const here = path.dirname(fileURLToPath(import.meta.url));

let cluster: Cluster | undefined;
let server: ReturnType<typeof spawn> | undefined;
const cleanup = () => {
  server?.kill('SIGTERM');
  cluster?.stop();
};
process.on('uncaughtException', (error) => {
  console.error(error);
  cleanup();
  process.exit(1);
});
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});

// 1. The database.
let databaseUrl = process.env.BENCH_DATABASE_URL;
if (!databaseUrl) {
  const port = Number(process.env.BENCH_PG_PORT ?? 54339);
  cluster = startThrowawayCluster(port);
  console.log(`throw-away PostgreSQL cluster in ${cluster.dir} on port ${port}`);
  databaseUrl = cluster.url;
}
const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
const version = (await pool.query<{ v: string }>('SELECT version() AS v')).rows[0]!.v.split(' on ')[0];
console.log(
  `http bench: ${version}; ${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);

const handle = await createDb({ databaseUrl, poolSize: 4 });
const config = benchConfig();
const crypto = benchCrypto();
const services = createServices({ config, db: handle.db, now: () => new Date(), crypto });
await migrateToLatest(handle.db);
await seed(services, { demo: true });
// The demo users' authenticator secret under this bench's keys (a database seeded elsewhere).
await handle.db
  .updateTable('users')
  .set({ totp_secret: crypto.encrypt(DEMO_TOTP_SECRET) })
  .execute();
const existing = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM cases')).rows[0]!.n);
if (existing >= CASES) {
  console.log(
    `reusing the database: ${existing.toLocaleString('en')} cases (BENCH_CASES ${CASES.toLocaleString('en')})`,
  );
} else {
  const count = CASES - existing;
  console.log(
    `seeding ${count.toLocaleString('en')} cases (${existing.toLocaleString('en')} there already)...`,
  );
  let lastPercent = -1;
  const result = await seedSyntheticCases(services, {
    count,
    seed: 1 + existing,
    append: existing > 0,
    onProgress: (p) => {
      const percent = Math.floor((p.cases / p.total) * 20) * 5;
      if (percent === lastPercent) return;
      lastPercent = percent;
      const rate = p.cases / (p.elapsedMs / 1000);
      const eta = (p.total - p.cases) / rate;
      console.log(
        `  ${percent}%: ${p.cases.toLocaleString('en')} cases in ${(p.elapsedMs / 1000).toFixed(0)} s (${Math.round(rate)} cases/s, about ${eta.toFixed(0)} s left)`,
      );
    },
  });
  console.log(
    `seeded ${result.cases.toLocaleString('en')} cases, ${result.persons.toLocaleString('en')} persons in ${(result.elapsedMs / 1000).toFixed(1)} s`,
  );
  const t = performance.now();
  await pool.query('VACUUM (ANALYZE)');
  console.log(`VACUUM (ANALYZE): ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
const size = (
  await pool.query<{ s: string }>('SELECT pg_size_pretty(pg_database_size(current_database())) AS s')
).rows[0]!.s;
console.log(`database size ${size}`);

// 2. The server, in its own process.
server = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'http-server.ts')], {
  env: { ...process.env, BENCH_SERVER_DATABASE_URL: databaseUrl, BENCH_SERVER_PORT: '0' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const serverPort = await new Promise<number>((resolve, reject) => {
  let out = '';
  server!.stdout!.on('data', (chunk: Buffer) => {
    out += chunk;
    const m = /listening (\d+)/.exec(out);
    if (m) resolve(Number(m[1]));
  });
  server!.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
});
const baseUrl = `http://127.0.0.1:${serverPort}`;
console.log(`server (buildApp, pool ${config.databasePoolSize}) at ${baseUrl}, pid ${server.pid}`);

const manager = await signInOverHttp(baseUrl, 'casemanager');
const focal = await signInOverHttp(baseUrl, 'focalpoint');
const auth = (s: HttpSession, write = false): Record<string, string> => ({
  cookie: s.cookie,
  ...(write ? { 'x-csrf-token': s.csrfToken } : {}),
});

// Cases to read and to update: a random sample the case manager can open.
const sample = (
  await pool.query<{ id: string }>('SELECT id FROM cases TABLESAMPLE BERNOULLI (5) LIMIT 4000')
).rows.map((r) => r.id);
const readable: string[] = [];
const etags = new Map<string, string>();
for (let i = 0; i < sample.length && readable.length < 1000; i += 20) {
  await Promise.all(
    sample.slice(i, i + 20).map(async (id) => {
      const res = await fetch(`${baseUrl}/api/cases/${id}`, { headers: auth(manager) });
      await res.arrayBuffer();
      if (res.status === 200) {
        readable.push(id);
        etags.set(id, res.headers.get('etag')!);
      }
    }),
  );
}
if (readable.length === 0) throw new Error('the case manager can open none of the sampled cases');
console.log(`${readable.length} sampled cases the case manager can open`);
const inbox = (await (
  await fetch(`${baseUrl}/api/inbox?box=new&limit=25`, { headers: auth(focal) })
).json()) as {
  counts?: Record<string, number>;
};
console.log(`focal point's inbox: ${JSON.stringify(inbox.counts)}`);

// 3. The endpoints.
const LIST_FILTERS = [
  'stage=screening&nationality=PH',
  'category=trafficking&risk=high',
  'view=mine&stage=screening',
  'nationality=IN&category=labour_case',
];
const updating = new Set<string>();
let updateCursor = 0;
interface Endpoint {
  name: string;
  plan: (i: number) => PlannedRequest | undefined;
}
const allEndpoints: Endpoint[] = [
  {
    name: 'case read: GET /api/cases/{id}',
    plan: (i) => ({
      method: 'GET',
      path: `/api/cases/${readable[(i * 7919) % readable.length]}`,
      headers: auth(manager),
    }),
  },
  {
    name: 'case list: GET /api/cases?filters',
    plan: (i) => ({
      method: 'GET',
      path: `/api/cases?limit=25&${LIST_FILTERS[i % LIST_FILTERS.length]}`,
      headers: auth(manager),
    }),
  },
  {
    name: 'inbox: GET /api/inbox (focal point)',
    plan: () => ({ method: 'GET', path: '/api/inbox?box=new&limit=25', headers: auth(focal) }),
  },
  {
    name: 'case update: PATCH /api/cases/{id} If-Match',
    plan: (i) => {
      // A case with no update in flight, so a 412 is a real conflict, not the generator's.
      for (let k = 0; k < readable.length; k++) {
        const id = readable[updateCursor++ % readable.length]!;
        if (updating.has(id)) continue;
        updating.add(id);
        return {
          method: 'PATCH',
          path: `/api/cases/${id}`,
          headers: { ...auth(manager, true), 'if-match': etags.get(id)! },
          body: JSON.stringify({ interpreterUsed: i % 2 === 0 }),
          check: (status, headers) => {
            updating.delete(id);
            if (typeof headers.etag === 'string') etags.set(id, headers.etag);
            return status === 200;
          },
        };
      }
      return undefined;
    },
  },
];
const endpoints = allEndpoints.filter(
  (e) => !process.env.BENCH_ONLY || e.name.includes(process.env.BENCH_ONLY),
);

const fmt = (ms: number) =>
  (Number.isNaN(ms) ? '-' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`).padStart(9);
const summary: { name: string; best: number | undefined; steps: StepResult[] }[] = [];
for (const endpoint of endpoints) {
  console.log(`\n== ${endpoint.name}: ${RATES.join(', ')} req/s, ${STEP_SECONDS} s each (open loop)`);
  // Warm-up: a few seconds at the lowest rate, not counted.
  await runStep({ baseUrl, rate: RATES[0]!, seconds: 2, plan: endpoint.plan });
  const steps: StepResult[] = [];
  let best: number | undefined;
  for (const rate of RATES) {
    const r = await runStep({ baseUrl, rate, seconds: STEP_SECONDS, plan: endpoint.plan });
    steps.push(r);
    const ok = r.errors === 0 && r.p99 < P99_TARGET_MS;
    if (ok) best = rate;
    const errors = r.errors ? `  errors ${r.errors} ${JSON.stringify(r.errorKinds)}` : '';
    console.log(
      `  ${String(rate).padStart(5)} req/s: done ${r.achievedRate.toFixed(0).padStart(5)}/s  p50 ${fmt(r.p50)}  p90 ${fmt(r.p90)}  p99 ${fmt(r.p99)}  max ${fmt(r.max)}  ${ok ? 'ok' : 'OVER'}${errors}`,
    );
    // Saturated: higher rates only queue more.
    if (r.p99 > 2000 || r.errors > r.scheduled * 0.05) {
      console.log('  (saturated: the higher rates are skipped)');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  summary.push({ name: endpoint.name, best, steps });
}

// 4. The raw-database anchor: the SQL of one case read, recorded twice through the real app.
const recorded: CompiledQuery[] = [];
let recording = false;
const recordPool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
const recordDb = new Kysely<DB>({
  dialect: new PostgresDialect({ pool: recordPool }),
  log: (event) => {
    if (recording) recorded.push(event.query);
  },
});
const recorder = await buildApp({ config, db: recordDb, crypto });
await recorder.ready();
const readOnce = async () => {
  recorded.length = 0;
  recording = true;
  const res = await recorder.inject({
    method: 'GET',
    url: `/api/cases/${readable[0]}`,
    headers: auth(manager),
  });
  recording = false;
  if (res.statusCode !== 200) throw new Error(`recording read: ${res.statusCode} ${res.body}`);
  return [...recorded];
};
const first = await readOnce();
const second = await readOnce();
await recorder.close();
await recordDb.destroy();
const anchor = anchorFrom(first, second);
console.log(
  `\n== raw database: the ${anchor.statements.length} statements of one case read, as pgbench transactions`,
);
for (const s of anchor.statements) console.log(`  ${s.length > 200 ? `${s.slice(0, 200)}...` : s}`);
const pgbenchOpts = { clients: PGBENCH_CLIENTS, threads: 2, seconds: PGBENCH_SECONDS };
const raw = runPgbench(databaseUrl, anchor.statements, {
  ...pgbenchOpts,
  file: path.join(os.tmpdir(), 'opennrm-bench-read.sql'),
});
if (Number.isNaN(raw.tps)) console.log(`  pgbench failed:\n    ${raw.output}`);
console.log(
  `  pgbench, ${PGBENCH_CLIENTS} clients, ${PGBENCH_SECONDS} s: ${raw.tps.toFixed(0)} tx/s, latency average ${raw.latencyMs} ms, failed ${raw.failed}`,
);
let unlocked: ReturnType<typeof runPgbench> | undefined;
if (anchor.lockIndex !== undefined) {
  const statements = anchor.statements.filter((_s, i) => i !== anchor.lockIndex);
  unlocked = runPgbench(databaseUrl, statements, {
    ...pgbenchOpts,
    file: path.join(os.tmpdir(), 'opennrm-bench-read-nolock.sql'),
  });
  console.log(
    `  the same without the global advisory lock: ${unlocked.tps.toFixed(0)} tx/s, latency average ${unlocked.latencyMs} ms, failed ${unlocked.failed}`,
  );
}

console.log(
  `\n== summary: highest rate with p99 < ${P99_TARGET_MS} ms and no errors (ladder ${RATES.join(', ')} req/s)`,
);
for (const s of summary)
  console.log(
    `  ${s.name.padEnd(46)} ${s.best === undefined ? `none (below ${RATES[0]})` : `${s.best} req/s`}`,
  );
const read = summary.find((s) => s.name.startsWith('case read'));
if (read) {
  const api = read.best ?? 0;
  // Throughput regardless of latency: the most completions per second of a step without errors.
  const served = Math.max(0, ...read.steps.filter((r) => r.errors === 0).map((r) => r.achievedRate));
  console.log(
    `  case read served (no errors, any p99): ${served.toFixed(0)} req/s = ${((served / raw.tps) * 100).toFixed(0)} % of raw`,
  );
  console.log(
    `  case read / raw SQL:            ${api} / ${raw.tps.toFixed(0)} = ${((api / raw.tps) * 100).toFixed(0)} %`,
  );
  if (unlocked)
    console.log(
      `  case read / raw SQL, no lock:   ${api} / ${unlocked.tps.toFixed(0)} = ${((api / unlocked.tps) * 100).toFixed(0)} % (target >= 50 %)`,
    );
}
console.log(
  `load average at the end ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (a loaded machine gives lower numbers)`,
);

server.kill('SIGTERM');
await once(server, 'exit');
await pool.end();
await recordPool.end().catch(() => undefined);
await handle.close();
cluster?.stop();
