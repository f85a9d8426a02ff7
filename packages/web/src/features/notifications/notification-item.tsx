import type { NotificationDto } from '@opennrm/domain';
import type { TFunction } from 'i18next';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMarkRead } from '../../api/notifications';
import { Ltr } from '../../components/ltr';
import { useFormatters } from '../../i18n/format';
import './notifications.css';

/**
 * The words under a notification's title, from its non-personal subject fields: the task, the
 * organisation, the referral's purpose or status, a closure decision.
 */
export function notificationDetail(t: TFunction, language: string, n: NotificationDto): string[] {
  const s = n.subject;
  const parts: string[] = [];
  const task = language === 'ar' ? (s.taskAr ?? s.task) : s.task;
  if (task) parts.push(task);
  if (s.organisation) parts.push(s.organisation);
  if (s.purpose) parts.push(t(`referrals.purposes.${s.purpose}`, { defaultValue: s.purpose }));
  if (s.status) parts.push(t(`referrals.statuses.${s.status}`, { defaultValue: s.status }));
  if (s.decision) parts.push(t(`notifications.decisions.${s.decision}`, { defaultValue: s.decision }));
  return parts;
}

/** The case reference: from the case, or as the notification recorded it. */
export const referenceOf = (n: NotificationDto): string | null =>
  n.caseReference ?? n.subject.reference ?? null;

interface Props {
  notification: NotificationDto;
  /** Called after a click, before the app moves to the notification's page (the bell closes). */
  onOpen?: () => void;
}

/** One notification: what happened, on which case, when; a click marks it read and opens it. */
export function NotificationItem({ notification: n, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const markRead = useMarkRead();
  const unread = n.readAt === null;
  const reference = referenceOf(n);
  // Each part is isolated, so an English organisation name keeps its place in Arabic text.
  const parts = [
    ...(reference ? [<Ltr key="reference">{reference}</Ltr>] : []),
    ...notificationDetail(t, i18n.language, n).map((part, index) => (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts have a fixed order
      <bdi key={index}>{part}</bdi>
    )),
  ];

  return (
    <li className={unread ? 'notification notification--unread' : 'notification'}>
      <Link
        className="notification__link"
        to={n.link}
        onClick={() => {
          if (unread) markRead.mutate(n.id);
          onOpen?.();
        }}
      >
        <span className="notification__dot" aria-hidden="true" />
        <span className="notification__body">
          <span className="notification__title">
            {t(`notifications.kinds.${n.kind}`, { defaultValue: n.kind })}
            {unread ? <span className="visually-hidden">{t('notifications.unreadSuffix')}</span> : null}
          </span>
          {parts.length > 0 ? (
            <span className="notification__meta">
              {parts.map((part, index) => (
                <Fragment key={part.key}>
                  {index > 0 ? t('notifications.separator') : null}
                  {part}
                </Fragment>
              ))}
            </span>
          ) : null}
          <time className="notification__time" dateTime={n.createdAt} title={format.dateTime(n.createdAt)}>
            {format.relative(n.createdAt)}
          </time>
        </span>
      </Link>
    </li>
  );
}
