import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

// Return bigint columns (audit ids) as strings, never as lossy numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);
// Dates of birth stay calendar dates ('YYYY-MM-DD'), never shifted by a time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Database = Kysely<DB>;

export interface DbOptions {
  databaseUrl?: string | undefined;
  /** Folder for the embedded database; undefined with no databaseUrl means in memory. */
  pgliteDir?: string | undefined;
  poolSize?: number;
  /** PGlite only: start from this dump of a data folder (`dumpDataDir`) instead of an empty one. */
  pgliteLoadDataDir?: Blob | undefined;
}

export interface DbHandle {
  db: Database;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
  /** PGlite only: the data folder as a tar file (the tests' template database). */
  dumpDataDir?: () => Promise<Blob>;
}

export async function createDb(options: DbOptions): Promise<DbHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      // A database that does not answer fails the request (503) instead of queueing it forever.
      connectionTimeoutMillis: 10_000,
    });
    // A connection the server closed (restart, failover, admin command) emits 'error' on its
    // client. The pool listens only while the client is idle; a checked-out client (a request
    // or a transaction using it) has no listener, and pg would turn the event into an uncaught
    // exception that stops the process. The query in progress fails with its own error (a 503
    // for the request), the pool discards the broken client and the next query opens a fresh
    // connection, so both listeners only swallow the event.
    pool.on('connect', (client) => {
      client.on('error', () => {});
    });
    pool.on('error', () => {});
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  if (options.pgliteDir) fs.mkdirSync(path.dirname(options.pgliteDir), { recursive: true });
  const pglite = await PGlite.create({
    ...(options.pgliteDir ? { dataDir: options.pgliteDir } : {}),
    ...(options.pgliteLoadDataDir ? { loadDataDir: options.pgliteLoadDataDir } : {}),
    extensions: { pg_trgm },
    parsers: { 1082: (v: string) => v },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind: 'pglite',
    close: () => db.destroy(),
    dumpDataDir: async () => pglite.dumpDataDir('none'),
  };
}
