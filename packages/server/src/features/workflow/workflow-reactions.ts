// How the SOP engine follows what other features changed: they emit events (lib/events.ts) and
// `subscribeWorkflow` (index.ts) calls these, in the emitter's transaction.
import {
  type CaseCategory,
  type CaseSubtype,
  type ConsentPurpose,
  type ConsentStatus,
  type OrganisationKind,
  type RiskLevel,
  roleHas,
  selectSop,
} from '@opennrm/domain';
import type { ActContext } from '../../lib/act-context.js';
import { AppError } from '../../lib/app-error.js';
import { writeCaseRow } from '../cases/index.js';
import { latestSops } from '../sops/index.js';
import { assignCaseManagerTasks } from '../tasks/index.js';
import * as repo from './workflow.repository.js';
import { act, saveWorkflow, startWorkflow, withSop } from './workflow.service.js';

/** After an assignment: the engine learns the case has a case manager, whose tasks become theirs. */
export async function onCaseAssigned(c: ActContext, caseId: string, assigneeId: string | null) {
  const wf = await repo.findWorkflow(c.db, caseId);
  if (!wf) return;
  await assignCaseManagerTasks(c, caseId, assigneeId);
  // A reassignment changes nothing the SOP looks at; a closed case takes no action but reopening.
  if (assigneeId && !wf.state.assigned && wf.state.stage !== 'closed') {
    await act(c, caseId, [{ type: 'assign' }], { skipAudit: true });
  }
}

/**
 * After the screening is confirmed: starts the SOP if needed, or moves the case to the SOP of
 * its confirmed category (the tasks done so far stay), and records the category and risk.
 */
export async function onScreeningConfirmed(
  c: ActContext,
  caseId: string,
  decision: { category: CaseCategory; subtype: CaseSubtype | null; risk: RiskLevel },
) {
  await takeUnassignedCase(c, caseId);
  const existing = await repo.findWorkflow(c.db, caseId, true);
  if (!existing) {
    await startWorkflow(c, caseId);
    return;
  }
  const loaded = await withSop(c.services, c.db, existing);
  if (loaded.sop.category !== decision.category || loaded.state.category !== decision.category) {
    const minor = loaded.state.minor;
    const sop = selectSop(await latestSops(c.db), { ...decision, minor });
    if (!sop) throw new AppError('WORKFLOW_NOT_STARTED', 'No SOP applies to this case category');
    await saveWorkflow(
      c.db,
      {
        ...existing,
        sopId: sop.id,
        sopVersion: sop.version,
        state: { ...existing.state, category: decision.category, subtype: decision.subtype },
      },
      c.now,
      c.audit,
    );
  }
  await act(
    c,
    caseId,
    [
      { type: 'set_risk', risk: decision.risk },
      { type: 'confirm_category', category: decision.category, subtype: decision.subtype },
    ],
    { skipAudit: true },
  );
}

/** After a consent is recorded: the engine's conditions (required referrals, mandatory tasks) follow it. */
export async function onConsentRecorded(
  c: ActContext,
  caseId: string,
  consent: { purpose: ConsentPurpose; organisationKind: OrganisationKind | null; status: ConsentStatus },
) {
  const wf = await repo.findWorkflow(c.db, caseId);
  if (!wf || wf.state.stage === 'closed') return;
  await act(
    c,
    caseId,
    [
      {
        type: 'record_consent',
        purpose: consent.purpose,
        status: consent.status,
        ...(consent.organisationKind ? { organisationKind: consent.organisationKind } : {}),
      },
    ],
    { skipAudit: true },
  );
}

/** After the case's risk changes on the case page: conditions such as "risk at least high" follow. */
export async function onRiskChanged(c: ActContext, caseId: string, risk: RiskLevel) {
  const wf = await repo.findWorkflow(c.db, caseId);
  if (!wf || wf.state.stage === 'closed') return;
  await act(c, caseId, [{ type: 'set_risk', risk }], { skipAudit: true });
}

/**
 * The case manager who confirms the screening of an unassigned case becomes its case manager
 * (they interviewed the person); a supervisor can reassign it. Audited as an assignment.
 */
async function takeUnassignedCase(c: ActContext, caseId: string) {
  if (!c.actorId) return;
  const row = await repo.findAssigneeAndRole(c.db, caseId, c.actorId);
  if (!row?.role || row.assigned_to || !roleHas(row.role, 'cases.manage')) return;
  await writeCaseRow(c.db, caseId, { assigned_to: c.actorId }, c.now, {
    audit: {
      ctx: c.audit,
      action: 'case.assigned',
      details: { from: null, to: c.actorId, atScreening: true },
    },
  });
  if (await repo.findWorkflow(c.db, caseId)) await onCaseAssigned(c, caseId, c.actorId);
}
