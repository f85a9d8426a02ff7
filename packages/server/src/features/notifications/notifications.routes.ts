import {
  IdParams,
  NotificationPage,
  NotificationPreferences,
  NotificationQuery,
  UnreadCount,
} from '@opennrm/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext } from '../../plugins/auth.plugin.js';
import type { Services } from '../../services.js';
import {
  countUnread,
  getPreferences,
  listNotifications,
  markAllRead,
  markRead,
  savePreferences,
} from './notifications.service.js';

const tags = ['notifications'];
const own = { access: { permission: 'notifications.own' as const } };

/**
 * The signed-in user's notifications: the bell's count, the list, marking read, and which
 * kinds also come by email. Every query is limited to the user's own rows. Reading them is
 * not audited: they hold no personal data (a kind, a case reference, a link, a task title or
 * an organisation name), and the case a notification leads to is audited when it is opened.
 */
export async function notificationRoutes(base: FastifyInstance, { services }: { services: Services }) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/notifications',
    {
      config: own,
      schema: {
        tags,
        summary: 'My notifications, newest first, with the unread count',
        querystring: NotificationQuery,
        response: { 200: NotificationPage },
      },
    },
    async (request) => listNotifications(services, request.auth!.userId, request.query),
  );

  app.get(
    '/api/notifications/unread-count',
    {
      config: own,
      schema: { tags, summary: 'How many of my notifications are unread', response: { 200: UnreadCount } },
    },
    async (request) => ({ unread: await countUnread(services.db, request.auth!.userId) }),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      config: own,
      schema: {
        tags,
        summary: 'Mark one of my notifications read (404 for anyone else’s)',
        params: IdParams,
        body: z.strictObject({}).optional(),
        response: { 200: UnreadCount },
      },
    },
    async (request) => ({ unread: await markRead(services, request.auth!.userId, request.params.id) }),
  );

  app.post(
    '/api/notifications/read-all',
    {
      config: own,
      schema: {
        tags,
        summary: 'Mark all my notifications read',
        body: z.strictObject({}).optional(),
        response: { 200: UnreadCount },
      },
    },
    async (request) => ({ unread: await markAllRead(services, request.auth!.userId) }),
  );

  app.get(
    '/api/profile/notification-preferences',
    {
      config: own,
      schema: {
        tags,
        summary: 'Which notifications I also receive by email, and whether as a daily digest',
        response: { 200: NotificationPreferences },
      },
    },
    async (request) => getPreferences(services.db, request.auth!.userId),
  );

  app.put(
    '/api/profile/notification-preferences',
    {
      config: own,
      schema: {
        tags,
        summary: 'Change my email notification preferences (audited)',
        body: NotificationPreferences,
        response: { 200: NotificationPreferences },
      },
    },
    async (request) => savePreferences(services, auditContext(request), request.auth!.userId, request.body),
  );
}
