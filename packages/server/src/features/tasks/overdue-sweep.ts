import { inRoleGroup, type NotificationKind, ROLE_GROUPS } from '@opennrm/domain';
import { type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/create-db.js';
import type { Services } from '../../services.js';
import { recordAudit } from '../audit/audit.service.js';
import { type Audience, type NotificationInput, notifyMany } from '../notifications/notify.js';
import { ORGANISATION_TASK_ROLES } from './task-projection.js';

const BATCH = 500;

export interface SweepResult {
  tasksOverdue: number;
  tasksEscalated: number;
  referralsOverdue: number;
  referralsEscalated: number;
  followUpsDue: number;
}

interface ClaimedTask {
  id: string;
  case_id: string;
  reference: string;
  assigned_to: string | null;
  assignee_id: string | null;
  owner_organisation_id: string | null;
  owner_role: string | null;
  sop_task_id: string | null;
  title: unknown;
}

interface ClaimedReferral {
  id: string;
  case_id: string;
  reference: string;
  assigned_to: string | null;
  organisation_id: string;
  status: string;
  purpose: string;
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

/**
 * How long after a deadline unfinished work is escalated: the configured grace, but never
 * longer than the time the deadline gave (from `start`). Work due in 2 hours is escalated 2
 * hours after it was missed, not a day later.
 */
function escalationGrace(deadline: RawBuilder<unknown>, start: RawBuilder<unknown>, graceMs: number) {
  const grace = sql`${`${Math.round(graceMs / 1000)} seconds`}::interval`;
  return sql`(CASE WHEN ${start} IS NOT NULL AND ${deadline} > ${start}
    THEN LEAST(${grace}, ${deadline} - ${start}) ELSE ${grace} END)`;
}

function taskSubject(t: ClaimedTask): Record<string, string> {
  // Only SOP titles travel (a hand-written title may name the person).
  const title = t.sop_task_id ? (t.title as { en?: string; ar?: string }) : undefined;
  return {
    reference: t.reference,
    ...(title?.en ? { task: title.en } : {}),
    ...(title?.ar ? { taskAr: title.ar } : {}),
  };
}

/**
 * Claims up to BATCH rows in one statement, so that two server instances never take the same
 * row: `FOR UPDATE SKIP LOCKED` hands each row to one transaction, and the WHERE clause is
 * checked again on the locked row, so a row marked by the other instance is not marked twice.
 */
async function claimTasks(db: Database, column: 'overdue_at' | 'escalated_at', now: Date, graceMs: number) {
  const grace = escalationGrace(sql.ref('t.due_at'), sql.ref('t.created_at'), graceMs);
  const condition =
    column === 'overdue_at'
      ? sql`t.overdue_at IS NULL AND t.due_at IS NOT NULL AND t.due_at < ${now}`
      : sql`t.overdue_at IS NOT NULL AND t.escalated_at IS NULL AND t.due_at < ${now}
          AND t.due_at + ${grace} < ${now}`;
  const result = await sql<ClaimedTask>`
    WITH claimed AS (
      SELECT t.id FROM tasks t
      WHERE t.status = 'open' AND ${condition}
      ORDER BY t.due_at
      LIMIT ${BATCH}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE tasks t SET ${sql.ref(column)} = ${now}
    FROM claimed, cases c
    WHERE t.id = claimed.id AND c.id = t.case_id
    RETURNING t.id, t.case_id, c.reference, c.assigned_to, t.assignee_id, t.owner_organisation_id,
      t.owner_role, t.sop_task_id, t.title`.execute(db);
  return result.rows;
}

async function claimReferrals(
  db: Database,
  column: 'overdue_at' | 'escalated_at',
  now: Date,
  graceMs: number,
) {
  const due = sql`((r.status = 'sent' AND r.acknowledge_by < ${now})
      OR (r.status IN ('accepted', 'in_progress') AND r.complete_by < ${now}))`;
  const acknowledgeGrace = escalationGrace(sql.ref('r.acknowledge_by'), sql.ref('r.created_at'), graceMs);
  const completeGrace = escalationGrace(sql.ref('r.complete_by'), sql.ref('r.accepted_at'), graceMs);
  const escalate = sql`((r.status = 'sent' AND r.acknowledge_by + ${acknowledgeGrace} < ${now})
      OR (r.status IN ('accepted', 'in_progress') AND r.complete_by + ${completeGrace} < ${now}))`;
  const condition =
    column === 'overdue_at'
      ? sql`r.overdue_at IS NULL AND ${due}`
      : sql`r.overdue_at IS NOT NULL AND r.escalated_at IS NULL AND ${due} AND ${escalate}`;
  const result = await sql<ClaimedReferral>`
    WITH claimed AS (
      SELECT r.id FROM referrals r
      WHERE ${condition}
      LIMIT ${BATCH}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE referrals r SET ${sql.ref(column)} = ${now}
    FROM claimed, cases c
    WHERE r.id = claimed.id AND c.id = r.case_id
    RETURNING r.id, r.case_id, c.reference, c.assigned_to, r.organisation_id, r.status, r.purpose`.execute(
    db,
  );
  return result.rows;
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
    if (n < BATCH) return total;
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
    const claimed = await sql<{
      case_id: string;
      idx: number;
      reference: string;
      assigned_to: string | null;
    }>`
      WITH claimed AS (
        SELECT f.case_id, f.idx FROM follow_up_contacts f
        WHERE f.recorded_at IS NULL AND f.notified_at IS NULL AND f.due_at < ${now}
        LIMIT ${BATCH}
        FOR UPDATE SKIP LOCKED
      )
      UPDATE follow_up_contacts f SET notified_at = ${now}
      FROM claimed, cases c
      WHERE f.case_id = claimed.case_id AND f.idx = claimed.idx AND c.id = f.case_id
      RETURNING f.case_id, f.idx, c.reference, c.assigned_to`.execute(trx);
    await notifyMany(
      trx,
      claimed.rows.map((f) =>
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
    return claimed.rows.length;
  });

  if (Object.values(result).some((n) => n > 0)) {
    await recordAudit(db, {}, { action: 'scheduler.swept', details: { ...result } }, now);
  }
  return result;
}
