import { type NotificationKind, ROLE_GROUPS } from '@opennrm/domain';
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
import { ORGANISATION_TASK_ROLES, taskOwnerAudience } from './task-projection.js';

export interface SweepResult {
  tasksOverdue: number;
  tasksEscalated: number;
  referralsOverdue: number;
  referralsEscalated: number;
  followUpsDue: number;
}

/** Who hears a task is overdue: its owner (`taskOwnerAudience`), else the case manager. */
function taskOwner(t: ClaimedTask): Audience[] {
  const owner = taskOwnerAudience(t);
  return owner.length > 0 ? owner : [{ userIds: [t.assigned_to] }];
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

/**
 * Claims rows in transactions until a claim comes back short, and notifies each claimed row's
 * item in the claim's transaction (a failed notification releases the claim); returns how many
 * rows it took.
 */
async function sweep<R>(
  db: Database,
  now: Date,
  claim: (trx: Database) => Promise<R[]>,
  toItem: (row: R) => Item,
): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      const rows = await claim(trx);
      await notifyMany(trx, rows.map(toItem), now);
      return rows.length;
    });
    total += n;
    if (n < SWEEP_BATCH) return total;
  }
}

/** A task's overdue notice goes to its owner, its escalation to the owner's supervisor and the case manager. */
const taskItem = (t: ClaimedTask, kind: 'overdue' | 'escalation'): Item =>
  item(
    kind === 'overdue' ? taskOwner(t) : taskEscalation(t),
    kind,
    t.case_id,
    taskSubject(t),
    `/cases/${t.case_id}`,
    `${kind}:task:${t.id}`,
  );

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

  result.tasksOverdue = await sweep(
    db,
    now,
    (trx) => claimTasks(trx, 'overdue_at', now, grace),
    (t) => taskItem(t, 'overdue'),
  );
  result.tasksEscalated = await sweep(
    db,
    now,
    (trx) => claimTasks(trx, 'escalated_at', now, grace),
    (t) => taskItem(t, 'escalation'),
  );
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
  result.referralsOverdue = await sweep(
    db,
    now,
    (trx) => claimReferrals(trx, 'overdue_at', now, grace),
    (r) => referralItem(r, 'overdue'),
  );
  result.referralsEscalated = await sweep(
    db,
    now,
    (trx) => claimReferrals(trx, 'escalated_at', now, grace),
    (r) => referralItem(r, 'escalation'),
  );
  result.followUpsDue = await sweep(
    db,
    now,
    (trx) => claimFollowUpsDue(trx, now),
    (f) =>
      item(
        [{ userIds: [f.assigned_to] }],
        'follow_up_due',
        f.case_id,
        { reference: f.reference, contact: String(f.idx + 1) },
        `/cases/${f.case_id}`,
        `follow_up_due:${f.case_id}:${f.idx}`,
      ),
  );

  if (Object.values(result).some((n) => n > 0)) {
    await recordAudit(db, {}, { action: 'scheduler.swept', details: { ...result } }, now);
  }
  return result;
}
