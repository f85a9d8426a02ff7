/**
 * `npm run bench`: prints numbers, passes or fails nothing.
 * - login latency for a wrong password, an unknown user and a success (the first two must match);
 * - audit appends per second and chain verification speed.
 * Runs on embedded PGlite, or on PostgreSQL when BENCH_DATABASE_URL is set.
 */
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createDb } from '../src/db/create-db.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { recordAudit, verifyAuditChain } from '../src/features/audit/audit.service.js';
import { ephemeralFieldCrypto } from '../src/lib/keys.js';
import { DEMO_PASSWORD, seed } from '../src/seed.js';
import { createServices } from '../src/services.js';

const databaseUrl = process.env.BENCH_DATABASE_URL;
const handle = await createDb({ databaseUrl });
await migrateToLatest(handle.db);
const config = loadConfig({
  LOG_LEVEL: 'silent',
  RATE_LIMIT_PER_MINUTE: '1000000',
  LOGIN_MAX_FAILURES_PER_USER: '1000000',
  LOGIN_MAX_FAILURES_PER_IP: '1000000',
});
const crypto = ephemeralFieldCrypto();
await seed(createServices({ config, db: handle.db, now: () => new Date(), crypto }), { demo: true });
const app = await buildApp({ config, db: handle.db, crypto });

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!.toFixed(1);
  return `p50 ${at(50)} ms, p95 ${at(95)} ms, p99 ${at(99)} ms (n=${s.length})`;
}

async function timeLogins(username: string, password: string, n: number) {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    samples.push(performance.now() - t);
  }
  return samples;
}

console.log(`database: ${handle.kind}`);
await timeLogins('casemanager', 'warm-up-password', 5);
const N = 60;
const wrong = await timeLogins('casemanager', 'not-the-right-password', N);
const unknown = await timeLogins('no-such-user', 'not-the-right-password', N);
const ok = await timeLogins('casemanager', DEMO_PASSWORD, N);
console.log(`login, wrong password: ${stats(wrong)}`);
console.log(`login, unknown user:   ${stats(unknown)}`);
console.log(`login, right password: ${stats(ok)}`);

const APPENDS = 2000;
let t = performance.now();
for (let i = 0; i < APPENDS; i++) {
  await recordAudit(handle.db, { requestId: `bench-${i}` }, { action: 'audit.viewed', details: { i } });
}
const appendMs = performance.now() - t;
console.log(
  `audit append: ${((APPENDS / appendMs) * 1000).toFixed(0)} rows/s (${(appendMs / APPENDS).toFixed(2)} ms each)`,
);
t = performance.now();
const result = await verifyAuditChain(handle.db);
const verifyMs = performance.now() - t;
console.log(
  `audit verify: ${result.checked} rows in ${verifyMs.toFixed(0)} ms (${((result.checked / verifyMs) * 1000).toFixed(0)} rows/s), ok=${result.ok}`,
);
console.log(`rss: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);

await app.close();
await handle.close();
