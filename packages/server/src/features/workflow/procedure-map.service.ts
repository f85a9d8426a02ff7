import type { CaseCategory, CaseSubtype, LocalizedText, ProcedureMap, TaskStatus } from '@opennrm/domain';
import { notFound } from '../../lib/app-error.js';
import type { Services } from '../../services.js';
import { isOverdue } from './referral-reads.js';
import { presentTask, taskQuery } from './tasks.service.js';
import { followUpsOf, stagesOf } from './workflow.present.js';
import { findWorkflow, withSop } from './workflow.store.js';

/** Everything the procedure map draws, in one read: stages with dates, referrals, tasks, follow-ups. */
/** The map in the reader's language: organisations by their Arabic name where they have one. */
export async function buildProcedureMap(
  services: Services,
  caseId: string,
  locale = 'en',
): Promise<ProcedureMap> {
  const db = services.db;
  const row = await db
    .selectFrom('cases')
    .select(['reference', 'category', 'subtype', 'received_at'])
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!row) throw notFound('Case');
  const record = await findWorkflow(db, caseId);
  const wf = record ? await withSop(services, db, record) : undefined;
  const now = services.now();
  const referrals = await db
    .selectFrom('referrals as r')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .select([
      'r.id',
      'o.name',
      'o.name_ar',
      'o.kind',
      'r.purpose',
      'r.status',
      'r.created_at',
      'r.acknowledged_at',
      'r.accepted_at',
      'r.declined_at',
      'r.completed_at',
      'r.revoked_at',
      'r.acknowledge_by',
      'r.complete_by',
      'r.updated_at',
    ])
    .where('r.case_id', '=', caseId)
    .orderBy('r.created_at')
    .execute();
  const tasks = await taskQuery(db).where('t.case_id', '=', caseId).orderBy('t.created_at').execute();
  const closedVisit = wf?.history.filter((v) => v.stage === 'closed').at(-1);
  return {
    reference: row.reference,
    category: (row.category as CaseCategory | null) ?? null,
    subtype: (row.subtype as CaseSubtype | null) ?? null,
    receivedAt: row.received_at.toISOString(),
    closedAt: wf?.state.stage === 'closed' ? (closedVisit?.enteredAt ?? null) : null,
    now: now.toISOString(),
    stages: wf ? stagesOf(wf) : [],
    referrals: referrals.map((r) => ({
      id: r.id,
      organisationName: locale === 'ar' && r.name_ar ? r.name_ar : r.name,
      organisationKind: r.kind as ProcedureMap['referrals'][number]['organisationKind'],
      purpose: r.purpose as ProcedureMap['referrals'][number]['purpose'],
      status: r.status as ProcedureMap['referrals'][number]['status'],
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
    tasks: tasks.map((t) => {
      const dto = presentTask(services, { ...t, note_enc: null });
      return {
        id: dto.id,
        stage: dto.stage,
        title: t.title as LocalizedText,
        ownerName: dto.owner.assigneeName ?? dto.owner.organisationName ?? null,
        mandatory: dto.mandatory,
        status: dto.status as TaskStatus,
        createdAt: dto.createdAt,
        dueAt: dto.dueAt,
        completedAt: dto.completedAt,
        overdue: dto.overdue,
        referralId: dto.referralId,
      };
    }),
    followUps: wf ? await followUpsOf(services, db, wf) : [],
  };
}
