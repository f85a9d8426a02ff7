import type { NotificationKind, Role } from '@opennrm/domain';
import { type Insertable, type Kysely, type SqlBool, sql, type Transaction, type Updateable } from 'kysely';
import type { DB, NotificationsTable } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Where an email of a notification stands. */
export type EmailStatus = 'none' | 'pending' | 'digest' | 'sent' | 'skipped' | 'failed';

// ---------------------------------------------------------------------------------------------
// Recipients and preferences

/** Those of the given users who are active. */
export async function activeUsersAmong(db: Db, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('id', 'in', [...userIds])
    .where('active', '=', true)
    .execute();
  return rows.map((r) => r.id);
}

/** The active users of an organisation and/or with one of the roles. */
export async function activeUsersWhere(
  db: Db,
  filter: { organisationId?: string; roles?: readonly Role[] },
): Promise<string[]> {
  let q = db.selectFrom('users').select('id').where('active', '=', true);
  if (filter.organisationId) q = q.where('organisation_id', '=', filter.organisationId);
  if (filter.roles && filter.roles.length > 0) q = q.where('role', 'in', [...filter.roles]);
  return (await q.execute()).map((r) => r.id);
}

/** The saved email preferences of these users (users without a row have none saved). */
export function preferencesOf(db: Db, userIds: readonly string[]) {
  return db
    .selectFrom('notification_preferences')
    .select(['user_id', 'email_kinds', 'daily_digest'])
    .where('user_id', 'in', [...userIds])
    .execute();
}

