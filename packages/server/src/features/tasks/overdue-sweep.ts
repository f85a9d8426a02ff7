import { inRoleGroup, type NotificationKind, ROLE_GROUPS } from '@opennrm/domain';
import type { Database } from '../../db/create-db.js';
import type { Services } from '../../services.js';
import { recordAudit } from '../audit/index.js';
import { type Audience, type NotificationInput, notifyMany } from '../notifications/index.js';
import {
  type ClaimedReferral,
  type ClaimedTask,
  claimFollowUpsDue,
  claimReferrals,
  claimTasks,
  SWEEP_BATCH,
} from './overdue.repository.js';
import { ORGANISATION_TASK_ROLES } from './task-projection.js';

export interface SweepResult {
  tasksOverdue: number;
  tasksEscalated: number;
  referralsOverdue: number;
  referralsEscalated: number;
  followUpsDue: number;
}

/** The owner of a task: its assignee, else its organisation's workers, else the role. */
function taskOwner(t: ClaimedTask): Audience[] {
  if (t.assignee_id) return [{ userIds: [t.assignee_id] }];
  if (t.owner_organisation_id)
    return [{ organisationId: t.owner_organisation_id, roles: ORGANISATION_TASK_ROLES }];
  if (inRoleGroup(t.owner_role, 'supervisors')) return [{ roles: ROLE_GROUPS.supervisors }];
  return [{ userIds: [t.assigned_to] }];
}

/** Whom an escalation reaches: the owner's supervisor (an agency's focal point, the NRM's supervisors) and the case manager. */
function taskEscalation(t: ClaimedTask): Audience[] {
  // An agency's focal point; a shelter's or an embassy's staff, which have no focal-point role.
  const boss: Audience = t.owner_organisation_id
    ? {
        organisationId: t.owner_organisation_id,
        roles: ROLE_GROUPS.organisationLeads,
      }
    : { roles: ROLE_GROUPS.supervisors };
  return [boss, caseManagerOrSupervisors(t.assigned_to)];
}

/** The case manager; before one is named (an urgent case before screening), the NRM's supervisors. */
function caseManagerOrSupervisors(assignedTo: string | null): Audience {
  return assignedTo ? { userIds: [assignedTo] } : { roles: ROLE_GROUPS.supervisors };
}

function taskSubject(t: ClaimedTask): Record<string, string> {
  // Only SOP titles travel (a hand-written title may name the person).
  const title = t.sop_task_id ? t.title : undefined;
  return {
    reference: t.reference,
    ...(title?.en ? { task: title.en } : {}),
    ...(title?.ar ? { taskAr: title.ar } : {}),
  };
}

type Item = { audiences: Audience[]; input: NotificationInput };
const item = (
  audiences: Audience[],
  kind: NotificationKind,
  caseId: string,
  subject: Record<string, string>,
  link: string,
  dedupeKey: string,
): Item => ({ audiences, input: { kind, caseId, subject, link, dedupeKey } });

/** Runs `step` in transactions until it claims nothing more; returns how many rows it took. */
async function drain(db: Database, step: (trx: Database) => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.transaction().execute(step);
    total += n;
    if (n < SWEEP_BATCH) return total;
  }
}

/**
 * The scheduler's sweep: marks tasks and referrals past their deadline and tells their owners,
 * escalates those still open a grace period later to the owner's supervisor and the case
 * manager, and reminds case managers of follow-up contacts due. Safe to run from several
 * server instances at once: each row is claimed by one of them, and each notification has a
 * dedupe key, so every event is notified exactly once.
 */
export async function sweepOverdue(services: Services): Promise<SweepResult> {
  const { db } = services;
  const now = services.now();
  const grace = services.config.scheduler.escalationGraceMs;
  const result: SweepResult = {
    tasksOverdue: 0,
    tasksEscalated: 0,
    referralsOverdue: 0,
    referralsEscalated: 0,
    followUpsDue: 0,
  };

  result.tasksOverdue = await drain(db, async (trx) => {
    const rows = await claimTasks(trx, 'overdue_at', now, grace);
    await notifyMany(
      trx,
      rows.map((t) =>
        item(
          taskOwner(t),
          'overdue',
          t.case_id,
          taskSubject(t),
          `/cases/${t.case_id}`,
          `overdue:task:${t.id}`,
        ),
      ),
      now,
    );
    return rows.length;
  });
  result.tasksEscalated = await drain(db, async (trx) => {
    const rows = await claimTasks(trx, 'escalated_at', now, grace);
    await notifyMany(
      trx,
      rows.map((t) =>
        item(
          taskEscalation(t),
          'escalation',
          t.case_id,
          taskSubject(t),
          `/cases/${t.case_id}`,
          `escalation:task:${t.id}`,
        ),
      ),
      now,
    );
    return rows.length;
  });
  const referralItem = (r: ClaimedReferral, kind: 'overdue' | 'escalation'): Item => {
    const deadline = r.status === 'sent' ? 'acknowledge' : 'complete';
    const recipients: Audience =
      kind === 'overdue'
        ? { organisationId: r.organisation_id, roles: ORGANISATION_TASK_ROLES }
        : {
            organisationId: r.organisation_id,
            roles: ROLE_GROUPS.organisationLeads,
          };
    return item(
      [
        recipients,
        kind === 'overdue' ? { userIds: [r.assigned_to] } : caseManagerOrSupervisors(r.assigned_to),
      ],
      kind,
      r.case_id,
      { reference: r.reference, purpose: r.purpose, deadline },
      `/cases/${r.case_id}`,
      `${kind}:referral:${r.id}:${deadline}`,
    );
  };
  result.referralsOverdue = await drain(db, async (trx) => {
    const rows = await claimReferrals(trx, 'overdue_at', now, grace);
    await notifyMany(
      trx,
      rows.map((r) => referralItem(r, 'overdue')),
      now,
    );
    return rows.length;
  });
  result.referralsEscalated = await drain(db, async (trx) => {
    const rows = await claimReferrals(trx, 'escalated_at', now, grace);
    await notifyMany(
      trx,
      rows.map((r) => referralItem(r, 'escalation')),
      now,
    );
    return rows.length;
  });
  result.followUpsDue = await drain(db, async (trx) => {
    const claimed = await claimFollowUpsDue(trx, now);
    await notifyMany(
      trx,
      claimed.map((f) =>
        item(
          [{ userIds: [f.assigned_to] }],
          'follow_up_due',
          f.case_id,
          { reference: f.reference, contact: String(f.idx + 1) },
          `/cases/${f.case_id}`,
          `follow_up_due:${f.case_id}:${f.idx}`,
        ),
      ),
      now,
    );
    return claimed.length;
  });

  if (Object.values(result).some((n) => n > 0)) {
    await recordAudit(db, {}, { action: 'scheduler.swept', details: { ...result } }, now);
  }
  return result;
}
