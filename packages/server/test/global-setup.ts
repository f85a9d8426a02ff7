import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../src/config.js';
import { createDb } from '../src/db/create-db.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createFieldCrypto } from '../src/lib/field-crypto.js';
import { seed } from '../src/seed.js';
import { createServices } from '../src/services.js';

/** The migrated, seeded database every test context starts from, and the keys its fields are encrypted with. */
export interface DatabaseTemplate {
  kind: 'pglite' | 'postgres';
  /** PGlite: a dump of the data folder (tar), loaded by each context instead of initdb + migrations + seed. */
  file?: string;
  /** PostgreSQL: a database each context copies with CREATE DATABASE … TEMPLATE. */
  database?: string;
  fieldKey: string;
  indexKey: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplate: DatabaseTemplate;
  }
}

/**
 * Builds the test database once per run (per project): initdb, migrations and the demo seed took
 * most of each test file's set-up; a context now loads (PGlite) or copies (PostgreSQL) this one.
 */
export default async function setup(project: TestProject) {
  const kind = project.config.env?.OPENNRM_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
  const fieldKey = randomBytes(32);
  const indexKey = randomBytes(32);
  const crypto = createFieldCrypto([{ id: 'test', key: fieldKey }], indexKey);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const keys = { fieldKey: fieldKey.toString('base64'), indexKey: indexKey.toString('base64') };

  if (kind === 'pglite') {
    const handle = await createDb({});
    await migrateToLatest(handle.db);
    await seed(createServices({ config, db: handle.db, now: () => new Date(), crypto }), { demo: true });
    const dump = await handle.dumpDataDir!();
    await handle.close();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'opennrm-template-'));
    const file = path.join(dir, 'pgdata.tar');
    await writeFile(file, Buffer.from(await dump.arrayBuffer()));
    project.provide('databaseTemplate', { kind, file, ...keys });
    return () => rm(dir, { recursive: true, force: true });
  }

  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('OPENNRM_TEST_DB=postgres needs TEST_DATABASE_URL');
  const database = `opennrm_template_${randomBytes(6).toString('hex')}`;
  const admin = async (query: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(query);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const handle = await createDb({ databaseUrl: url.toString(), poolSize: 2 });
  await migrateToLatest(handle.db);
  await seed(createServices({ config, db: handle.db, now: () => new Date(), crypto }), { demo: true });
  // A template must have no open connection while it is copied.
  await handle.close();
  project.provide('databaseTemplate', { kind, database, ...keys });
  return () => admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
}
