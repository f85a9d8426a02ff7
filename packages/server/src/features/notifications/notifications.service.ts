import {
  EMAIL_NOTIFICATION_KINDS,
  type NotificationDto,
  type NotificationKind,
  type NotificationPreferences,
} from '@opennrm/domain';
import { type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/create-db.js';
import { notFound } from '../../lib/app-error.js';
import { decodeInstantIdCursor, encodeCursor } from '../../lib/sql.js';
import type { Services } from '../../services.js';
import { type AuditContext, recordAudit } from '../audit/index.js';

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
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listNotifications(
  services: Services,
  userId: string,
  q: NotificationListQuery,
): Promise<{ items: NotificationDto[]; nextCursor: string | null; unread: number }> {
  const after = parseCursor(q.cursor);
  let query = services.db
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
  if (q.unread === 'true') query = query.where('n.read_at', 'is', null);
  if (q.unread === 'false') query = query.where('n.read_at', 'is not', null);
  if (after) query = query.where(sql<SqlBool>`(n.created_at, n.id) < (${after.at}, ${after.id})`);
  const [rows, unread] = await Promise.all([query.execute(), countUnread(services.db, userId)]);
  const items = rows.slice(0, q.limit);
  const last = items[items.length - 1];
  return {
    items: items.map((r) => ({
      id: r.id,
      kind: r.kind as NotificationKind,
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
  const row = await services.db
    .updateTable('notifications')
    .set({ read_at: sql<Date>`coalesce(read_at, ${services.now()})` })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returning('id')
    .executeTakeFirst();
  if (!row) throw notFound('Notification');
  return countUnread(services.db, userId);
}

export async function markAllRead(services: Services, userId: string): Promise<number> {
  await services.db
    .updateTable('notifications')
    .set({ read_at: services.now() })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .execute();
  return 0;
}

type EmailKind = NotificationPreferences['email'][number];

/** Without saved preferences every email kind is on, sent as it happens (as notify() assumes). */
export async function getPreferences(db: Database, userId: string): Promise<NotificationPreferences> {
  const row = await db
    .selectFrom('notification_preferences')
    .select(['email_kinds', 'daily_digest'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
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
    await trx
      .insertInto('notification_preferences')
      .values({ user_id: userId, email_kinds: kinds, daily_digest: input.dailyDigest })
      .onConflict((oc) =>
        oc.column('user_id').doUpdateSet({ email_kinds: kinds, daily_digest: input.dailyDigest }),
      )
      .execute();
    // Emails already queued follow the new choice: a kind switched off is not sent, and a
    // switch between immediate and digest moves what is waiting.
    const off = EMAIL_NOTIFICATION_KINDS.filter((k) => !kinds.includes(k));
    if (off.length > 0) {
      await trx
        .updateTable('notifications')
        .set({ email_status: 'none' })
        .where('user_id', '=', userId)
        .where('email_status', 'in', ['pending', 'digest'])
        .where('kind', 'in', off)
        .execute();
    }
    await trx
      .updateTable('notifications')
      .set({ email_status: input.dailyDigest ? 'digest' : 'pending' })
      .where('user_id', '=', userId)
      .where('email_status', '=', input.dailyDigest ? 'pending' : 'digest')
      .execute();
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
