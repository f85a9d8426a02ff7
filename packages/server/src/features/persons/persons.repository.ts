import type { DocumentHolder } from '@opennrm/domain';
import { type Insertable, type Kysely, sql, type Transaction, type Updateable } from 'kysely';
import type { DB, IdentityDocumentsTable, PersonsTable } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export function findPersonRow(db: Db, id: string) {
  return db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirst();
}

export type PersonRow = NonNullable<Awaited<ReturnType<typeof findPersonRow>>>;

export function findPersonRows(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('persons').selectAll().where('id', 'in', ids).execute();
}

export async function personRowExists(db: Db, id: string): Promise<boolean> {
  return !!(await db.selectFrom('persons').select('id').where('id', '=', id).executeTakeFirst());
}

/** What deciding a person's age needs: the birth date or year, and a `minor` vulnerability. */
export function findPersonAgeFacts(db: Db, id: string) {
  return db
    .selectFrom('persons')
    .select(['date_of_birth', 'estimated_birth_year', 'vulnerabilities'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

export async function insertPersonRow(db: Db, values: Insertable<PersonsTable>): Promise<string> {
  const { id } = await db.insertInto('persons').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** The person writer: the caller has checked the version read (ETag) and sets the next one. */
export async function updatePersonRow(db: Db, id: string, patch: Updateable<PersonsTable>) {
  await db.updateTable('persons').set(patch).where('id', '=', id).execute();
}

export async function insertIdentityDocument(
  db: Db,
  values: Insertable<IdentityDocumentsTable>,
): Promise<string> {
  const { id } = await db
    .insertInto('identity_documents')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Whether the document (of this person) was there to change. */
export async function updateIdentityDocumentHolder(
  db: Db,
  personId: string,
  documentId: string,
  holder: DocumentHolder,
): Promise<boolean> {
  const res = await db
    .updateTable('identity_documents')
    .set({ holder })
    .where('id', '=', documentId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

/** Whether the document (of this person) was there to delete. */
export async function deleteIdentityDocument(db: Db, personId: string, documentId: string): Promise<boolean> {
  const res = await db
    .deleteFrom('identity_documents')
    .where('id', '=', documentId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return res.numDeletedRows > 0n;
}

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

/** A name key held by this many persons is too common to rank candidates by (see below). */
const COMMON_KEY = 2000;

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
    dateOfBirth?: string | null | undefined;
    excludeId?: string | undefined;
  },
  limit: number,
): Promise<string[]> {
  const ids = new Set<string>();
  if (input.dateOfBirth && input.keys.length) {
    // Namesakes born the same day come first: with a common name the key ranking alone
    // would cut them among thousands of others.
    const rows = await db
      .selectFrom('persons as p')
      .select('p.id')
      .where('p.date_of_birth', '=', input.dateOfBirth)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('person_name_keys as nk')
            .select('nk.person_id')
            .whereRef('nk.person_id', '=', 'p.id')
            .where('nk.key', 'in', input.keys),
        ),
      )
      .limit(limit)
      .execute();
    for (const r of rows) ids.add(r.id);
  }
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
    // Keys held by COMMON_KEY persons or more (the skeleton of Mohammed: ~90,000 of a
    // million persons) are not aggregated: ranking by shared keys uses the rarer keys,
    // and the common ones only fill up to `limit`, most selective first. With no common
    // key this is the plain "most shared keys first".
    const keys = sql.join(input.keys);
    const { rows } = await sql<{ person_id: string }>`
      WITH probe AS (
        SELECT k.key, (SELECT count(*) FROM (
          SELECT 1 FROM person_name_keys nk WHERE nk.key = k.key LIMIT ${COMMON_KEY}) held) AS holders
        FROM unnest(ARRAY[${keys}]::text[]) AS k(key)
      ),
      ranked AS (
        SELECT person_id, count(*) AS shared FROM person_name_keys
        WHERE key IN (SELECT key FROM probe WHERE holders < ${COMMON_KEY})
        GROUP BY person_id ORDER BY count(*) DESC LIMIT ${limit}
      )
      SELECT person_id FROM (
        SELECT person_id, 0 AS holders, shared FROM ranked
        UNION ALL
        SELECT f.person_id, p.holders, 0 FROM probe p CROSS JOIN LATERAL (
          SELECT person_id FROM person_name_keys nk WHERE nk.key = p.key LIMIT ${limit}) f
        WHERE p.holders >= ${COMMON_KEY}
      ) candidates
      ORDER BY holders, shared DESC`.execute(db);
    const byName = new Set<string>();
    for (const r of rows) {
      if (byName.size >= limit) break;
      byName.add(r.person_id);
      ids.add(r.person_id);
    }
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
