import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/auth';
import { sessionStore } from '../../api/session-store';
import { Notice } from '../../components/notice';
import { usePageTitle } from '../../components/page-title';
import { ChangePasswordForm } from '../auth';
import { NotificationPreferencesSection } from './notification-preferences-section';
import { ProfileDetails } from './profile-details';
import { SecondFactorSection } from './second-factor-section';

export function ProfilePage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [passwordChanged, setPasswordChanged] = useState(false);
  const [hasErrors, setHasErrors] = useState(false);
  usePageTitle(t('profile.title'), hasErrors);
  if (!me) return null;

  return (
    <>
      <h1 className="heading-xl">{t('profile.title')}</h1>
      <ProfileDetails me={me} onErrorsChange={setHasErrors} />

      <section className="section" aria-labelledby="password-heading">
        <h2 className="heading-m" id="password-heading">
          {t('profile.passwordTitle')}
        </h2>
        {passwordChanged ? <Notice tone="success" title={t('profile.passwordChanged')} /> : null}
        <ChangePasswordForm
          username={me.username}
          submitLabel={t('password.submit')}
          onErrorsChange={setHasErrors}
          onChanged={(step) => {
            sessionStore.setCsrfToken(step.csrfToken);
            setPasswordChanged(true);
          }}
        />
      </section>

      <SecondFactorSection me={me} />

      {me.permissions.includes('notifications.own') ? <NotificationPreferencesSection /> : null}
    </>
  );
}
