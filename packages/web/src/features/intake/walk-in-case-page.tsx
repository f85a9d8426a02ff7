import type { Case } from '@opennrm/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router-dom';
import { useCase } from '../../api/cases';
import { Flash } from '../../components/flash';
import { errorMessage } from '../../components/form-errors';
import { PageLoading } from '../../components/loading';
import { Notice } from '../../components/notice';
import { usePageTitle } from '../../components/page-title';
import { ConsentHistory, ConsentRecorder, IdentityBar, isMinorPerson } from '../cases';
import { ScreeningInterview } from '../screening';
import { IntakeSteps } from './intake-steps';
import { WalkInDetailsStep } from './walk-in-details-step';

const STEPS = ['details', 'screening', 'consents'] as const;
type CaseStep = (typeof STEPS)[number];

function isCaseStep(step: string): step is CaseStep {
  return (STEPS as readonly string[]).includes(step);
}

/** Where an interview left off: the case details until a narrative is saved, then the screening. */
export function resumeStepOf(found: Case): CaseStep | null {
  if (found.stage !== 'received' && found.stage !== 'screening') return null;
  return found.narrative ? 'screening' : 'details';
}

/**
 * The walk-in interview, steps 2 to 4, for the case created at step 1: the case details,
 * the screening (saved as you go) and the consents. Opened without a step (the case page's
 * "Resume the interview"), it goes to the first step not yet done.
 */
export function WalkInCasePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '', step = '' } = useParams();
  const query = useCase(id);
  const [saved, setSaved] = useState<number | null>(null);
  const found = query.data?.data;
  const current: CaseStep = isCaseStep(step) ? step : 'screening';
  usePageTitle(`${t('walkIn.title')}: ${t(`walkIn.steps.${current === 'details' ? 'case' : current}`)}`);
  if (query.isPending) return <PageLoading />;
  if (!found || !query.data) return <Notice tone="error" title={errorMessage(t, query.error)} />;
  const caseLink = `/cases/${found.id}`;
  if (!isCaseStep(step)) {
    const resume = resumeStepOf(found);
    return <Navigate to={resume ? `/intake/walk-in/${found.id}/${resume}` : caseLink} replace />;
  }

  return (
    <>
      <span className="caption">{t('intake.title')}</span>
      <p className="heading-l">{t('walkIn.title')}</p>
      <IntakeSteps current={current === 'details' ? 'case' : current} />
      <Flash />
      <IdentityBar found={found} />
      {current === 'details' ? (
        <WalkInDetailsStep
          found={found}
          etag={query.data.etag}
          onSaved={() => {
            navigate(`/intake/walk-in/${found.id}/screening`);
            window.scrollTo(0, 0);
          }}
        />
      ) : current === 'screening' ? (
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
                <Link to={`/intake/walk-in/${found.id}/details`}>{t('walkIn.backToDetails')}</Link>
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
