import type { Insertable, Kysely, Transaction } from 'kysely';
import type { ConsentsTable, DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/** A case's consent records with their organisation and recorder, newest first. */
export function listConsentRows(db: Db, caseId: string) {
  return db
    .selectFrom('consents as c')
    .leftJoin('organisations as o', 'o.id', 'c.organisation_id')
    .leftJoin('users as u', 'u.id', 'c.recorded_by')
    .selectAll('c')
    .select(['o.name as organisation_name', 'u.display_name as recorder_name'])
    .where('c.case_id', '=', caseId)
    .orderBy('c.recorded_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
}

export async function insertConsent(db: Db, values: Insertable<ConsentsTable>): Promise<string> {
  const { id } = await db.insertInto('consents').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}
