// The workflow feature's public API: what other features and the composition root may use.
import type { EventBus } from '../../lib/events.js';
import { act } from './workflow.service.js';
import {
  onCaseAssigned,
  onConsentRecorded,
  onRiskChanged,
  onScreeningConfirmed,
} from './workflow-reactions.js';

export type { LoadedWorkflow, StageVisit, WorkflowRecord } from './workflow.model.js';
export { presentWorkflow } from './workflow.present.js';
export { workflowRoutes } from './workflow.routes.js';
export {
  type ActContext,
  type ActOptions,
  act,
  findWorkflow,
  loadWorkflow,
  startWorkflow,
} from './workflow.service.js';

/** The SOP engine reacts to changes made elsewhere: assignment, screening, consent, risk. */
export function subscribeWorkflow(events: EventBus): void {
  events.on('case.assigned', (c, e) => onCaseAssigned(c, e.caseId, e.assigneeId));
  events.on('screening.confirmed', (c, e) => onScreeningConfirmed(c, e.caseId, e.decision));
  events.on('consent.recorded', (c, e) => onConsentRecorded(c, e.caseId, e.consent));
  events.on('case.risk-changed', (c, e) => onRiskChanged(c, e.caseId, e.risk));
  // A task added by hand or completed, cancelled, reopened: its row is written by the tasks feature.
  events.on('task.added', async (c, e) => {
    const dueAt = e.dueAt ? { dueAt: e.dueAt } : {};
    await act(c, e.caseId, [{ type: 'add_task', id: e.key, mandatory: e.mandatory, ...dueAt }], {
      skipAudit: true,
    });
  });
  events.on('task.status-set', async (c, e) => {
    await act(c, e.caseId, [{ type: 'set_task_status', taskId: e.key, status: e.status }], {
      skipAudit: true,
    });
  });
}
