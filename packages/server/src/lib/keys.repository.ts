import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

/** The SQL of the key check (key-check.ts) and of re-encryption (key-rotation.ts). */

type Db = Kysely<DB> | Transaction<DB>;

/** An application-encrypted column and the column that identifies its rows. */
export interface EncryptedColumn {
  table: keyof DB;
  key: string;
  column: string;
}

export function findKeyCheck(db: Db) {
  return db.selectFrom('key_check').selectAll().executeTakeFirst();
}

export type KeyCheckRow = NonNullable<Awaited<ReturnType<typeof findKeyCheck>>>;

/** Writes the check unless another instance wrote one first (then that one stands). */
export async function insertKeyCheck(
  db: Db,
  values: { field_check: string; blind_index_check: string; file_check: string },
): Promise<void> {
  await db
    .insertInto('key_check')
    .values({ id: 1, ...values })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function updateKeyCheck(
  db: Db,
  patch: { field_check?: string; file_check?: string },
): Promise<void> {
  await db.updateTable('key_check').set(patch).where('id', '=', 1).execute();
}

/** Some value of the column, or undefined when every row's is null. */
export async function someValueOf(db: Db, { table, column }: EncryptedColumn): Promise<string | undefined> {
  const row = await sql<{ v: string }>`
    SELECT ${sql.ref(column)} AS v FROM ${sql.table(table)} WHERE ${sql.ref(column)} IS NOT NULL LIMIT 1`.execute(
    db,
  );
  return row.rows[0]?.v;
}

export function someDocumentVersionKey(db: Db) {
  return db
    .selectFrom('document_versions')
    .select(['storage_prefix', 'wrapped_key'])
    .limit(1)
    .executeTakeFirst();
}

export function someUploadKey(db: Db) {
  return db.selectFrom('uploads').select(['id', 'wrapped_key']).limit(1).executeTakeFirst();
}

/** Up to `limit` values of the column not encrypted under the key of `currentPrefix`, with their row's key. */
export async function valuesNotUnder(
  db: Db,
  { table, key, column }: EncryptedColumn,
  currentPrefix: string,
  limit: number,
): Promise<{ k: string; v: string }[]> {
  const rows = await sql<{ k: string; v: string }>`
    SELECT ${sql.ref(key)}::text AS k, ${sql.ref(column)} AS v FROM ${sql.table(table)}
    WHERE ${sql.ref(column)} IS NOT NULL AND left(${sql.ref(column)}, ${currentPrefix.length}) <> ${currentPrefix}
    LIMIT ${limit}`.execute(db);
  return rows.rows;
}

/** Replaces one value, only if it is still `old` (a concurrent write wins). */
export async function replaceValue(
  db: Db,
  { table, key, column }: EncryptedColumn,
  k: string,
  old: string,
  fresh: string,
): Promise<void> {
  await sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = ${fresh}
    WHERE ${sql.ref(key)}::text = ${k} AND ${sql.ref(column)} = ${old}`.execute(db);
}
