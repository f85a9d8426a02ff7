import {
  type Actor,
  REFERRAL_ACTIVE_STATUSES,
  type Role,
  rolesWith,
  type TaskListQuery,
} from '@opennrm/domain';
import { type Insertable, type Kysely, type SqlBool, sql, type Updateable } from 'kysely';
import { taskVisibility } from '../../db/access/task-visibility.sql.js';
import type { Database } from '../../db/create-db.js';
import { notFound } from '../../lib/app-error.js';
import { staleVersion } from '../../lib/http-preconditions.js';
import { decodeInstantIdCursor } from '../../lib/sql.js';

/** The `tasks` table as the database declares it. */
type TasksTable = (Database extends Kysely<infer D> ? D : never)['tasks'];

// Every statement on the `tasks` table. A task row changes only through `updateTaskRow` (which
// checks and bumps its version); rows are created by `insertTask`. The scheduler's overdue and
// escalation marks are bookkeeping, claimed in overdue.repository.ts, and change no version.

/** Tasks with their case reference, owner and people's names. */
function taskQuery(db: Database) {
  return db
    .selectFrom('tasks as t')
    .innerJoin('cases as c', 'c.id', 't.case_id')
    .leftJoin('organisations as o', 'o.id', 't.owner_organisation_id')
    .leftJoin('users as a', 'a.id', 't.assignee_id')
    .leftJoin('users as d', 'd.id', 't.completed_by')
    .select([
      't.id',
      't.case_id',
      'c.reference',
      't.key',
      't.sop_task_id',
      't.stage',
      't.title',
      't.evidence',
      't.mandatory',
      't.status',
      't.owner_organisation_id',
      'o.name as organisation_name',
      't.owner_kind',
      't.owner_role',
      't.assignee_id',
      'a.display_name as assignee_name',
      't.referral_id',
      't.due_at',
      't.overdue_at',
      't.escalated_at',
      't.note_enc',
      't.completed_at',
      'd.display_name as completed_by_name',
      't.created_at',
      't.version',
    ]);
}

export function findTask(db: Database, taskId: string) {
  return taskQuery(db).where('t.id', '=', taskId).executeTakeFirst();
}
export type TaskRow = NonNullable<Awaited<ReturnType<typeof findTask>>>;

/** A case's tasks the actor may see, open first, then by deadline (none last) and age. */
export function visibleCaseTaskRows(db: Database, actor: Actor, caseId: string): Promise<TaskRow[]> {
  return taskQuery(db)
    .where('t.case_id', '=', caseId)
    .where(taskVisibility(actor))
    .orderBy(sql`CASE WHEN t.status = 'open' THEN 0 ELSE 1 END`)
    .orderBy(sql`t.due_at ASC NULLS LAST`)
    .orderBy('t.created_at')
    .execute();
}

/** Every task of a case, oldest first (the procedure map, drawn for the NRM). */
export function allCaseTaskRows(db: Database, caseId: string): Promise<TaskRow[]> {
  return taskQuery(db).where('t.case_id', '=', caseId).orderBy('t.created_at').execute();
}

/**
 * One page of "my tasks" or "my organisation's tasks" the actor may reach, earliest deadline
 * first (none last), then by id; `limit + 1` rows so the caller knows whether more follow.
 */
export function taskPageRows(
  db: Database,
  actor: Actor,
  q: TaskListQuery,
  nrm: boolean,
  now: Date,
): Promise<TaskRow[]> {
  let query = taskQuery(db);
  if (q.view === 'mine') {
    query = query.where(
      sql<SqlBool>`(t.assignee_id = ${actor.userId} OR (t.assignee_id IS NULL AND t.owner_role = ${actor.role}))`,
    );
  } else if (nrm) {
    query = query.where(
      sql<SqlBool>`(t.owner_organisation_id = ${actor.organisationId} OR t.owner_role IN (${sql.join(rolesWith('cases.manage'))}) OR t.owner_organisation_id IS NULL)`,
    );
  }
  // Whatever the view: only tasks the actor may reach (their case + ownership).
  query = query.where(taskVisibility(actor));
  if (q.status === 'open') query = query.where('t.status', '=', 'open');
  if (q.status === 'overdue') query = query.where('t.status', '=', 'open').where('t.due_at', '<', now);
  if (q.status === 'done') query = query.where('t.status', '=', 'done');
  // Sort key: the deadline (none = last), then the id; the cursor is the last row's pair.
  const sortKey = sql<string>`coalesce(t.due_at, 'infinity'::timestamptz)`;
  const after = decodeInstantIdCursor(q.cursor, { infinity: true });
  if (after) {
    query = query.where(sql<SqlBool>`(${sortKey}, t.id) > (${after.at}::timestamptz, ${after.id}::uuid)`);
  }
  return query
    .orderBy(sortKey)
    .orderBy('t.id')
    .limit(q.limit + 1)
    .execute();
}

