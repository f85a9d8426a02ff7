import path from 'node:path';
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createDb } from './db/create-db.js';
import { migrateToLatest } from './db/migrate.js';
import { DatabaseWaitError, waitForDatabase } from './db/wait-for-database.js';
import { seedDemoWorkflows } from './demo/demo-workflows.js';
import { seedSyntheticCases } from './demo/synthetic-cases.js';
import { loadAuditSigner } from './features/audit/index.js';
import { purgeExpiredSessions } from './features/auth/index.js';
import type { FileServices } from './features/documents/index.js';
import { openKeys } from './lib/key-check.js';
import { createStorage } from './lib/storage/index.js';
import { startScheduler } from './scheduler.js';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERS, seed } from './seed.js';
import { createServices } from './services.js';

/** A start-up problem the operator can fix: its line(s), naming the variable or folder, and exit 1. */
function fail(error: unknown): never {
  if (error instanceof ConfigError || error instanceof DatabaseWaitError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const config = (() => {
  try {
    return loadConfig();
  } catch (error) {
    return fail(error);
  }
})();
const pgliteDir = config.databaseUrl ? undefined : path.join(config.dataDir, 'pglite');
const handle = await createDb({
  databaseUrl: config.databaseUrl,
  pgliteDir,
  poolSize: config.databasePoolSize,
}).catch((error: unknown) =>
  fail(
    pgliteDir
      ? new ConfigError([
          `DATA_DIR: cannot open the embedded database in ${pgliteDir}: ${(error as Error).message ?? String(error)}`,
        ])
      : error,
  ),
);
// PostgreSQL may still be starting (a host rebooting): wait for it, one line per attempt.
if (config.databaseUrl) {
  await waitForDatabase(handle.db, {
    databaseUrl: config.databaseUrl,
    timeoutMs: config.databaseStartTimeoutMs,
    log: (line) => console.error(line),
  }).catch(fail);
}
await migrateToLatest(handle.db);
// Keys after the database: a missing key file is made only for a database without encrypted
// data, and the keys must decrypt the database's key check, or the start stops here.
const { crypto, keyring, created: keysCreated } = await openKeys(config, handle.db).catch(fail);
// The key signing audit checkpoints: refused, with the key id to restore, when the database
// holds checkpoints signed by another key.
const audit = await loadAuditSigner(config, handle.db).catch((error) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
});
const services = createServices({ config, db: handle.db, now: () => new Date(), crypto });
const seeded = await seed(services, { demo: config.seedDemo });
// A newcomer should meet a living system: about 200 synthetic cases, only on an empty demo.
const synthetic = config.seedDemo
  ? await seedSyntheticCases(services, { count: 200, seed: 2026 })
  : undefined;
// ...and about 120 of the screened ones somewhere along their SOP, with referrals and tasks.
const demoWorkflows = synthetic && !synthetic.skipped ? await seedDemoWorkflows(services) : undefined;

// Document storage and file keys, opened at start so a missing key or bucket setting shows now.
const files: FileServices = {
  storage: createStorage(config),
  keyring,
  maxUploadBytes: config.storage.maxUploadBytes,
  clamd: config.clamdAddress,
};
const app = await buildApp({ config, db: handle.db, crypto, files, auditKey: audit.key });

const sweep = setInterval(() => {
  purgeExpiredSessions(handle.db, new Date(), config.session.idleMs).catch((err) =>
    app.log.warn({ err: { message: (err as Error).message } }, 'session sweep failed'),
  );
}, 10 * 60_000);
sweep.unref();
const scheduler = startScheduler(services, app.log, files, audit.key);

closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'shutting down after an error');
  else app.log.info({ signal }, 'shutting down');
  clearInterval(sweep);
  await scheduler.stop();
  await app.close();
  await files.storage.close();
  await handle.close();
});

await app.listen({ host: config.host, port: config.port });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : config.port;
const url = config.publicUrl ?? `http://localhost:${port}`;

const lines = [
  '',
  `OpenNRM is running at ${url}`,
  `  database: ${handle.kind === 'pglite' ? `embedded PGlite in ${path.join(config.dataDir, 'pglite')}` : 'PostgreSQL (DATABASE_URL)'}`,
  `  API reference: ${url}/api/docs`,
];
if (keysCreated)
  lines.push(`  created encryption keys in ${config.keys.keyFile}: back this file up with the database`);
if (audit.created)
  lines.push(
    `  audit checkpoint key ${audit.key.id} in ${config.keys.keyFile}: back this file up with the database`,
  );
if (seeded.organisationsCreated) lines.push(`  created ${seeded.organisationsCreated} default organisations`);
if (synthetic && !synthetic.skipped) lines.push(`  created ${synthetic.cases} synthetic demo cases`);
if (demoWorkflows?.started)
  lines.push(
    `  walked ${demoWorkflows.started} of them through their SOP (${JSON.stringify(demoWorkflows.byStage)})`,
  );
if (config.seedDemo) {
  lines.push(
    '',
    'Demo logins (demo data only; set SEED_DEMO=false in production):',
    `  password for every demo user: ${DEMO_PASSWORD}`,
    `  authenticator secret (TOTP, SHA-1, 6 digits, 30 s): ${DEMO_TOTP_SECRET}`,
    '  a current code: npm run cli -- totp-code',
    ...DEMO_USERS.map((u) => `  ${u.username.padEnd(12)} ${u.role}`),
  );
}
console.log(lines.join('\n'));
