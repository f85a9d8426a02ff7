import { EMAIL_NOTIFICATION_KINDS, type NotificationKind, type Role } from '@opennrm/domain';
import { sql } from 'kysely';
import type { Database } from '../../db/create-db.js';

/** Who receives a notification: named users, or the active users of an organisation or with a role. */
export type Audience =
  | { userIds: readonly (string | null | undefined)[] }
  | { organisationId: string; roles?: readonly Role[] }
  | { roles: readonly Role[] };

export interface NotificationInput {
  kind: NotificationKind;
  caseId: string | null;
  /**
   * What the notification is about, shown in the list and the email: a case reference, a task
   * title, a referral purpose, an organisation name. Never a person's name or any case content.
   */
  subject: Record<string, string>;
  /** Where it leads in the web app (a path: `/cases/<id>`, `/inbox`). */
  link: string;
  /**
   * One notification per user and key: the scheduler's sweeps pass `overdue:task:<id>`, so a
   * second sweep (or a second server instance) cannot notify twice.
   */
  dedupeKey?: string;
  /** Leave this user out (the one who acted does not need telling). */
  exceptUserId?: string | null;
  /** Email at once even to a user who chose the daily digest (an urgent intake cannot wait for the morning). */
  immediate?: boolean;
}

const EMAIL_KINDS = new Set<string>(EMAIL_NOTIFICATION_KINDS);

/** The active users an audience names, without duplicates. */
export async function resolveAudience(db: Database, audiences: readonly Audience[]): Promise<string[]> {
  const ids = new Set<string>();
  for (const audience of audiences) {
    if ('userIds' in audience) {
      const wanted = audience.userIds.filter((id): id is string => typeof id === 'string');
      if (wanted.length === 0) continue;
      const rows = await db
        .selectFrom('users')
        .select('id')
        .where('id', 'in', wanted)
        .where('active', '=', true)
        .execute();
      for (const r of rows) ids.add(r.id);
      continue;
    }
    let q = db.selectFrom('users').select('id').where('active', '=', true);
    if ('organisationId' in audience) q = q.where('organisation_id', '=', audience.organisationId);
    if (audience.roles && audience.roles.length > 0) q = q.where('role', 'in', [...audience.roles]);
    for (const r of await q.execute()) ids.add(r.id);
  }
  return [...ids];
}

/**
 * Records a notification for each user of the audiences, in the caller's transaction (so it
 * exists exactly when the change that caused it does). Email delivery is queued (`pending`)
 * for users whose preferences ask for this kind by email; the scheduler sends it.
 * Returns how many notifications were created (a repeated dedupe key creates none).
 */
export async function notify(
  db: Database,
  audiences: readonly Audience[],
  input: NotificationInput,
  now: Date,
): Promise<number> {
  const userIds = (await resolveAudience(db, audiences)).filter((id) => id !== input.exceptUserId);
  if (userIds.length === 0) return 0;
  const prefs = await db
    .selectFrom('notification_preferences')
    .select(['user_id', 'email_kinds', 'daily_digest'])
    .where('user_id', 'in', userIds)
    .execute();
  const byUser = new Map(prefs.map((p) => [p.user_id, p]));
  const rows = userIds.map((userId) => {
    const pref = byUser.get(userId);
    // Without saved preferences every email kind is on, sent as it happens.
    const wantsEmail = EMAIL_KINDS.has(input.kind) && (pref ? pref.email_kinds.includes(input.kind) : true);
    const emailStatus = !wantsEmail ? 'none' : pref?.daily_digest && !input.immediate ? 'digest' : 'pending';
    return {
      user_id: userId,
      kind: input.kind,
      case_id: input.caseId,
      subject: JSON.stringify(input.subject),
      link: input.link,
      dedupe_key: input.dedupeKey ?? null,
      created_at: now,
      email_status: emailStatus,
    };
  });
  const inserted = await db
    .insertInto('notifications')
    .values(rows)
    .onConflict((oc) =>
      oc.columns(['user_id', 'dedupe_key']).where(sql.ref('dedupe_key'), 'is not', null).doNothing(),
    )
    .returning('id')
    .execute();
  return inserted.length;
}

/**
 * Many notifications at once (the scheduler's sweeps): audiences resolved once per distinct
 * audience, preferences read once, rows inserted together. Same rules as `notify`.
 */
export async function notifyMany(
  db: Database,
  items: readonly { audiences: readonly Audience[]; input: NotificationInput }[],
  now: Date,
): Promise<number> {
  const resolved = new Map<string, string[]>();
  const recipients: string[][] = [];
  for (const item of items) {
    const key = JSON.stringify(item.audiences);
    let users = resolved.get(key);
    if (!users) {
      users = await resolveAudience(db, item.audiences);
      resolved.set(key, users);
    }
    recipients.push(users.filter((id) => id !== item.input.exceptUserId));
  }
  const everyone = [...new Set(recipients.flat())];
  if (everyone.length === 0) return 0;
  const prefs = await db
    .selectFrom('notification_preferences')
    .select(['user_id', 'email_kinds', 'daily_digest'])
    .where('user_id', 'in', everyone)
    .execute();
  const byUser = new Map(prefs.map((p) => [p.user_id, p]));
  const rows = items.flatMap((item, i) =>
    recipients[i]!.map((userId) => {
      const pref = byUser.get(userId);
      const wantsEmail =
        EMAIL_KINDS.has(item.input.kind) && (pref ? pref.email_kinds.includes(item.input.kind) : true);
      return {
        user_id: userId,
        kind: item.input.kind,
        case_id: item.input.caseId,
        subject: JSON.stringify(item.input.subject),
        link: item.input.link,
        dedupe_key: item.input.dedupeKey ?? null,
        created_at: now,
        email_status: !wantsEmail
          ? 'none'
          : pref?.daily_digest && !item.input.immediate
            ? 'digest'
            : 'pending',
      };
    }),
  );
  let inserted = 0;
  for (let i = 0; i < rows.length; i += 1000) {
    const result = await db
      .insertInto('notifications')
      .values(rows.slice(i, i + 1000))
      .onConflict((oc) =>
        oc.columns(['user_id', 'dedupe_key']).where(sql.ref('dedupe_key'), 'is not', null).doNothing(),
      )
      .returning('id')
      .execute();
    inserted += result.length;
  }
  return inserted;
}
