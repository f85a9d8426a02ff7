import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applySessionStep, useSignOut } from '../../api/auth';
import { usePageTitle } from '../../components/page-title';
import { AuthLayout } from './auth-layout';
import { MfaSetup } from './mfa-setup';

/** Roles that must use a second factor set it up before they can do anything else. */
export function SetupMfaPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const signOut = useSignOut();
  const [hasErrors, setHasErrors] = useState(false);
  usePageTitle(t('setupMfa.title'), hasErrors);

  return (
    <AuthLayout>
      <h1 className="heading-l">{t('setupMfa.title')}</h1>
      <p>{t('setupMfa.intro')}</p>
      <MfaSetup onDone={(step) => void applySessionStep(queryClient, step)} onErrorsChange={setHasErrors} />
      <p>
        <button type="button" className="button button--link" onClick={() => void signOut()}>
          {t('shell.signOut')}
        </button>
      </p>
    </AuthLayout>
  );
}
