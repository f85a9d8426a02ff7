import type { Locale } from '@opennrm/domain';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/*
 * A user's own account as the auth feature keeps it: credentials (password, second factor,
 * recovery codes), the last sign-in and the profile the user edits. User administration
 * (creating users, roles, organisations) is the users feature's.
 */

/** The account row (throws when there is no such user: the caller holds a session of it). */
export function findAccount(db: Db, userId: string) {
  return db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
}

export async function recordSignIn(db: Db, userId: string, now: Date): Promise<void> {
  await db.updateTable('users').set({ last_login_at: now }).where('id', '=', userId).execute();
}

/** Accepts a TOTP time step only when newer than the last one accepted: of two racing requests, one wins. */
export async function advanceTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const res = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]))
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

/** Marks an unused recovery code used; false when there is none with this hash. */
export async function useRecoveryCode(db: Db, userId: string, codeHash: string, now: Date): Promise<boolean> {
  const res = await db
    .updateTable('recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

export async function replaceRecoveryCodes(
  db: Db,
  userId: string,
  codeHashes: readonly string[],
): Promise<void> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  if (codeHashes.length === 0) return;
  await db
    .insertInto('recovery_codes')
    .values(codeHashes.map((code_hash) => ({ user_id: userId, code_hash })))
    .execute();
}

export async function setPassword(
  db: Db,
  userId: string,
  passwordHash: string,
  mustChange: boolean,
  now: Date,
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      password_hash: passwordHash,
      must_change_password: mustChange,
      password_changed_at: now,
      updated_at: now,
    })
    .where('id', '=', userId)
    .execute();
}

export async function setPendingTotpSecret(db: Db, userId: string, encryptedSecret: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ totp_pending_secret: encryptedSecret })
    .where('id', '=', userId)
    .execute();
}

/** The pending secret becomes the second factor; `step` is the code that confirmed it. */
export async function enableTotp(
  db: Db,
  userId: string,
  secret: string,
  step: number,
  now: Date,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ totp_secret: secret, totp_pending_secret: null, totp_last_step: step, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

/** Removes the second factor and every recovery code. */
export async function clearSecondFactor(db: Db, userId: string, now: Date): Promise<void> {
  await db
    .updateTable('users')
    .set({ totp_secret: null, totp_pending_secret: null, totp_last_step: null, updated_at: now })
    .where('id', '=', userId)
    .execute();
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
}

export async function updateProfileFields(
  db: Db,
  userId: string,
  patch: { displayName?: string | undefined; locale?: Locale | undefined },
  now: Date,
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
      ...(patch.locale ? { locale: patch.locale } : {}),
      updated_at: now,
    })
    .where('id', '=', userId)
    .execute();
}
