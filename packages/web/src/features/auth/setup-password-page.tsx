import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/auth';
import { ChangePasswordForm } from './change-password-form';
import { SessionStepPage } from './session-step-page';

/** First sign-in with a temporary password: choose one only the user knows. */
export function SetupPasswordPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  return (
    <SessionStepPage texts="setupPassword">
      {({ onStep, onErrorsChange }) => (
        <ChangePasswordForm
          username={me?.username}
          submitLabel={t('password.submit')}
          onErrorsChange={onErrorsChange}
          onChanged={onStep}
        />
      )}
    </SessionStepPage>
  );
}
