import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export function findPersonRow(db: Db, id: string) {
  return db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirst();
}

export type PersonRow = NonNullable<Awaited<ReturnType<typeof findPersonRow>>>;

export function findDocumentRows(db: Db, personIds: string[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('identity_documents')
    .selectAll()
    .where('person_id', 'in', personIds)
    .orderBy('created_at')
    .execute();
}

export async function replaceNameKeys(db: Db, personId: string, keys: string[]) {
  await db.deleteFrom('person_name_keys').where('person_id', '=', personId).execute();
  const unique = [...new Set(keys)];
  if (unique.length) {
    await db
      .insertInto('person_name_keys')
      .values(unique.map((key) => ({ person_id: personId, key })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/**
 * Candidate persons for duplicate scoring: any shared identity document or phone (blind
 * indexes), then those sharing the most name keys. Bounded, so a common name costs a
 * fixed amount of work.
 */
export async function duplicateCandidateIds(
  db: Db,
  input: {
    keys: string[];
    documentIndexes: string[];
    phoneIndex: string | null;
    excludeId?: string | undefined;
  },
  limit: number,
): Promise<string[]> {
  const ids = new Set<string>();
  if (input.documentIndexes.length) {
    const rows = await db
      .selectFrom('identity_documents')
      .select('person_id')
      .where('number_bidx', 'in', input.documentIndexes)
      .limit(limit)
      .execute();
    for (const r of rows) ids.add(r.person_id);
  }
  if (input.phoneIndex) {
    const rows = await db
      .selectFrom('persons')
      .select('id')
      .where('phone_bidx', '=', input.phoneIndex)
      .limit(limit)
      .execute();
    for (const r of rows) ids.add(r.id);
  }
  if (input.keys.length) {
    const rows = await db
      .selectFrom('person_name_keys')
      .select(['person_id', sql<number>`count(*)::int`.as('shared')])
      .where('key', 'in', input.keys)
      .groupBy('person_id')
      .orderBy(sql`count(*)`, 'desc')
      .limit(limit)
      .execute();
    for (const r of rows) ids.add(r.person_id);
  }
  if (input.excludeId) ids.delete(input.excludeId);
  return [...ids].slice(0, limit * 2);
}

export function caseReferencesByPerson(db: Db, personIds: string[]) {
  if (personIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('cases')
    .select(['person_id', 'reference'])
    .where('person_id', 'in', personIds)
    .orderBy('reference')
    .execute();
}
