import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export function findThrottle(db: Db, keys: string[]) {
  return db.selectFrom('login_throttle').selectAll().where('key', 'in', keys).execute();
}

/**
 * Counts one failure for a key in its window, starting a new window when the old one has
 * passed, and locks the key when the count reaches `max`. Returns whether it is now locked.
 */
export async function registerFailure(
  db: Db,
  key: string,
  now: Date,
  opts: { max: number; windowMs: number; lockoutMs: number },
): Promise<boolean> {
  const windowStart = new Date(now.getTime() - opts.windowMs);
  const row = await db
    .insertInto('login_throttle')
    .values({ key, failures: 1, window_started_at: now, locked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        failures: eb
          .case()
          .when('login_throttle.window_started_at', '<', windowStart)
          .then(1)
          .else(eb('login_throttle.failures', '+', 1))
          .end(),
        window_started_at: eb
          .case()
          .when('login_throttle.window_started_at', '<', windowStart)
          .then(now)
          .else(eb.ref('login_throttle.window_started_at'))
          .end(),
      })),
    )
    .returning(['failures'])
    .executeTakeFirstOrThrow();
  if (row.failures >= opts.max) {
    await db
      .updateTable('login_throttle')
      .set({ locked_until: new Date(now.getTime() + opts.lockoutMs), failures: 0, window_started_at: now })
      .where('key', '=', key)
      .execute();
    return true;
  }
  return false;
}

export async function clearThrottle(db: Db, key: string) {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
