import type { CaseWorkflow, WorkflowActionOffer } from '@opennrm/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { workflowApi } from '../../api/workflow';
import { ActionDialog } from './action-dialog';
import { ActionRow } from './action-row';
import { ChangeFeedbackNotice } from './change-feedback';
import { useWorkflowChange } from './use-workflow-change';
import { useStageTitle } from './workflow-labels';

/** Moving the case on: to the next stage, or past a stage the SOP lets it skip (with a reason). */
export function StageActions({ caseId, workflow }: { caseId: string; workflow: CaseWorkflow }) {
  const { t } = useTranslation();
  const stageTitle = useStageTitle();
  const change = useWorkflowChange(caseId);
  const [skipping, setSkipping] = useState<WorkflowActionOffer | null>(null);
  const advance = workflow.actions.find((a) => a.type === 'advance');
  const skip = workflow.actions.find((a) => a.type === 'skip');
  if (workflow.stage === 'closed') return null;

  return (
    <section className="wf-card" aria-labelledby="wf-stage-title">
      <h3 className="heading-s wf-card__title" id="wf-stage-title">
        {t('workflow.currentStage', { stage: stageTitle(workflow.stage) })}
      </h3>
      <ChangeFeedbackNotice feedback={change.feedback} caseId={caseId} workflow={workflow} />
      {advance?.to ? (
        <ActionRow
          caseId={caseId}
          workflow={workflow}
          label={t('workflow.actions.advance', { stage: stageTitle(advance.to) })}
          allowed={advance.allowed}
          blockers={advance.blockers}
          pending={change.pending}
          onClick={() => change.act({ type: 'advance' })}
        />
      ) : (
        <p className="muted">{t('workflow.noNextStage')}</p>
      )}
      {skip?.stage ? (
        <ActionRow
          caseId={caseId}
          workflow={workflow}
          secondary
          label={t('workflow.actions.skip', { stage: stageTitle(skip.stage) })}
          allowed={skip.allowed}
          blockers={skip.blockers}
          onClick={() => setSkipping(skip)}
        />
      ) : null}
      {skipping?.stage ? (
        <ActionDialog
          open
          onClose={() => setSkipping(null)}
          caseId={caseId}
          workflow={workflow}
          title={t('workflow.skipTitle', { stage: stageTitle(skipping.stage) })}
          confirmLabel={t('workflow.skipConfirm')}
          reason={{ label: t('workflow.skipReason'), hint: t('workflow.skipReasonHint'), required: true }}
          change={({ reason }) =>
            (etag) =>
              workflowApi.act(caseId, etag, { type: 'skip', stage: skipping.stage ?? workflow.stage, reason })
            }
        >
          <p>
            {t('workflow.skipBody', {
              stage: stageTitle(skipping.stage),
              to: skipping.to ? stageTitle(skipping.to) : '',
            })}
          </p>
        </ActionDialog>
      ) : null}
    </section>
  );
}
