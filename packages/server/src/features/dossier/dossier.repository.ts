import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { DB } from '../../db/schema.js';

/** The SQL of dossier exports; the rules are in dossier.service.ts. */

type Db = Kysely<DB> | Transaction<DB>;

export function insertExport(db: Db, values: Insertable<DB['dossier_exports']>) {
  return db.insertInto('dossier_exports').values(values).returningAll().executeTakeFirstOrThrow();
}

export function findExport(db: Db, id: string) {
  return db.selectFrom('dossier_exports').selectAll().where('id', '=', id).executeTakeFirst();
}

export type ExportRow = NonNullable<Awaited<ReturnType<typeof findExport>>>;

/** Changes an export; with `whileState`, only while it is in that state. */
export async function updateExport(
  db: Db,
  id: string,
  patch: Omit<Updateable<DB['dossier_exports']>, 'id' | 'case_id' | 'user_id' | 'created_at'>,
  whileState?: Selectable<DB['dossier_exports']>['state'],
): Promise<void> {
  let query = db.updateTable('dossier_exports').set(patch).where('id', '=', id);
  if (whileState !== undefined) query = query.where('state', '=', whileState);
  await query.execute();
}

/** Finished exports whose download time is over. */
export function listDueExports(db: Db, now: Date) {
  return db
    .selectFrom('dossier_exports')
    .select(['id', 'storage_key'])
    .where('state', '=', 'done')
    .where('expires_at', '<=', now)
    .execute();
}

/** Exports still queued or running that were started before `before`. */
export function listStaleExports(db: Db, before: Date) {
  return db
    .selectFrom('dossier_exports')
    .select('id')
    .where('state', 'in', ['queued', 'running'])
    .where('created_at', '<=', before)
    .execute();
}
