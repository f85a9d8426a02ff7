// The notifications feature's public API: other features notify users in their own transaction.
export { deliverPendingEmails, sendDailyDigests } from './delivery.js';
export { notificationRoutes } from './notifications.routes.js';
export { type Audience, type NotificationInput, notify, notifyMany } from './notify.js';
