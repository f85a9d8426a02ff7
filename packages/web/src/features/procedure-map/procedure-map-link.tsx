import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** The way from a case to its procedure map, for the case page. */
export function ProcedureMapLink({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  return (
    <Link
      className="button button--secondary"
      to={`/cases/${encodeURIComponent(caseId)}/map`}
      title={t('procedureMap.linkHint')}
    >
      {t('procedureMap.link')}
    </Link>
  );
}
