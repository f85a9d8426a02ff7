import type { CaseWorkflow } from '@opennrm/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/auth';
import { workflowApi } from '../../api/workflow';
import { Notice } from '../../components/notice';
import { useFormatters } from '../../i18n/format';
import { hasPermission } from '../../lib/permissions';
import { ActionDialog } from './action-dialog';
import { ActionRow } from './action-row';
import { BlockerList } from './blockers';
import { ChangeFeedbackNotice } from './change-feedback';
import { useWorkflowChange } from './use-workflow-change';
import { useStageTitle } from './workflow-labels';

type Dialogs = 'approve' | 'reject' | 'close' | 'reopen' | null;

/** Where the closure stands, in one sentence. */
function ClosureStatus({ workflow }: { workflow: CaseWorkflow }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { closure } = workflow;
  const by = (name: string | null) => name ?? t('workflow.someone');
  const date = (iso: string | null) => (iso ? format.date(iso) : '');
  const lines: string[] = [];
  if (workflow.stage === 'closed') lines.push(t('workflow.closure.closed'));
  if (closure.approved)
    lines.push(
      t('workflow.closure.approved', { name: by(closure.decidedBy), date: date(closure.decidedAt) }),
    );
  else if (closure.requested)
    lines.push(
      t('workflow.closure.requested', { name: by(closure.requestedBy), date: date(closure.requestedAt) }),
    );
  else if (closure.decision === 'rejected' && workflow.stage !== 'closed')
    lines.push(
      t('workflow.closure.rejected', { name: by(closure.decidedBy), date: date(closure.decidedAt) }),
    );
  if (lines.length === 0) return null;
  const showComment =
    closure.comment && (closure.approved || (closure.decision === 'rejected' && !closure.requested));
  return (
    <div className="wf-closure-status">
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
      {showComment ? (
        <blockquote className="wf-quote" dir="auto">
          {closure.comment}
        </blockquote>
      ) : null}
    </div>
  );
}

/**
 * Closing the case: what still blocks it (always in view while the case is open), the request,
 * a supervisor's approval or rejection with a comment, the closing itself, and reopening.
 */
