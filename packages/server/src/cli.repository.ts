import type { Kysely } from 'kysely';
import type { DB } from './db/schema.js';

/** The SQL of the command line (cli.ts). */

/** The hash of the audit row at a chain position: a recorded anchor must still be there. */
export function auditHashAt(db: Kysely<DB>, position: string) {
  return db.selectFrom('audit_log').select('hash').where('position', '=', position).executeTakeFirst();
}

/** The coordinating organisation (the NRM team), where the first administrator belongs. */
export function findCoordinator(db: Kysely<DB>) {
  return db.selectFrom('organisations').select('id').where('kind', '=', 'coordinator').executeTakeFirst();
}
