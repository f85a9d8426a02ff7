import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ME_KEY } from '../../api/auth';
import { usePageTitle } from '../../components/page-title';
import { AuthLayout } from '../auth';

/** Shown when the server cannot be reached or answers with a failure we cannot act on. */
export function ServiceProblemPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  usePageTitle(t('serviceProblem.title'));
  return (
    <AuthLayout>
      <h1 className="heading-l">{t('serviceProblem.title')}</h1>
      <p>{t('serviceProblem.body')}</p>
      <button
        type="button"
        className="button"
        onClick={() => void queryClient.resetQueries({ queryKey: ME_KEY })}
      >
        {t('serviceProblem.retry')}
      </button>
    </AuthLayout>
  );
}