export function ClosurePanel({ caseId, workflow }: { caseId: string; workflow: CaseWorkflow }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const stageTitle = useStageTitle();
  const change = useWorkflowChange(caseId);
  const [dialog, setDialog] = useState<Dialogs>(null);
  const canDecide = hasPermission(me, 'cases.approve_closure');
  const open = workflow.stage !== 'closed';
  const offer = (type: string) => workflow.actions.find((a) => a.type === type);
  const request = offer('request_closure');
  const approve = offer('approve_closure');
  const reject = offer('reject_closure');
  const close = offer('close');
  const reopens = workflow.actions.filter((a) => a.type === 'reopen' && a.toStage);
  const reopenAllowed = reopens.filter((a) => a.allowed);
  const listId = 'wf-close-blockers';
  const closeBlocked = workflow.closeBlockers.length > 0;
  const extra = (blockers: CaseWorkflow['closeBlockers']) =>
    blockers.filter((b) => !workflow.closeBlockers.some((c) => c.code === b.code && c.ref === b.ref));

  return (
    <section className="wf-card" aria-labelledby="wf-closure-title">
      <h3 className="heading-s wf-card__title" id="wf-closure-title">
        {open ? t('workflow.closure.title') : t('workflow.closure.closedTitle')}
      </h3>
      <ClosureStatus workflow={workflow} />
      {workflow.reopenRequired ? <Notice tone="error" title={t('workflow.reopenRequired')} /> : null}
      <ChangeFeedbackNotice feedback={change.feedback} caseId={caseId} workflow={workflow} />
      {open ? (
        <div className="wf-why-close">
          <h4 className="wf-why-close__title">{t('workflow.closure.why')}</h4>
          {closeBlocked ? (
            <BlockerList
              id={listId}
              caseId={caseId}
              workflow={workflow}
              blockers={workflow.closeBlockers}
              context="close"
            />
          ) : (
            <p id={listId}>{t('workflow.closure.nothingBlocks')}</p>
          )}
        </div>
      ) : null}
      <div className="wf-actions">
        {request ? (
          <ActionRow
            caseId={caseId}
            workflow={workflow}
            label={t('workflow.actions.request_closure')}
            allowed={request.allowed}
            blockers={extra(request.blockers)}
            describedBy={listId}
            pending={change.pending}
            secondary={!request.allowed}
            onClick={() => change.act({ type: 'request_closure' })}
          />
        ) : null}
        {approve && canDecide ? (
          <ActionRow
            caseId={caseId}
            workflow={workflow}
            label={t('workflow.actions.approve_closure')}
            allowed={approve.allowed}
            blockers={extra(approve.blockers)}
            describedBy={listId}
            onClick={() => setDialog('approve')}
          />
        ) : null}
        {reject && canDecide ? (
          <ActionRow
            caseId={caseId}
            workflow={workflow}
            secondary
            label={t('workflow.actions.reject_closure')}
            allowed={reject.allowed}
            blockers={extra(reject.blockers)}
            onClick={() => setDialog('reject')}
          />
        ) : null}
        {approve && !canDecide ? <p className="muted">{t('workflow.closure.waiting')}</p> : null}
        {close && open ? (
          <ActionRow
            caseId={caseId}
            workflow={workflow}
            danger={close.allowed}
            secondary={!close.allowed}
            label={t('workflow.actions.close')}
            allowed={close.allowed}
            blockers={extra(close.blockers)}
            describedBy={listId}
            onClick={() => setDialog('close')}
          />
        ) : null}
        {reopens.length > 0 ? (
          <ActionRow
            caseId={caseId}
            workflow={workflow}
            secondary={!workflow.reopenRequired}
            label={t('workflow.actions.reopen')}
            allowed={reopenAllowed.length > 0}
            blockers={reopenAllowed.length > 0 ? [] : (reopens[0]?.blockers ?? [])}
            onClick={() => setDialog('reopen')}
          />
        ) : null}
      </div>
      {dialog === 'approve' ? (
        <ActionDialog
          open
          onClose={() => setDialog(null)}
          caseId={caseId}
          workflow={workflow}
          title={t('workflow.approveTitle', { reference: workflow.reference })}
          confirmLabel={t('workflow.approveConfirm')}
          reason={{ label: t('workflow.commentOptional'), required: false }}
          change={({ reason }) =>
            (etag) =>
              workflowApi.act(caseId, etag, {
                type: 'approve_closure',
                ...(reason ? { comment: reason } : {}),
              })
            }
        >
          <p>{t('workflow.approveBody')}</p>
        </ActionDialog>
      ) : null}
      {dialog === 'reject' ? (
        <ActionDialog
          open
          onClose={() => setDialog(null)}
          caseId={caseId}
          workflow={workflow}
          title={t('workflow.rejectTitle', { reference: workflow.reference })}
          confirmLabel={t('workflow.rejectConfirm')}
          reason={{
            label: t('workflow.rejectComment'),
            hint: t('workflow.rejectCommentHint'),
            required: true,
          }}
          change={({ reason }) =>
            (etag) =>
              workflowApi.act(caseId, etag, { type: 'reject_closure', comment: reason })
            }
        >
          <p>{t('workflow.rejectBody')}</p>
        </ActionDialog>
      ) : null}
      {dialog === 'close' ? (
        <ActionDialog
          open
          onClose={() => setDialog(null)}
          caseId={caseId}
          workflow={workflow}
          danger
          title={t('workflow.closeTitle', { reference: workflow.reference })}
          confirmLabel={t('workflow.closeConfirm')}
          change={() => (etag) => workflowApi.act(caseId, etag, { type: 'close' })}
        >
          <p>{t('workflow.closeBody')}</p>
        </ActionDialog>
      ) : null}
      {dialog === 'reopen' ? (
        <ActionDialog
          open
          onClose={() => setDialog(null)}
          caseId={caseId}
          workflow={workflow}
          title={t('workflow.reopenTitle', { reference: workflow.reference })}
          confirmLabel={t('workflow.reopenConfirm')}
          stages={{
            legend: t('workflow.reopenStage'),
            options: reopenAllowed.map((a) => ({
              value: a.toStage ?? '',
              label: stageTitle(a.toStage ?? workflow.stage),
            })),
          }}
          reason={{ label: t('workflow.reopenReason'), hint: t('workflow.reopenReasonHint'), required: true }}
          change={({ reason, stage }) =>
            (etag) =>
              workflowApi.act(caseId, etag, {
                type: 'reopen',
                toStage: reopenAllowed.find((a) => a.toStage === stage)?.toStage ?? workflow.stage,
                reason,
              })
            }
        >
          <p>{t('workflow.reopenBody')}</p>
        </ActionDialog>
      ) : null}
    </section>
  );
}
