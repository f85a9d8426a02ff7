import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router-dom';
import { useCase } from '../../api/cases';
import { Flash } from '../../components/flash';
import { errorMessage } from '../../components/form-errors';
import { PageLoading } from '../../components/loading';
import { Notice } from '../../components/notice';
import { usePageTitle } from '../../components/page-title';
import { IdentityBar } from '../cases/identity-bar';
import { ConsentRecorder } from '../cases/sections/consent-recorder';
import { ConsentHistory, isMinorPerson } from '../cases/sections/consents-section';
import { ScreeningInterview } from '../screening/screening-interview';
import { IntakeSteps } from './intake-steps';

/**
 * The walk-in interview, steps 3 and 4, for a case that exists: the screening (saved as
 * you go) and the consents. The case page links back here while the case is being screened.
 */
export function WalkInCasePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '', step = '' } = useParams();
  const query = useCase(id);
  const [saved, setSaved] = useState<number | null>(null);
  const found = query.data?.data;
  const current = step === 'consents' ? 'consents' : 'screening';
  usePageTitle(`${t('walkIn.title')}: ${t(`walkIn.steps.${current}`)}`);
  if (step !== 'screening' && step !== 'consents')
    return <Navigate to={`/intake/walk-in/${id}/screening`} replace />;
  if (query.isPending) return <PageLoading />;
  if (!found) return <Notice tone="error" title={errorMessage(t, query.error)} />;
  const caseLink = `/cases/${found.id}`;

  return (
    <>
      <span className="caption">{t('intake.title')}</span>
      <p className="heading-l">{t('walkIn.title')}</p>
      <IntakeSteps current={current} />
      <Flash />
      <IdentityBar found={found} />
      {current === 'screening' ? (
        <>
          <h2 className="heading-l">{t('walkIn.steps.screening')}</h2>
          <p className="lead">{t('walkIn.screeningIntro')}</p>
          <ScreeningInterview
            found={found}
            footer={
              <div className="button-group">
                <button
                  type="button"
                  className="button"
                  onClick={() => navigate(`/intake/walk-in/${found.id}/consents`)}
                >
                  {t('walkIn.toConsents')}
                </button>
                <Link to={caseLink}>{t('walkIn.later')}</Link>
              </div>
            }
          />
        </>
      ) : (
        <div className="consent-step">
          <h2 className="heading-l">{t('walkIn.steps.consents')}</h2>
          <p className="lead">{t('walkIn.consentsIntro')}</p>
          {saved !== null ? <Notice tone="success" title={t('consents.saved', { count: saved })} /> : null}
          <ConsentHistory caseId={found.id} />
          <ConsentRecorder caseId={found.id} minor={isMinorPerson(found)} onSaved={setSaved} />
          <div className="button-group section">
            <button type="button" className="button" onClick={() => navigate(caseLink)}>
              {t('walkIn.goToCase')}
            </button>
            <Link to={`/intake/walk-in/${found.id}/screening`}>{t('walkIn.backToScreening')}</Link>
          </div>
        </div>
      )}
    </>
  );
}
