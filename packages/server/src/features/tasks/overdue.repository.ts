import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/create-db.js';

// The scheduler's claims on work past its deadline: tasks, referrals and follow-up contacts.
// Marking a row overdue or escalated is the sweep's bookkeeping (it notifies once per mark); it
// changes nothing a user edits, so it moves no version (no client's ETag goes stale at night).

/** How many rows one claim takes; the sweep claims again until a claim comes back short. */
export const SWEEP_BATCH = 500;

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

/** Which mark a claim sets: overdue (the deadline passed), then escalated (the grace too). */
export type SweepMark = 'overdue_at' | 'escalated_at';

/**
 * Claims up to SWEEP_BATCH open tasks in one statement, so that two server instances never
 * take the same row: `FOR UPDATE SKIP LOCKED` hands each row to one transaction, and the WHERE
 * clause is checked again on the locked row, so a row marked by the other instance is not
 * marked twice.
 */
export function claimTasks(db: Database, column: SweepMark, now: Date, graceMs: number) {
  const grace = escalationGrace(sql.ref('t.due_at'), sql.ref('t.created_at'), graceMs);
  const condition =
    column === 'overdue_at'
      ? sql<SqlBool>`t.overdue_at IS NULL AND t.due_at IS NOT NULL AND t.due_at < ${now}`
      : sql<SqlBool>`t.overdue_at IS NOT NULL AND t.escalated_at IS NULL AND t.due_at < ${now}
          AND t.due_at + ${grace} < ${now}`;
  return db
    .with('claimed', (qb) =>
      qb
        .selectFrom('tasks as t')
        .select('t.id')
        .where('t.status', '=', 'open')
        .where(condition)
        .orderBy('t.due_at')
        .limit(SWEEP_BATCH)
        .forUpdate()
        .skipLocked(),
    )
    .updateTable('tasks as t')
    .set(column === 'overdue_at' ? { overdue_at: now } : { escalated_at: now })
    .from(['claimed', 'cases as c'])
    .whereRef('t.id', '=', 'claimed.id')
    .whereRef('c.id', '=', 't.case_id')
    .returning([
      't.id',
      't.case_id',
      'c.reference',
      'c.assigned_to',
      't.assignee_id',
      't.owner_organisation_id',
      't.owner_role',
      't.sop_task_id',
      't.title',
    ])
    .execute();
}
export type ClaimedTask = Awaited<ReturnType<typeof claimTasks>>[number];

/** Claims up to SWEEP_BATCH referrals past their deadline to acknowledge or complete (as `claimTasks`). */
export function claimReferrals(db: Database, column: SweepMark, now: Date, graceMs: number) {
  const due = sql<SqlBool>`((r.status = 'sent' AND r.acknowledge_by < ${now})
      OR (r.status IN ('accepted', 'in_progress') AND r.complete_by < ${now}))`;
  const acknowledgeGrace = escalationGrace(sql.ref('r.acknowledge_by'), sql.ref('r.created_at'), graceMs);
  const completeGrace = escalationGrace(sql.ref('r.complete_by'), sql.ref('r.accepted_at'), graceMs);
  const escalate = sql<SqlBool>`((r.status = 'sent' AND r.acknowledge_by + ${acknowledgeGrace} < ${now})
      OR (r.status IN ('accepted', 'in_progress') AND r.complete_by + ${completeGrace} < ${now}))`;
  const condition =
    column === 'overdue_at'
      ? sql<SqlBool>`r.overdue_at IS NULL AND ${due}`
      : sql<SqlBool>`r.overdue_at IS NOT NULL AND r.escalated_at IS NULL AND ${due} AND ${escalate}`;
  return db
    .with('claimed', (qb) =>
      qb
        .selectFrom('referrals as r')
        .select('r.id')
        .where(condition)
        .limit(SWEEP_BATCH)
        .forUpdate()
        .skipLocked(),
    )
    .updateTable('referrals as r')
    .set(column === 'overdue_at' ? { overdue_at: now } : { escalated_at: now })
    .from(['claimed', 'cases as c'])
    .whereRef('r.id', '=', 'claimed.id')
    .whereRef('c.id', '=', 'r.case_id')
    .returning([
      'r.id',
      'r.case_id',
      'c.reference',
      'c.assigned_to',
      'r.organisation_id',
      'r.status',
      'r.purpose',
    ])
    .execute();
}
export type ClaimedReferral = Awaited<ReturnType<typeof claimReferrals>>[number];

/** Claims up to SWEEP_BATCH follow-up contacts due and not recorded, marking them notified. */
export function claimFollowUpsDue(db: Database, now: Date) {
  return db
    .with('claimed', (qb) =>
      qb
        .selectFrom('follow_up_contacts as f')
        .select(['f.case_id', 'f.round', 'f.idx'])
        .where('f.recorded_at', 'is', null)
        .where('f.notified_at', 'is', null)
        .where('f.due_at', '<', now)
        .limit(SWEEP_BATCH)
        .forUpdate()
        .skipLocked(),
    )
    .updateTable('follow_up_contacts as f')
    .set({ notified_at: now })
    .from(['claimed', 'cases as c'])
    .whereRef('f.case_id', '=', 'claimed.case_id')
    .whereRef('f.round', '=', 'claimed.round')
    .whereRef('f.idx', '=', 'claimed.idx')
    .whereRef('c.id', '=', 'f.case_id')
    .returning(['f.case_id', 'f.idx', 'c.reference', 'c.assigned_to'])
    .execute();
}
