import type { NotificationDto } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { usePagedList } from '../../api/lists';
import { NOTIFICATIONS_KEY, useMarkAllRead, useUnreadCount } from '../../api/notifications';
import { errorMessage } from '../../components/form-errors';
import { PagedListStates } from '../../components/load-more';
import { Notice } from '../../components/notice';
import { usePageTitle } from '../../components/page-title';
import { NotificationItem } from './notification-item';
import './notifications.css';
import { MarkAllRead } from './mark-all-read';

/** All my notifications, newest first, paged; "Unread" keeps the filter in the address. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const unreadOnly = params.get('unread') === 'true';
  const list = usePagedList<NotificationDto>(
    NOTIFICATIONS_KEY,
    '/notifications',
    unreadOnly ? { unread: 'true' } : {},
  );
  const count = useUnreadCount();
  const markAll = useMarkAllRead();
  const unread = count.data?.unread ?? 0;
  usePageTitle(t('notifications.title'));

  return (
    <div className="notifications-page">
      <h1 className="heading-xl">{t('notifications.title')}</h1>
      <p className="lead">{t('notifications.intro')}</p>
      <div className="notifications-page__actions">
        <nav aria-label={t('notifications.filterLabel')}>
          <ul className="notifications-page__filter">
            <li>
              <Link to="/notifications" aria-current={unreadOnly ? undefined : 'page'}>
                {t('notifications.filterAll')}
              </Link>
            </li>
            <li>
              <Link to="/notifications?unread=true" aria-current={unreadOnly ? 'page' : undefined}>
                {t('notifications.filterUnread', { count: unread })}
              </Link>
            </li>
          </ul>
        </nav>
        <MarkAllRead unread={unread} className="button button--secondary" markAll={markAll} />
      </div>
      {markAll.isError ? <Notice tone="error" title={errorMessage(t, markAll.error)} /> : null}
      <PagedListStates
        list={list}
        countKey="notifications.count"
        emptyTitle={unreadOnly ? t('notifications.emptyUnread') : t('notifications.empty')}
        emptyText={t('notifications.emptyHint')}
      >
        <ul className="notification-list">
          {list.items.map((n) => (
            <NotificationItem key={n.id} notification={n} />
          ))}
        </ul>
      </PagedListStates>
    </div>
  );
}