export function findPreferences(db: Db, userId: string) {
  return db
    .selectFrom('notification_preferences')
    .select(['email_kinds', 'daily_digest'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function upsertPreferences(
  db: Db,
  userId: string,
  emailKinds: NotificationKind[],
  dailyDigest: boolean,
): Promise<void> {
  await db
    .insertInto('notification_preferences')
    .values({ user_id: userId, email_kinds: emailKinds, daily_digest: dailyDigest })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet({ email_kinds: emailKinds, daily_digest: dailyDigest }),
    )
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Notifications

/** Inserts notifications; a repeated (user, dedupe key) is skipped. Returns how many were created. */
export async function insertNotifications(
  db: Db,
  rows: readonly Insertable<NotificationsTable>[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insertInto('notifications')
    .values([...rows])
    .onConflict((oc) =>
      oc.columns(['user_id', 'dedupe_key']).where(sql.ref('dedupe_key'), 'is not', null).doNothing(),
    )
    .returning('id')
    .execute();
  return inserted.length;
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A user's notifications, newest first, with the case reference; one more than `limit` tells there is a next page. */
export function listUserNotifications(
  db: Db,
  userId: string,
  q: { limit: number; read?: boolean | undefined; after?: { at: Date; id: string } | undefined },
) {
  let query = db
    .selectFrom('notifications as n')
    .leftJoin('cases as c', 'c.id', 'n.case_id')
    .select([
      'n.id',
      'n.kind',
      'n.case_id',
      'c.reference',
      'n.subject',
      'n.link',
      'n.created_at',
      'n.read_at',
    ])
    .where('n.user_id', '=', userId)
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(q.limit + 1);
  if (q.read === false) query = query.where('n.read_at', 'is', null);
  if (q.read === true) query = query.where('n.read_at', 'is not', null);
  if (q.after) query = query.where(sql<SqlBool>`(n.created_at, n.id) < (${q.after.at}, ${q.after.id})`);
  return query.execute();
}

/** Marks one of the user's notifications read (keeps an earlier read time); false when it is not theirs. */
export async function markNotificationRead(db: Db, userId: string, id: string, now: Date): Promise<boolean> {
  const row = await db
    .updateTable('notifications')
    .set({ read_at: sql<Date>`coalesce(read_at, ${now})` })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function markAllNotificationsRead(db: Db, userId: string, now: Date): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .execute();
}

/** A user's queued emails of these kinds are not sent after all. */
export async function cancelQueuedEmails(
  db: Db,
  userId: string,
  kinds: readonly NotificationKind[],
): Promise<void> {
  if (kinds.length === 0) return;
  await db
    .updateTable('notifications')
    .set({ email_status: 'none' })
    .where('user_id', '=', userId)
    .where('email_status', 'in', ['pending', 'digest'])
    .where('kind', 'in', [...kinds])
    .execute();
}

/** Moves a user's queued emails from one queue to the other (immediate ↔ daily digest). */
export async function requeueEmails(
  db: Db,
  userId: string,
  from: EmailStatus,
  to: EmailStatus,
): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ email_status: to })
    .where('user_id', '=', userId)
    .where('email_status', '=', from)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Email delivery

/**
 * Claims up to `limit` emails waiting to go, oldest first, with the recipient and the case
 * reference. Another server instance sending at the same moment skips the rows this one holds.
 */
export function claimPendingEmails(trx: Transaction<DB>, exclude: readonly string[], limit: number) {
  let q = trx
    .selectFrom('notifications as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .leftJoin('cases as c', 'c.id', 'n.case_id')
    .select([
      'n.id',
      'n.kind',
      'n.subject',
      'n.link',
      'n.email_attempts',
      'c.reference',
      'u.email',
      'u.locale',
      'u.active',
    ])
    .where('n.email_status', '=', 'pending')
    .orderBy('n.created_at')
    .orderBy('n.id')
    .limit(limit)
    .forUpdate('n')
    .skipLocked();
  if (exclude.length > 0) q = q.where('n.id', 'not in', [...exclude]);
  return q.execute();
}

/** Every email in a queue ('pending' or 'digest') is skipped (no mail server). Returns how many. */
export async function skipQueuedEmails(db: Db, queue: EmailStatus): Promise<number> {
  const res = await db
    .updateTable('notifications')
    .set({ email_status: 'skipped' })
    .where('email_status', '=', queue)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Records what became of the emails of these notifications. */
export async function updateEmails(
  db: Db,
  ids: readonly string[],
  patch: Pick<Updateable<NotificationsTable>, 'email_attempts' | 'emailed_at'> & {
    email_status?: EmailStatus;
  },
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('notifications')
    .set(patch)
    .where('id', 'in', [...ids])
    .execute();
}

/** The users who chose the daily digest and have not had the one of this local day. */
export async function usersDueADigest(db: Db, day: string): Promise<string[]> {
  const rows = await db
    .selectFrom('notification_preferences')
    .select('user_id')
    .where('daily_digest', '=', true)
    .where((eb) => eb.or([eb('last_digest_on', 'is', null), eb('last_digest_on', '<', day)]))
    .execute();
  return rows.map((r) => r.user_id);
}

/** Locks a user's digest for this day; false when another instance holds it or it was just sent. */
export async function lockDueDigest(trx: Transaction<DB>, userId: string, day: string): Promise<boolean> {
  const pref = await trx
    .selectFrom('notification_preferences')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('daily_digest', '=', true)
    .where((eb) => eb.or([eb('last_digest_on', 'is', null), eb('last_digest_on', '<', day)]))
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
  return pref !== undefined;
}

export async function markDigestSent(db: Db, userId: string, day: string): Promise<void> {
  await db
    .updateTable('notification_preferences')
    .set({ last_digest_on: day })
    .where('user_id', '=', userId)
    .execute();
}

/** Where a user's emails go: the address, the language, and whether the account is active. */
export function emailRecipient(db: Db, userId: string) {
  return db
    .selectFrom('users')
    .select(['email', 'locale', 'active'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

/** A user's notifications waiting for the daily digest, oldest first. */
export function digestNotifications(db: Db, userId: string, limit: number) {
  return db
    .selectFrom('notifications as n')
    .leftJoin('cases as c', 'c.id', 'n.case_id')
    .select(['n.id', 'n.kind', 'n.subject', 'n.link', 'n.email_attempts', 'c.reference'])
    .where('n.user_id', '=', userId)
    .where('n.email_status', '=', 'digest')
    .orderBy('n.created_at')
    .orderBy('n.id')
    .limit(limit)
    .execute();
}
