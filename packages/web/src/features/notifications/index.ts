/** The notifications feature's public API: other features import it only from here. */
export { NotificationBell } from './notification-bell';

/** The pages, loaded on first use (their code stays out of the first download). */
export const notificationsPages = {
  notifications: () => import('./notifications-page'),
};
