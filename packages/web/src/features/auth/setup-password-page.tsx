import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applySessionStep, useSession, useSignOut } from '../../api/auth';
import { usePageTitle } from '../../components/page-title';
import { AuthLayout } from './auth-layout';
import { ChangePasswordForm } from './change-password-form';

/** First sign-in with a temporary password: choose one only the user knows. */
export function SetupPasswordPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { me } = useSession();
  const signOut = useSignOut();
  const [hasErrors, setHasErrors] = useState(false);
  usePageTitle(t('setupPassword.title'), hasErrors);

  return (
    <AuthLayout>
      <h1 className="heading-l">{t('setupPassword.title')}</h1>
      <p>{t('setupPassword.intro')}</p>
      <ChangePasswordForm
        username={me?.username}
        submitLabel={t('password.submit')}
        onErrorsChange={setHasErrors}
        onChanged={(step) => applySessionStep(queryClient, step)}
      />
      <p>
        <button type="button" className="button button--link" onClick={() => void signOut()}>
          {t('shell.signOut')}
        </button>
      </p>
    </AuthLayout>
  );
}
