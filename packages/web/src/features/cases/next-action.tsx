import type { Case, CaseWorkflow } from '@opennrm/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSession } from '../../api/auth';
import { useWorkflow } from '../../api/workflow';
import { hasPermission } from '../../lib/permissions';
import { BlockerList, useStageTitle } from '../workflow';
import { AssignDialog } from './assign-dialog';

/** How many blockers the card lists before pointing to the workflow section for the rest. */
const SHOWN_BLOCKERS = 3;

interface Step {
  title: string;
  body: string | null;
  /** What blocks it, when the step is moving the case on. */
  blockers?: CaseWorkflow['closeBlockers'];
  more?: number;
  /** The workflow section is where this step is done. */
  toWorkflow?: boolean;
  /** The blockers are those of closing the case. */
  closing?: boolean;
}

/** The next step of a case the SOP drives: start it, move on, decide closure, reopen. */
function workflowStep(
  workflow: CaseWorkflow,
  t: ReturnType<typeof useTranslation>['t'],
  stageTitle: (stage: CaseWorkflow['stage']) => string,
  canDecide: boolean,
): Step {
  if (workflow.reopenRequired) {
    return { title: t('nextAction.reopenTitle'), body: t('nextAction.reopenBody'), toWorkflow: true };
  }
  if (workflow.stage === 'closed')
    return { title: t('nextAction.closedTitle'), body: t('nextAction.closedBody') };
  if (workflow.closure.requested && !workflow.closure.approved) {
    return canDecide
      ? { title: t('nextAction.decideTitle'), body: t('nextAction.decideBody'), toWorkflow: true }
      : { title: t('nextAction.awaitingTitle'), body: t('nextAction.awaitingBody') };
  }
  const close = workflow.actions.find((a) => a.type === 'close');
  if (workflow.closure.approved && close?.allowed) {
    return { title: t('nextAction.closeTitle'), body: t('nextAction.closeBody'), toWorkflow: true };
  }
  const advance = workflow.actions.find((a) => a.type === 'advance');
  const request = workflow.actions.find((a) => a.type === 'request_closure');
  const stage = stageTitle(workflow.stage);
  if (advance?.to) {
    const next = stageTitle(advance.to);
    const skip = workflow.actions.find((a) => a.type === 'skip');
    if (!advance.allowed && skip?.allowed && skip.to) {
      return {
        title: t('nextAction.workTitle', { stage }),
        body: t('nextAction.skipOrWorkBody', { stage: next, after: stageTitle(skip.to) }),
        blockers: advance.blockers.slice(0, SHOWN_BLOCKERS),
        more: Math.max(0, advance.blockers.length - SHOWN_BLOCKERS),
        toWorkflow: true,
      };
    }
    if (advance.allowed) {
      return {
        title: t('nextAction.advanceTitle', { stage: next }),
        body: t('nextAction.advanceBody', { stage }),
        toWorkflow: true,
      };
    }
    return {
      title: t('nextAction.workTitle', { stage }),
      body: t('nextAction.workBody', { count: advance.blockers.length, stage: next }),
      blockers: advance.blockers.slice(0, SHOWN_BLOCKERS),
      more: Math.max(0, advance.blockers.length - SHOWN_BLOCKERS),
      toWorkflow: true,
    };
  }
  if (request?.allowed) {
    return { title: t('nextAction.requestTitle'), body: t('nextAction.requestBody'), toWorkflow: true };
  }
  return {
    title: t('nextAction.workTitle', { stage }),
    body: t('nextAction.closeBlockedBody', { count: workflow.closeBlockers.length }),
    blockers: workflow.closeBlockers.slice(0, SHOWN_BLOCKERS),
    more: Math.max(0, workflow.closeBlockers.length - SHOWN_BLOCKERS),
    toWorkflow: true,
    closing: true,
  };
}

/** The next thing to do on the case, in plain sight, and what blocks it. */
export function NextAction({ found, etag }: { found: Case; etag: string | null }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const [assigning, setAssigning] = useState(false);
  const canManage = hasPermission(me, 'cases.manage');
  const canAssign = hasPermission(me, 'cases.assign');
  const canScreen = hasPermission(me, 'cases.screen') && found.sections.includes('screening');
  const intake = found.stage === 'received' || found.stage === 'screening';
  const workflowQuery = useWorkflow(found.id, canManage);
  const workflow = workflowQuery.data?.data;
  const stageTitle = useStageTitle();

  let step: Step;
  if (!canManage) {
    step = { title: t('nextAction.readOnlyTitle'), body: t('nextAction.readOnlyBody') };
  } else if (found.duplicateCheck === 'pending' && found.person) {
    step = { title: t('nextAction.duplicateTitle'), body: t('nextAction.duplicateBody') };
  } else if (found.stage === 'received' && !found.assignedTo) {
    step = {
      title: t('nextAction.assignTitle'),
      body: canAssign ? t('nextAction.assignBody') : t('nextAction.assignWaiting'),
    };
  } else if (intake && !found.category) {
    step = { title: t('nextAction.screenTitle'), body: t('nextAction.screenBody') };
  } else if (workflow && !workflow.started) {
    step = found.category
      ? { title: t('nextAction.startTitle'), body: t('nextAction.startBody'), toWorkflow: true }
      : { title: t('nextAction.screenTitle'), body: t('nextAction.screenBody') };
  } else if (workflow) {
    step = workflowStep(workflow, t, stageTitle, hasPermission(me, 'cases.approve_closure'));
  } else if (intake) {
    step = { title: t('nextAction.screenTitle'), body: t('nextAction.screenBody') };
  } else {
    step = { title: t('nextAction.workTitle', { stage: stageTitle(found.stage) }), body: null };
  }

  return (
    <section className="next-action" aria-labelledby="next-action-title">
      <p className="next-action__label">{t('nextAction.label')}</p>
      <h2 className="next-action__title" id="next-action-title">
        {step.title}
      </h2>
      {step.body ? <p>{step.body}</p> : null}
      {step.blockers && step.blockers.length > 0 ? (
        <BlockerList
          caseId={found.id}
          workflow={workflow}
          blockers={step.blockers}
          context={step.closing ? 'close' : undefined}
        />
      ) : null}
      {step.more ? <p className="muted">{t('nextAction.moreBlockers', { count: step.more })}</p> : null}
      <div className="button-group">
        {canManage && found.duplicateCheck === 'pending' && found.person ? (
          <a className="button" href="#duplicate-check">
            {t('nextAction.duplicateGo')}
          </a>
        ) : null}
        {canManage && step.toWorkflow ? (
          <Link className="button" to={`/cases/${found.id}/workflow`}>
            {t('nextAction.goWorkflow')}
          </Link>
        ) : null}
        {canAssign ? (
          <button
            type="button"
            className={found.assignedTo ? 'button button--secondary' : 'button'}
            onClick={() => setAssigning(true)}
          >
            {found.assignedTo ? t('nextAction.reassign') : t('nextAction.assign')}
          </button>
        ) : null}
        {canScreen && intake ? (
          <Link className="button button--secondary" to={`/intake/walk-in/${found.id}`}>
            {t('nextAction.resume')}
          </Link>
        ) : null}
      </div>
      {assigning ? (
        <AssignDialog open={assigning} onClose={() => setAssigning(false)} found={found} etag={etag} />
      ) : null}
    </section>
  );
}
