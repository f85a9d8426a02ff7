import type { TaskDto } from '@opennrm/domain';
import type { Services } from '../../services.js';
import type { TaskRow } from './tasks.repository.js';

/** A task as the API answers it; without `withNote` its note stays encrypted and is left out. */
export function presentTask(services: Services, r: TaskRow, { withNote = true } = {}): TaskDto {
  const now = services.now().getTime();
  return {
    id: r.id,
    caseId: r.case_id,
    caseReference: r.reference,
    key: r.key,
    sopTaskId: r.sop_task_id,
    stage: r.stage,
    title: r.title,
    evidence: r.evidence,
    mandatory: r.mandatory,
    status: r.status,
    owner: {
      organisationId: r.owner_organisation_id,
      organisationName: r.organisation_name,
      organisationKind: r.owner_kind,
      role: r.owner_role,
      assigneeId: r.assignee_id,
      assigneeName: r.assignee_name,
    },
    referralId: r.referral_id,
    dueAt: r.due_at?.toISOString() ?? null,
    overdue: r.status === 'open' && r.due_at !== null && r.due_at.getTime() < now,
    escalated: r.escalated_at !== null,
    note: withNote && r.note_enc ? services.crypto.decrypt(r.note_enc) : null,
    completedAt: r.completed_at?.toISOString() ?? null,
    completedBy: r.completed_by_name,
    createdAt: r.created_at.toISOString(),
    version: r.version,
  };
}
