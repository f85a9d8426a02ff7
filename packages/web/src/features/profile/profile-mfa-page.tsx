import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { ME_KEY, useSession } from '../../api/auth';
import { sessionStore } from '../../api/session-store';
import { BackLink } from '../../components/back-link';
import { Notice } from '../../components/notice';
import { usePageTitle } from '../../components/page-title';
import { MfaSetup } from '../auth';

/** Setting up a second factor by choice, from the profile. */
export function ProfileMfaPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [hasErrors, setHasErrors] = useState(false);
  usePageTitle(t('setupMfa.title'), hasErrors);

  return (
    <>
      <BackLink to="/profile" />
      <h1 className="heading-l">{t('setupMfa.title')}</h1>
      {me?.mfaEnabled ? (
        <Notice tone="info" title={t('setupMfa.alreadyOn')} />
      ) : (
        <>
          <p>{t('setupMfa.introOptional')}</p>
          <MfaSetup
            onErrorsChange={setHasErrors}
            onDone={(step) => {
              sessionStore.setCsrfToken(step.csrfToken);
              void queryClient.invalidateQueries({ queryKey: ME_KEY });
              navigate('/profile');
            }}
          />
        </>
      )}
    </>
  );
}
