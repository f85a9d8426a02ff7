import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError } from './app-error.js';

export interface StoredResponse<T> {
  statusCode: number;
  body: T;
  replayed: boolean;
}

/**
 * Runs `create` once per (user, Idempotency-Key): the response is stored in the same
 * transaction as what it created, so a retried request gets the first answer back and
 * never creates a second record, even when two retries race.
 */
export async function runIdempotent<T>(
  db: Kysely<DB>,
  opts: { userId: string; key: string | undefined; route: string },
  create: (trx: Transaction<DB>) => Promise<{ statusCode: number; body: T }>,
): Promise<StoredResponse<T>> {
  const { key, userId, route } = opts;
  if (!key) {
    const result = await db.transaction().execute(create);
    return { ...result, replayed: false };
  }
  const previous = async () => {
    const row = await db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('user_id', '=', userId)
      .where('key', '=', key)
      .executeTakeFirst();
    if (!row) return undefined;
    if (row.route !== route) {
      throw new AppError(
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was used for another kind of request',
      );
    }
    return { statusCode: row.status_code, body: row.response as T, replayed: true };
  };
  const earlier = await previous();
  if (earlier) return earlier;
  try {
    const result = await db.transaction().execute(async (trx) => {
      const r = await create(trx);
      await trx
        .insertInto('idempotency_keys')
        .values({ user_id: userId, key, route, status_code: r.statusCode, response: JSON.stringify(r.body) })
        .execute();
      return r;
    });
    return { ...result, replayed: false };
  } catch (error) {
    // A concurrent retry committed first: answer with its response.
    const raced = await previous();
    if (raced) return raced;
    throw error;
  }
}
