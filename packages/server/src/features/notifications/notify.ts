import { EMAIL_NOTIFICATION_KINDS, type NotificationKind, type Role } from '@opennrm/domain';
import type { Database } from '../../db/create-db.js';
import {
  activeUsersAmong,
  activeUsersWhere,
  type EmailStatus,
  insertNotifications,
  preferencesOf,
} from './notifications.repository.js';

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
    const found =
      'userIds' in audience
        ? await activeUsersAmong(
            db,
            audience.userIds.filter((id): id is string => typeof id === 'string'),
          )
        : await activeUsersWhere(db, audience);
    for (const id of found) ids.add(id);
  }
  return [...ids];
}

type Preference = Awaited<ReturnType<typeof preferencesOf>>[number];

/**
 * How a user gets a notification by email. Without saved preferences every email kind is on,
 * sent as it happens; a user who chose the digest gets it the next morning, unless it is urgent.
 */
function emailStatusFor(pref: Preference | undefined, input: NotificationInput): EmailStatus {
  const wantsEmail = EMAIL_KINDS.has(input.kind) && (pref ? pref.email_kinds.includes(input.kind) : true);
  if (!wantsEmail) return 'none';
  return pref?.daily_digest && !input.immediate ? 'digest' : 'pending';
}

/** The rows of many notifications: preferences read once for every recipient. */
async function notificationRows(
  db: Database,
  items: readonly { userIds: readonly string[]; input: NotificationInput }[],
  now: Date,
) {
  const everyone = [...new Set(items.flatMap((item) => item.userIds))];
  if (everyone.length === 0) return [];
  const byUser = new Map((await preferencesOf(db, everyone)).map((p) => [p.user_id, p]));
  return items.flatMap(({ userIds, input }) =>
    userIds.map((userId) => ({
      user_id: userId,
      kind: input.kind,
      case_id: input.caseId,
      subject: JSON.stringify(input.subject),
      link: input.link,
      dedupe_key: input.dedupeKey ?? null,
      created_at: now,
      email_status: emailStatusFor(byUser.get(userId), input),
    })),
  );
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
  return insertNotifications(db, await notificationRows(db, [{ userIds, input }], now));
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
  const recipients: { userIds: string[]; input: NotificationInput }[] = [];
  for (const item of items) {
    const key = JSON.stringify(item.audiences);
    let users = resolved.get(key);
    if (!users) {
      users = await resolveAudience(db, item.audiences);
      resolved.set(key, users);
    }
    recipients.push({ userIds: users.filter((id) => id !== item.input.exceptUserId), input: item.input });
  }
  const rows = await notificationRows(db, recipients, now);
  let inserted = 0;
  for (let i = 0; i < rows.length; i += 1000)
    inserted += await insertNotifications(db, rows.slice(i, i + 1000));
  return inserted;
}
