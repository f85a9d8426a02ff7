import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/auth';
import { IntakeCards } from '../../components/intake-cards';
import { Notice } from '../../components/notice';
import { usePageTitle } from '../../components/page-title';
import { intakeKindsFor } from '../../lib/intake-kinds';

export function IntakeStartPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const kinds = intakeKindsFor(me);
  usePageTitle(t('intake.title'));
  return (
    <>
      <h1 className="heading-xl">{t('intake.title')}</h1>
      <p className="lead">{t('intake.intro')}</p>
      {kinds.length === 0 ? (
        <Notice tone="info" title={t('intake.noneForRole')} />
      ) : (
        <IntakeCards kinds={kinds} />
      )}
    </>
  );
}
