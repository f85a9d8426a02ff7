import type { NotificationPage, NotificationPreferences, UnreadCount } from '@opennrm/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from './client';

export const NOTIFICATIONS_KEY = 'notifications';
const PREFERENCES_KEY = ['notification-preferences'];

/** How often the bell asks for the unread count (and again whenever the window gets focus). */
export const UNREAD_POLL_MS = 60_000;
/** How many notifications the bell's list shows; the rest are on the notifications page. */
export const BELL_LIST_SIZE = 10;

export const notificationsApi = {
  list: (query: { unread?: 'true' | 'false'; limit?: number; cursor?: string }, signal?: AbortSignal) =>
    api.get<NotificationPage>(withQuery('/notifications', query), signal),
  unreadCount: (signal?: AbortSignal) => api.get<UnreadCount>('/notifications/unread-count', signal),
  markRead: (id: string) => api.post<UnreadCount>(`/notifications/${encodeURIComponent(id)}/read`, {}),
  markAllRead: () => api.post<UnreadCount>('/notifications/read-all', {}),
  preferences: (signal?: AbortSignal) =>
    api.get<NotificationPreferences>('/profile/notification-preferences', signal),
  savePreferences: (body: NotificationPreferences) =>
    api.put<NotificationPreferences>('/profile/notification-preferences', body),
};

/** The unread count for the bell: polled every minute and on window focus. */
export function useUnreadCount(enabled = true) {
  return useQuery({
    queryKey: [NOTIFICATIONS_KEY, 'unread'],
    queryFn: ({ signal }) => notificationsApi.unreadCount(signal),
    refetchInterval: UNREAD_POLL_MS,
    refetchOnWindowFocus: 'always',
    staleTime: 0,
    enabled,
  });
}

/** The latest notifications, for the bell's list (fetched while it is open). */
export function useLatestNotifications(enabled: boolean) {
  return useQuery({
    queryKey: [NOTIFICATIONS_KEY, 'latest'],
    queryFn: ({ signal }) => notificationsApi.list({ limit: BELL_LIST_SIZE }, signal),
    enabled,
    staleTime: 0,
  });
}

/** Marking read refreshes the bell's count, its list and the notifications page. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => notificationsApi.markRead(id),
    onSuccess: (result) => {
      queryClient.setQueryData([NOTIFICATIONS_KEY, 'unread'], result);
      void queryClient.invalidateQueries({ queryKey: [NOTIFICATIONS_KEY] });
    },
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => notificationsApi.markAllRead(),
    onSuccess: (result) => {
      queryClient.setQueryData([NOTIFICATIONS_KEY, 'unread'], result);
      void queryClient.invalidateQueries({ queryKey: [NOTIFICATIONS_KEY] });
    },
  });
}

export function useNotificationPreferences() {
  return useQuery({
    queryKey: PREFERENCES_KEY,
    queryFn: ({ signal }) => notificationsApi.preferences(signal),
  });
}

export function useSaveNotificationPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NotificationPreferences) => notificationsApi.savePreferences(body),
    onSuccess: (saved) => queryClient.setQueryData(PREFERENCES_KEY, saved),
  });
}
