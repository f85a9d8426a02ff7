import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import type { DB, ScreeningQuestionnairesTable, ScreeningsTable } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Stores a questionnaire version; with `ifAbsent`, a version already there stays as it is. */
export async function insertQuestionnaireRow(
  db: Db,
  values: Insertable<ScreeningQuestionnairesTable>,
  opts: { ifAbsent?: boolean } = {},
): Promise<void> {
  const insert = db.insertInto('screening_questionnaires').values(values);
  await (opts.ifAbsent ? insert.onConflict((oc) => oc.column('version').doNothing()) : insert).execute();
}

/** One questionnaire version with its publisher's username; without `version`, the latest. */
export function findQuestionnaireRow(db: Db, version?: number) {
  let q = db
    .selectFrom('screening_questionnaires as q')
    .leftJoin('users as u', 'u.id', 'q.published_by')
    .select(['q.version', 'q.definition', 'q.scoring_rules', 'q.published_at', 'u.username']);
  q = version ? q.where('q.version', '=', version) : q.orderBy('q.version', 'desc').limit(1);
  return q.executeTakeFirst();
}

/** A case's screening with the username of whoever confirmed it. */
export function findScreeningRow(db: Db, caseId: string) {
  return db
    .selectFrom('screenings as s')
    .leftJoin('users as u', 'u.id', 's.confirmed_by')
    .selectAll('s')
    .select('u.username as confirmer')
    .where('s.case_id', '=', caseId)
    .executeTakeFirst();
}

/** What saving answers needs of a screening: its questionnaire, whether confirmed, its version. */
export function findScreeningState(db: Db, caseId: string) {
  return db
    .selectFrom('screenings')
    .select(['questionnaire_version', 'confirmed_at', 'version'])
    .where('case_id', '=', caseId)
    .executeTakeFirst();
}

export async function insertScreeningRow(db: Db, values: Insertable<ScreeningsTable>): Promise<void> {
  await db.insertInto('screenings').values(values).execute();
}

/**
 * Changes a case's screening. With `expectedVersion` only if it is still at that version (of two
 * saves racing, the second changes nothing); answers whether a row changed.
 */
export async function updateScreeningRow(
  db: Db,
  caseId: string,
  patch: Updateable<ScreeningsTable>,
  expectedVersion?: number,
): Promise<boolean> {
  let query = db.updateTable('screenings').set(patch).where('case_id', '=', caseId);
  if (expectedVersion !== undefined) query = query.where('version', '=', expectedVersion);
  const res = await query.executeTakeFirst();
  return res.numUpdatedRows > 0n;
}
