import type { User } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/badge';

export function UserStatusBadges({ user }: { user: User }) {
  const { t } = useTranslation();
  return (
    <span className="badges">
      <Badge tone={user.active ? 'green' : 'grey'}>
        {user.active ? t('common.active') : t('common.inactive')}
      </Badge>
      {user.mustChangePassword ? <Badge tone="orange">{t('users.mustChangePassword')}</Badge> : null}
    </span>
  );
}

export function MfaBadge({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  return enabled ? (
    <Badge tone="green">{t('common.on')}</Badge>
  ) : (
    <Badge tone="grey">{t('common.off')}</Badge>
  );
}
