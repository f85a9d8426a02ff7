import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { useSession } from '../../api/auth';
import { useLatestNotifications, useMarkAllRead, useUnreadCount } from '../../api/notifications';
import { errorMessage } from '../../components/form-errors';
import { useFormatters } from '../../i18n/format';
import { hasPermission } from '../../lib/permissions';
import { NotificationItem } from './notification-item';
import './notifications.css';
import { MarkAllRead } from './mark-all-read';

function BellIcon() {
  return (
    <svg
      className="bell__icon"
      viewBox="0 0 24 24"
      width="24"
      height="24"
      aria-hidden="true"
      focusable="false"
    >
      <path
        fill="currentColor"
        d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
      />
    </svg>
  );
}

/**
 * The bell in the top bar: how many notifications are unread (asked every minute and when the
 * window gets focus), and a panel with the latest ones, "Mark all as read" and "See all".
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const { me } = useSession();
  const format = useFormatters();
  const location = useLocation();
  const allowed = hasPermission(me, 'notifications.own');
  const [open, setOpen] = useState(false);
  const count = useUnreadCount(allowed);
  const latest = useLatestNotifications(allowed && open);
  const markAll = useMarkAllRead();
  const panelId = useId();
  const headingId = useId();
  const wrapperRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  const unread = count.data?.unread ?? 0;
  const label =
    unread === 0 ? t('notifications.bellLabelNone') : t('notifications.bellLabel', { count: unread });

  // New notifications are announced once, when the count goes up (not on every page load).
  const previous = useRef<number | undefined>(undefined);
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    if (count.data === undefined) return;
    if (previous.current !== undefined && unread > previous.current) setAnnouncement(label);
    previous.current = unread;
  }, [count.data, unread, label]);

  // Moving to another page closes the panel.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each change of page
  useEffect(() => setOpen(false), [location.pathname, location.search]);

  // Escape, or a click or focus outside, closes it.
  useEffect(() => {
    if (!open) return;
    function outside(event: Event): void {
      if (wrapperRef.current && !wrapperRef.current.contains(event.target as Node)) setOpen(false);
    }
    function onEscape(event: KeyboardEvent): void {
      if (event.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    }
    document.addEventListener('mousedown', outside);
    document.addEventListener('focusin', outside);
    document.addEventListener('keydown', onEscape);
    return () => {
      document.removeEventListener('mousedown', outside);
      document.removeEventListener('focusin', outside);
      document.removeEventListener('keydown', onEscape);
    };
  }, [open]);

  if (!allowed) return null;

  const items = latest.data?.items ?? [];
  return (
    <div className="bell" ref={wrapperRef}>
      <button
        type="button"
        className="bell__button"
        ref={buttonRef}
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={label}
        title={label}
        onClick={() => setOpen((value) => !value)}
      >
        <BellIcon />
        {unread > 0 ? (
          <span className="bell__count" aria-hidden="true">
            {unread > 99 ? t('notifications.badgeMax', { count: format.number(99) }) : format.number(unread)}
          </span>
        ) : null}
      </button>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <section id={panelId} className="bell__panel" aria-labelledby={headingId} hidden={!open}>
        <div className="bell__header">
          <h2 className="bell__title" id={headingId}>
            {t('notifications.title')}
          </h2>
          <MarkAllRead unread={unread} className="button button--link bell__mark-all" markAll={markAll} />
        </div>
        <div className="bell__scroll">
          {latest.isPending ? (
            <p className="bell__status" role="status">
              {t('common.loading')}
            </p>
          ) : latest.isError ? (
            <p className="bell__status" role="alert">
              {errorMessage(t, latest.error)}
            </p>
          ) : items.length === 0 ? (
            <p className="bell__status">{t('notifications.empty')}</p>
          ) : (
            <ul className="notification-list">
              {items.map((n) => (
                <NotificationItem key={n.id} notification={n} onOpen={() => setOpen(false)} />
              ))}
            </ul>
          )}
        </div>
        <p className="bell__footer">
          <Link to="/notifications" onClick={() => setOpen(false)}>
            {t('notifications.seeAll')}
          </Link>
        </p>
      </section>
    </div>
  );
}
