import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useProcedureMap } from '../../api/procedure-map';
import { errorMessage } from '../../components/form-errors';
import { PageLoading } from '../../components/loading';
import { Ltr } from '../../components/ltr';
import { Notice } from '../../components/notice';
import { usePageTitle } from '../../components/page-title';
import { ProcedureMapView } from './procedure-map-view';

/** /cases/:id/map: the case's journey through stages, organisations, referrals and tasks. */
export function ProcedureMapPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useProcedureMap(id);
  const map = query.data;
  usePageTitle(map ? `${t('procedureMap.title')} ${map.reference}` : t('procedureMap.title'));
  const back = (
    <p>
      <Link className="back-link" to={`/cases/${encodeURIComponent(id)}/workflow`}>
        {t('procedureMap.backToCase')}
      </Link>
    </p>
  );
  if (query.isPending) return <PageLoading />;
  if (!map) {
    return (
      <>
        {back}
        <Notice tone="error" title={errorMessage(t, query.error)} />
      </>
    );
  }

  return (
    <>
      {back}
      <h1 className="heading-xl">
        {t('procedureMap.title')}
        <span className="heading-secondary">
          {t('procedureMap.caption')} <Ltr>{map.reference}</Ltr>
        </span>
      </h1>
      <p>{t('procedureMap.intro')}</p>
      <ProcedureMapView map={map} />
    </>
  );
}