/** The columns of a task a change may set (not its identity, case, key or version). */
export type TaskPatch = Omit<Updateable<TasksTable>, 'id' | 'case_id' | 'key' | 'version' | 'created_at'>;

/**
 * The one writer of a task row: it changes only if nobody changed it since the caller read
 * `expectedVersion` (`WHERE version = $v`, else 412), and bumps the version (the task's ETag).
 * Answers the new version.
 */
export async function updateTaskRow(
  db: Database,
  id: string,
  expectedVersion: number,
  patch: TaskPatch,
): Promise<number> {
  const row = await db
    .updateTable('tasks')
    .set({ ...patch, version: (eb) => eb('version', '+', 1) })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returning('version')
    .executeTakeFirst();
  if (row) return row.version;
  const current = await db.selectFrom('tasks').select('version').where('id', '=', id).executeTakeFirst();
  if (!current) throw notFound('Task');
  throw staleVersion(current.version);
}

export async function insertTask(db: Database, values: Insertable<TasksTable>): Promise<string> {
  const { id } = await db.insertInto('tasks').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** What the SOP's task projection compares with the engine's tasks, for one case. */
export function projectedTaskRows(db: Database, caseId: string) {
  return db
    .selectFrom('tasks')
    .select([
      'id',
      'key',
      'status',
      'mandatory',
      'version',
      'sop_task_id',
      'title',
      'owner_kind',
      'owner_organisation_id',
      'referral_id',
    ])
    .where('case_id', '=', caseId)
    .execute();
}
export type ProjectedTaskRow = Awaited<ReturnType<typeof projectedTaskRows>>[number];

/** The open tasks of a case owned by one of these roles (the case manager's), with their versions. */
export function openTasksOfRoles(db: Database, caseId: string, roles: readonly Role[]) {
  return db
    .selectFrom('tasks')
    .select(['id', 'version', 'assignee_id'])
    .where('case_id', '=', caseId)
    .where('owner_role', 'in', roles)
    .where('status', '=', 'open')
    .forUpdate()
    .execute();
}

/** A case's referrals with their organisation's kind, newest first (who may own its tasks). */
export function referralsOfCase(db: Database, caseId: string) {
  return db
    .selectFrom('referrals as r')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .select(['r.id', 'r.organisation_id', 'o.kind', 'r.status'])
    .where('r.case_id', '=', caseId)
    .orderBy('r.created_at', 'desc')
    .execute();
}

/** Does the organisation hold an active referral on the case? */
export async function holdsActiveReferralOn(
  db: Database,
  caseId: string,
  organisationId: string,
): Promise<boolean> {
  const held = await db
    .selectFrom('referrals')
    .select('id')
    .where('case_id', '=', caseId)
    .where('organisation_id', '=', organisationId)
    .where('status', 'in', [...REFERRAL_ACTIVE_STATUSES])
    .executeTakeFirst();
  return held !== undefined;
}

/** A user who may be given a task, with their organisation (to build their `Actor`). */
export function findAssigneeCandidate(db: Database, userId: string) {
  return db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select(['u.id', 'u.role', 'u.active', 'u.organisation_id', 'o.kind', 'o.country_code'])
    .where('u.id', '=', userId)
    .executeTakeFirst();
}

export async function organisationIsActive(db: Database, organisationId: string): Promise<boolean> {
  const org = await db
    .selectFrom('organisations')
    .select('active')
    .where('id', '=', organisationId)
    .executeTakeFirst();
  return org?.active === true;
}
