import type { LoginResponse } from '@opennrm/domain';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applySessionStep, useSignOut } from '../../api/auth';
import { usePageTitle } from '../../components/page-title';
import { AuthLayout } from './auth-layout';

interface Step {
  /** Records the server's answer, so the router moves to the next step. */
  onStep: (step: LoginResponse) => Promise<void>;
  onErrorsChange: (hasErrors: boolean) => void;
}

/** A sign-in step before the app opens (`<texts>.title`, `.intro`), with a way to sign out instead. */
export function SessionStepPage({
  texts,
  children,
}: {
  texts: 'setupMfa' | 'setupPassword';
  children: (step: Step) => ReactNode;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const signOut = useSignOut();
  const [hasErrors, setHasErrors] = useState(false);
  usePageTitle(t(`${texts}.title`), hasErrors);

  return (
    <AuthLayout>
      <h1 className="heading-l">{t(`${texts}.title`)}</h1>
      <p>{t(`${texts}.intro`)}</p>
      {children({ onStep: (step) => applySessionStep(queryClient, step), onErrorsChange: setHasErrors })}
      <p>
        <button type="button" className="button button--link" onClick={() => void signOut()}>
          {t('shell.signOut')}
        </button>
      </p>
    </AuthLayout>
  );
}
