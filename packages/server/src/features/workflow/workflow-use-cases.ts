// What the workflow routes ask for, one function per request: the access check on the case, the
// transaction, the engine's actions, and the workflow as the caller sees it afterwards.
import {
  type Actor,
  type CaseAction,
  type CaseWorkflow,
  can,
  type SopVersionChange,
  type WorkflowActionRequest,
} from '@opennrm/domain';
import type { z } from 'zod';
import { type AuditContext, actContextOf } from '../../lib/act-context.js';
import { AppError, notFound } from '../../lib/app-error.js';
import type { Services } from '../../services.js';
import { recordAudit } from '../audit/index.js';
import { writableCase } from '../cases/index.js';
import { loadSop } from '../sops/index.js';
import { presentWorkflow } from './workflow.present.js';
import { act, findWorkflow, saveWorkflow, startWorkflow } from './workflow.service.js';

/** Checks the workflow version the client read (If-Match); throws to refuse. */
export type IfMatch = (version: number) => void;

/** GET /api/cases/:id/workflow: the case's SOP for whoever may work on the case (audited as a view). */
export async function viewWorkflow(
  services: Services,
  audit: AuditContext,
  actor: Actor,
  caseId: string,
): Promise<CaseWorkflow> {
  await writableCase(services, audit, actor, caseId);
  await recordAudit(
    services.db,
    audit,
    { action: 'case.viewed', targetType: 'case', targetId: caseId, details: { part: 'workflow' } },
    services.now(),
  );
  return presentWorkflow(services, services.db, caseId);
}

/** Starts the SOP of a case by hand: its confirmed category chooses the SOP. */
export async function startWorkflowByHand(
  services: Services,
  audit: AuditContext,
  actor: Actor,
  caseId: string,
): Promise<CaseWorkflow> {
  const { row } = await writableCase(services, audit, actor, caseId);
  if (!row.category)
    throw new AppError('WORKFLOW_NOT_STARTED', 'Confirm the category first: it chooses the SOP');
  await services.db
    .transaction()
    .execute((trx) => startWorkflow(actContextOf(services, audit, actor.userId, trx), row.id));
  return presentWorkflow(services, services.db, row.id);
}

/**
 * Moves a case through its SOP as the caller asked (advance, skip, closure, reopening,
 * procedures, resolution). Only a supervisor decides on closure; an approval closes the case
 * with it when nothing else blocks.
 */
export async function applyWorkflowAction(
  services: Services,
  audit: AuditContext,
  actor: Actor,
  caseId: string,
  body: WorkflowActionRequest,
  ifMatch: IfMatch,
): Promise<CaseWorkflow> {
  const { row } = await writableCase(services, audit, actor, caseId);
  if (
    (body.type === 'approve_closure' || body.type === 'reject_closure') &&
    !can(actor, 'cases.approve_closure')
  ) {
    throw new AppError('FORBIDDEN', 'Only a supervisor decides on closure');
  }
  await services.db.transaction().execute(async (trx) => {
    const c = actContextOf(services, audit, actor.userId, trx);
    const actions: CaseAction[] = [];
    switch (body.type) {
      case 'approve_closure':
        // The approval is the last step: the case closes with it when nothing else blocks.
        actions.push({ type: 'approve_closure' });
        break;
      case 'open_procedure':
        actions.push({
          type: 'open_procedure',
          kind: body.kind,
          id: `${body.kind}-${Date.now().toString(36)}`,
        });
        break;
      default:
        actions.push(body);
    }
    const { workflow } = await act(c, row.id, actions, {
      ifMatch,
      details: 'reason' in body || 'comment' in body ? { withReason: true } : {},
      closureComment: body.type === 'approve_closure' ? body.comment : undefined,
    });
    if (body.type === 'approve_closure') {
      const close = workflow.state.stage !== 'closed';
      if (close) await act(c, row.id, [{ type: 'close' }]);
    }
  });
  return presentWorkflow(services, services.db, row.id);
}

/** A supervisor moves a case to another published version of its SOP (audited). */
export async function changeSopVersion(
  services: Services,
  audit: AuditContext,
  actor: Actor,
  caseId: string,
  change: z.infer<typeof SopVersionChange>,
  ifMatch: IfMatch,
): Promise<CaseWorkflow> {
  const { row } = await writableCase(services, audit, actor, caseId);
  await services.db.transaction().execute(async (trx) => {
    const record = await findWorkflow(trx, row.id, true);
    if (!record) throw new AppError('WORKFLOW_NOT_STARTED', 'The SOP has not started for this case');
    ifMatch(record.version);
    const sop = await loadSop(trx, record.sopId, change.version);
    if (!sop) throw notFound('SOP version');
    const from = record.sopVersion;
    await saveWorkflow(trx, { ...record, sopVersion: sop.version }, services.now(), audit);
    // Re-evaluate with the new version (mandatory tasks, intake stages) in the same transaction.
    await act(actContextOf(services, audit, actor.userId, trx), row.id, [], { skipAudit: true });
    await recordAudit(
      trx,
      audit,
      {
        action: 'workflow.sop_changed',
        targetType: 'case',
        targetId: row.id,
        details: { sopId: record.sopId, from, to: sop.version },
      },
      services.now(),
    );
  });
  return presentWorkflow(services, services.db, row.id);
}
