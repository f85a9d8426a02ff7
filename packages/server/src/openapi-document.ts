/**
 * Writes the OpenAPI document to a file (`npm run lint:openapi` lints it): the app is built on
 * an empty in-memory database with throwaway keys; nothing is served and nothing is seeded.
 * Usage: tsx src/openapi-document.ts <output.json>
 */
import { writeFile } from 'node:fs/promises';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { createDb } from './db/create-db.js';
import { migrateToLatest } from './db/migrate.js';
import { ephemeralAuditSigningKey, ephemeralFieldCrypto } from './lib/keys.js';

export async function openApiDocument(): Promise<unknown> {
  const handle = await createDb({ poolSize: 1 });
  try {
    await migrateToLatest(handle.db);
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SCHEDULER_INTERVAL_SECONDS: '0' });
    const app = await buildApp({
      config,
      db: handle.db,
      crypto: ephemeralFieldCrypto(),
      auditKey: ephemeralAuditSigningKey(),
    });
    await app.ready();
    const doc = app.swagger();
    await app.close();
    return doc;
  } finally {
    await handle.close();
  }
}

const out = process.argv[2];
if (out && import.meta.url === `file://${process.argv[1]}`) {
  await writeFile(out, `${JSON.stringify(await openApiDocument(), null, 2)}\n`);
}
