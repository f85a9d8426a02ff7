/**
 * The server `npm run bench:http` measures, in its own process (the load generator must not
 * share its event loop): the real `buildApp` on PostgreSQL, listening on 127.0.0.1, with the
 * scheduler as `main` runs it (the audit sequencer and its checkpoints included).
 *   BENCH_SERVER_DATABASE_URL  the seeded database
 *   BENCH_SERVER_PORT          port (0: any; the chosen one is printed as `listening <port>`)
 *   DATABASE_POOL_SIZE         as in production (default 10)
 */
import { buildApp } from '../src/app.js';
import { createDb } from '../src/db/create-db.js';
import { startScheduler } from '../src/scheduler.js';
import { createServices } from '../src/services.js';
import { benchAuditKey, benchConfig, benchCrypto } from './http-support.js';

const databaseUrl = process.env.BENCH_SERVER_DATABASE_URL;
if (!databaseUrl) throw new Error('BENCH_SERVER_DATABASE_URL is required');
const config = benchConfig({ DATABASE_URL: databaseUrl });
const handle = await createDb({ databaseUrl, poolSize: config.databasePoolSize });
const crypto = benchCrypto();
const auditKey = benchAuditKey();
const app = await buildApp({ config, db: handle.db, crypto, auditKey });
const services = createServices({ config, db: handle.db, now: () => new Date(), crypto });
const scheduler = startScheduler(services, app.log, undefined, auditKey);
await app.listen({ host: '127.0.0.1', port: Number(process.env.BENCH_SERVER_PORT ?? 0) });
const address = app.server.address();
console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`);

const stop = async () => {
  await scheduler.stop();
  await app.close();
  await handle.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
