import { type Case, type CaseWorkflow, localize } from '@opennrm/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/auth';
import { useWorkflow, workflowApi } from '../../api/workflow';
import { errorMessage } from '../../components/form-errors';
import { SkeletonRows } from '../../components/loading';
import { Notice } from '../../components/notice';
import { hasPermission } from '../../lib/permissions';
import { ActionDialog } from './action-dialog';
import { CaseFacts } from './case-facts';
import { ChangeFeedbackNotice } from './change-feedback';
import { ClosurePanel } from './closure-panel';
import { StageActions } from './stage-actions';
import { StageStepper } from './stage-stepper';
import { useWorkflowChange } from './use-workflow-change';

/** The SOP the case follows, and a supervisor's move to a newer version (with a reason, audited). */
function SopLine({ caseId, workflow }: { caseId: string; workflow: CaseWorkflow }) {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const [moving, setMoving] = useState(false);
  if (!workflow.sop) return null;
  const newer = workflow.newerSopVersion;
  const canMove = hasPermission(me, 'cases.change_sop') && workflow.stage !== 'closed';
  return (
    <div className="wf-sop">
      <p className="wf-sop__name">
        <span className="wf-sop__label">{t('workflow.sopLabel')}</span>{' '}
        <strong>{localize(workflow.sop.title, i18n.language)}</strong>{' '}
        <span className="wf-sop__version">{t('workflow.sopVersion', { version: workflow.sop.version })}</span>
      </p>
      {newer ? (
        <p className="wf-sop__newer">
          {t('workflow.newerVersion', { version: newer })}{' '}
          {canMove ? (
            <button type="button" className="button button--secondary" onClick={() => setMoving(true)}>
              {t('workflow.moveToVersion', { version: newer })}
            </button>
          ) : null}
        </p>
      ) : null}
      {moving && newer ? (
        <ActionDialog
          open
          onClose={() => setMoving(false)}
          caseId={caseId}
          workflow={workflow}
          title={t('workflow.moveTitle', { version: newer })}
          confirmLabel={t('workflow.moveConfirm', { version: newer })}
          reason={{ label: t('workflow.moveReason'), hint: t('workflow.moveReasonHint'), required: true }}
          change={({ reason }) =>
            (etag) =>
              workflowApi.changeSopVersion(caseId, etag, { version: newer, reason })
            }
        >
          <p>{t('workflow.moveBody', { from: workflow.sop.version, to: newer })}</p>
        </ActionDialog>
      ) : null}
    </div>
  );
}

/** Before the SOP starts: it needs the case's category, then someone starts it. */
function NotStarted({ found }: { found: Case }) {
  const { t } = useTranslation();
  const change = useWorkflowChange(found.id);
  return (
    <section className="wf-card">
      <h3 className="heading-s wf-card__title">{t('workflow.notStartedTitle')}</h3>
      <ChangeFeedbackNotice feedback={change.feedback} caseId={found.id} workflow={null} />
      {found.category ? (
        <>
          <p>{t('workflow.notStartedBody')}</p>
          <button
            type="button"
            className="button"
            disabled={change.pending}
            onClick={() => change.run(() => workflowApi.start(found.id))}
          >
            {t('workflow.start')}
          </button>
        </>
      ) : (
        <p>{t('workflow.needsCategory')}</p>
      )}
    </section>
  );
}

/**
 * The case's SOP workflow for the NRM team: the stages, what moves the case on and what
 * blocks it, closure, and the facts the SOP reads.
 */
export function WorkflowPanel({ found }: { found: Case }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const query = useWorkflow(found.id);
  const workflow = query.data?.data;
  if (query.isPending) return <SkeletonRows rows={4} />;
  if (!workflow) return <Notice tone="error" title={errorMessage(t, query.error)} />;
  if (!workflow.started) return <NotStarted found={found} />;
  const canAct = hasPermission(me, 'cases.manage');
  return (
    <div className="wf-panel">
      <SopLine caseId={found.id} workflow={workflow} />
      <StageStepper workflow={workflow} />
      {canAct ? (
        <>
          <StageActions caseId={found.id} workflow={workflow} />
          <ClosurePanel caseId={found.id} workflow={workflow} />
          <CaseFacts caseId={found.id} workflow={workflow} />
        </>
      ) : null}
    </div>
  );
}
