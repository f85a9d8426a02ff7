import {
  EMAIL_NOTIFICATION_KINDS,
  type NotificationDto,
  type NotificationPreferences,
} from '@opennrm/domain';
import type { Database } from '../../db/create-db.js';
import { notFound } from '../../lib/app-error.js';
import { decodeInstantIdCursor, encodeCursor } from '../../lib/sql.js';
import type { Services } from '../../services.js';
import { type AuditContext, recordAudit } from '../audit/index.js';
import {
  cancelQueuedEmails,
  findPreferences,
  listUserNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  requeueEmails,
  countUnread as unreadOf,
  upsertPreferences,
} from './notifications.repository.js';

/*
 * A user's own notifications. Reading them is not audited: a notification holds a kind, a case
 * reference, a link and non-personal subject fields (a task title, an organisation name), never
 * a person's data, and opening the case it leads to is audited by the case routes themselves.
 */

export interface NotificationListQuery {
  limit: number;
  cursor?: string | undefined;
  unread?: 'true' | 'false' | undefined;
}

function parseCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  const decoded = decodeInstantIdCursor(cursor);
  return decoded ? { at: new Date(decoded.at), id: decoded.id } : undefined;
}

export async function countUnread(db: Database, userId: string): Promise<number> {
  return unreadOf(db, userId);
}

export async function listNotifications(
  services: Services,
  userId: string,
  q: NotificationListQuery,
): Promise<{ items: NotificationDto[]; nextCursor: string | null; unread: number }> {
  const after = parseCursor(q.cursor);
  const read = q.unread === 'true' ? false : q.unread === 'false' ? true : undefined;
  const [rows, unread] = await Promise.all([
    listUserNotifications(services.db, userId, { limit: q.limit, read, after }),
    countUnread(services.db, userId),
  ]);
  const items = rows.slice(0, q.limit);
  const last = items[items.length - 1];
  return {
    items: items.map((r) => ({
      id: r.id,
      kind: r.kind,
      caseId: r.case_id,
      caseReference: r.reference ?? r.subject?.reference ?? null,
      subject: r.subject ?? {},
      link: r.link,
      createdAt: r.created_at.toISOString(),
      readAt: r.read_at?.toISOString() ?? null,
    })),
    nextCursor:
      rows.length > q.limit && last ? encodeCursor(`${last.created_at.toISOString()}|${last.id}`) : null,
    unread,
  };
}

/** Marks one of the user's own notifications read; another user's is "not found". */
export async function markRead(services: Services, userId: string, id: string): Promise<number> {
  if (!(await markNotificationRead(services.db, userId, id, services.now()))) throw notFound('Notification');
  return countUnread(services.db, userId);
}

export async function markAllRead(services: Services, userId: string): Promise<number> {
  await markAllNotificationsRead(services.db, userId, services.now());
  return 0;
}

type EmailKind = NotificationPreferences['email'][number];

/** Without saved preferences every email kind is on, sent as it happens (as notify() assumes). */
export async function getPreferences(db: Database, userId: string): Promise<NotificationPreferences> {
  const row = await findPreferences(db, userId);
  if (!row) return { email: [...EMAIL_NOTIFICATION_KINDS], dailyDigest: false };
  return {
    // Kept in the order of EMAIL_NOTIFICATION_KINDS; unknown stored kinds are ignored.
    email: EMAIL_NOTIFICATION_KINDS.filter((k) => row.email_kinds.includes(k)),
    dailyDigest: row.daily_digest,
  };
}

export async function savePreferences(
  services: Services,
  ctx: AuditContext,
  userId: string,
  input: NotificationPreferences,
): Promise<NotificationPreferences> {
  const kinds: EmailKind[] = EMAIL_NOTIFICATION_KINDS.filter((k) => input.email.includes(k));
  await services.db.transaction().execute(async (trx) => {
    const before = await getPreferences(trx, userId);
    await upsertPreferences(trx, userId, kinds, input.dailyDigest);
    // Emails already queued follow the new choice: a kind switched off is not sent, and a
    // switch between immediate and digest moves what is waiting.
    await cancelQueuedEmails(
      trx,
      userId,
      EMAIL_NOTIFICATION_KINDS.filter((k) => !kinds.includes(k)),
    );
    await requeueEmails(
      trx,
      userId,
      input.dailyDigest ? 'pending' : 'digest',
      input.dailyDigest ? 'digest' : 'pending',
    );
    await recordAudit(
      trx,
      ctx,
      {
        action: 'notification.preferences_updated',
        targetType: 'user',
        targetId: userId,
        details: {
          email: kinds,
          dailyDigest: input.dailyDigest,
          previous: { email: before.email, dailyDigest: before.dailyDigest },
        },
      },
      services.now(),
    );
  });
  return { email: kinds, dailyDigest: input.dailyDigest };
}
