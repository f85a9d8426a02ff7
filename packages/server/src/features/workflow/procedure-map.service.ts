import type { Actor, ProcedureMap } from '@opennrm/domain';
import type { AuditContext } from '../../lib/act-context.js';
import { notFound } from '../../lib/app-error.js';
import type { Services } from '../../services.js';
import { recordAudit } from '../audit/index.js';
import { readableCase, writableCase } from '../cases/index.js';
import { isOverdue } from '../referrals/index.js';
import { listAllCaseTasks } from '../tasks/index.js';
import { findCaseForMap, listReferralsForMap } from './procedure-map.repository.js';
import { followUpsOf, stagesOf } from './workflow.present.js';
import { findWorkflow, withSop } from './workflow.service.js';

/** Everything the procedure map draws, in one read: stages with dates, referrals, tasks, follow-ups. */
/** The map in the reader's language: organisations by their Arabic name where they have one. */
export async function buildProcedureMap(
  services: Services,
  caseId: string,
  locale = 'en',
): Promise<ProcedureMap> {
  const db = services.db;
  const row = await findCaseForMap(db, caseId);
  if (!row) throw notFound('Case');
  const record = await findWorkflow(db, caseId);
  const wf = record ? await withSop(services, db, record) : undefined;
  const now = services.now();
  const referrals = await listReferralsForMap(db, caseId);
  const tasks = await listAllCaseTasks(services, caseId);
  const closedVisit = wf?.history.filter((v) => v.stage === 'closed').at(-1);
  return {
    reference: row.reference,
    category: row.category ?? null,
    subtype: row.subtype ?? null,
    receivedAt: row.received_at.toISOString(),
    closedAt: wf?.state.stage === 'closed' ? (closedVisit?.enteredAt ?? null) : null,
    now: now.toISOString(),
    stages: wf ? stagesOf(wf) : [],
    referrals: referrals.map((r) => ({
      id: r.id,
      organisationName: locale === 'ar' && r.name_ar ? r.name_ar : r.name,
      organisationKind: r.kind,
      purpose: r.purpose,
      status: r.status,
      sentAt: r.created_at.toISOString(),
      // Referrals recorded before the SOP workflow (imported or intake data) may lack the
      // dates of their steps: the last change stands in for them.
      respondedAt:
        (
          r.accepted_at ??
          r.declined_at ??
          r.acknowledged_at ??
          (r.status === 'sent' ? null : r.updated_at)
        )?.toISOString() ?? null,
      concludedAt:
        (
          r.completed_at ??
          r.declined_at ??
          r.revoked_at ??
          (['completed', 'declined', 'revoked'].includes(r.status) ? r.updated_at : null)
        )?.toISOString() ?? null,
      overdue: isOverdue(r, now),
    })),
    tasks: tasks.map((dto) => ({
      id: dto.id,
      stage: dto.stage,
      title: dto.title,
      ownerName: dto.owner.assigneeName ?? dto.owner.organisationName ?? null,
      mandatory: dto.mandatory,
      status: dto.status,
      createdAt: dto.createdAt,
      dueAt: dto.dueAt,
      completedAt: dto.completedAt,
      overdue: dto.overdue,
      referralId: dto.referralId,
    })),
    followUps: wf ? await followUpsOf(services, db, wf) : [],
  };
}

/** GET /api/cases/:id/procedure-map: for whoever may work on the case (audited as a view). */
export async function viewProcedureMap(
  services: Services,
  audit: AuditContext,
  actor: Actor,
  caseId: string,
  locale?: string,
): Promise<ProcedureMap> {
  await readableCase(services, audit, actor, caseId);
  await writableCase(services, audit, actor, caseId);
  await recordAudit(
    services.db,
    audit,
    { action: 'procedure_map.viewed', targetType: 'case', targetId: caseId },
    services.now(),
  );
  return buildProcedureMap(services, caseId, locale);
}
