import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

/** The SQL of Idempotency-Keys (idempotency.ts). */

type Db = Kysely<DB> | Transaction<DB>;

export function findIdempotencyKey(db: Db, userId: string, key: string) {
  return db
    .selectFrom('idempotency_keys')
    .select(['route', 'request_hash', 'resource_type', 'resource_id', 'status_code', 'created_at'])
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirst();
}

/** Forgets the key if it is still the one created at `createdAt` (or older). */
export async function deleteIdempotencyKey(
  db: Db,
  userId: string,
  key: string,
  createdAt: Date,
): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .where('created_at', '<=', createdAt)
    .execute();
}

export async function insertIdempotencyKey(
  db: Db,
  values: Insertable<DB['idempotency_keys']>,
): Promise<void> {
  await db.insertInto('idempotency_keys').values(values).execute();
}

/** Removes the keys created at or before `before`; returns how many. */
export async function deleteIdempotencyKeysBefore(db: Db, before: Date): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('created_at', '<=', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
