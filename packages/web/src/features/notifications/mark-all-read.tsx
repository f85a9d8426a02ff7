import { useTranslation } from 'react-i18next';

interface Props {
  unread: number;
  className: string;
  markAll: { isPending: boolean; mutate: () => void };
}

/** "Mark all as read", while some are unread. */
export function MarkAllRead({ unread, className, markAll }: Props) {
  const { t } = useTranslation();
  if (unread <= 0) return null;
  return (
    <button type="button" className={className} disabled={markAll.isPending} onClick={() => markAll.mutate()}>
      {t('notifications.markAllRead')}
    </button>
  );
}
