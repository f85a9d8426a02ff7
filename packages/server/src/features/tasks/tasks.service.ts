import { randomUUID } from 'node:crypto';
import {
  type Actor,
  addBusinessDays,
  isNrmTeam,
  type LocalizedText,
  REFERRAL_ACTIVE_STATUSES,
  rolesWith,
  type TaskAccess,
  type TaskCreate,
  type TaskDto,
  type TaskListQuery,
  type TaskStatus,
  type TaskUpdate,
  taskAccess,
  taskScope,
} from '@opennrm/domain';
import { type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/create-db.js';
import { AppError, notFound } from '../../lib/app-error.js';
import { decodeInstantIdCursor, pageFrom } from '../../lib/sql.js';
import type { Services } from '../../services.js';
import { type AuditContext, recordAudit } from '../audit/audit.service.js';
import { findCaseRow, loadAccessFacts } from '../cases/cases.repository.js';
import { loadCalendar } from '../sops/sops.repository.js';
import { notifyTaskOwner } from './task-projection.js';
import { taskVisibility } from './task-visibility.js';
import { type ActContext, act } from './workflow.service.js';

export const isNrm = (actor: Actor) => isNrmTeam(actor);

/** Tasks with their case reference, owner and people's names (shared with the procedure map). */
export function taskQuery(db: Database) {
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
type TaskRow = Awaited<ReturnType<ReturnType<typeof taskQuery>['executeTakeFirstOrThrow']>>;

export function presentTask(services: Services, r: TaskRow): TaskDto {
  const now = services.now().getTime();
  return {
    id: r.id,
    caseId: r.case_id,
    caseReference: r.reference,
    key: r.key,
    sopTaskId: r.sop_task_id,
    stage: r.stage as TaskDto['stage'],
    title: r.title as LocalizedText,
    evidence: (r.evidence as LocalizedText | null) ?? null,
    mandatory: r.mandatory,
    status: r.status as TaskStatus,
    owner: {
      organisationId: r.owner_organisation_id,
      organisationName: r.organisation_name,
      organisationKind: (r.owner_kind as TaskDto['owner']['organisationKind']) ?? null,
      role: (r.owner_role as TaskDto['owner']['role']) ?? null,
      assigneeId: r.assignee_id,
      assigneeName: r.assignee_name,
    },
    referralId: r.referral_id,
    dueAt: r.due_at?.toISOString() ?? null,
    overdue: r.status === 'open' && r.due_at !== null && r.due_at.getTime() < now,
    escalated: r.escalated_at !== null,
    note: r.note_enc ? services.crypto.decrypt(r.note_enc) : null,
    completedAt: r.completed_at?.toISOString() ?? null,
    completedBy: r.completed_by_name,
    createdAt: r.created_at.toISOString(),
    version: r.version,
  };
}

/**
 * The tasks of a case the actor may see (`taskAccess`): all for the NRM, for an organisation
 * those it owns while it holds an active referral on the case.
 */
export async function listCaseTasks(services: Services, actor: Actor, caseId: string): Promise<TaskDto[]> {
  const rows = await taskQuery(services.db)
    .where('t.case_id', '=', caseId)
    .where(taskVisibility(actor))
    .orderBy(sql`CASE WHEN t.status = 'open' THEN 0 ELSE 1 END`)
    .orderBy(sql`t.due_at ASC NULLS LAST`)
    .orderBy('t.created_at')
    .execute();
  return rows.map((r) => presentTask(services, r));
}

export async function findTask(services: Services, taskId: string) {
  return taskQuery(services.db).where('t.id', '=', taskId).executeTakeFirst();
}

/**
 * A task the actor may reach (`taskAccess`: access to its case + ownership), with what they
 * may do with it; else 404 as if it did not exist, and the refusal audited.
 */
export async function accessibleTask(services: Services, ctx: AuditContext, actor: Actor, taskId: string) {
  const task = await findTask(services, taskId);
  const caseRow = task ? await findCaseRow(services.db, task.case_id) : undefined;
  const access =
    task && caseRow
      ? taskAccess(actor, await loadAccessFacts(services.db, caseRow), {
          ownerOrganisationId: task.owner_organisation_id,
          assigneeId: task.assignee_id,
        })
      : ({ read: false } as const);
  if (!task || !access.read) {
    await recordAudit(
      services.db,
      ctx,
      { action: 'task.updated', outcome: 'denied', targetType: 'task', targetId: taskId },
      services.now(),
    );
    throw notFound('Task');
  }
  return { task, access };
}

/** "My tasks" and "my organisation's tasks", overdue first (earliest deadline first), keyset-paged. */
export async function listTaskPage(services: Services, actor: Actor, q: TaskListQuery) {
  const now = services.now();
  let query = taskQuery(services.db);
  if (q.view === 'mine') {
    query = query.where(
      sql<SqlBool>`(t.assignee_id = ${actor.userId} OR (t.assignee_id IS NULL AND t.owner_role = ${actor.role}))`,
    );
  } else if (isNrm(actor)) {
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
  const rows = await query
    .orderBy(sortKey)
    .orderBy('t.id')
    .limit(q.limit + 1)
    .execute();
  const page = pageFrom(rows, q.limit, (r) => `${r.due_at ? r.due_at.toISOString() : 'infinity'}|${r.id}`);
  return { items: page.items.map((r) => presentTask(services, r)), nextCursor: page.nextCursor };
}

/** A task added by hand to a case (the NRM's), owned by a user or an organisation. */
/**
 * An organisation holds tasks on a case only through an active referral (`taskAccess`): a task
 * given to it, or to one of its users, without one would be out of their reach. 422 on the field.
 */
async function refuseUnreferredHolder(
  db: Database,
  caseId: string,
  field: 'organisationId' | 'assigneeId',
  organisationId: string,
) {
  const held = await db
    .selectFrom('referrals')
    .select('id')
    .where('case_id', '=', caseId)
    .where('organisation_id', '=', organisationId)
    .where('status', 'in', [...REFERRAL_ACTIVE_STATUSES])
    .executeTakeFirst();
  if (held) return;
  throw new AppError('VALIDATION_FAILED', 'The case is not referred to this organisation', {
    issues: [
      {
        location: 'body',
        path: [field],
        code: 'organisationNotReferred',
        message: 'Refer the case to this organisation before giving it a task',
      },
    ],
  });
}

/** The assignee is an active user; outside the NRM, of an organisation the case is referred to. */
async function checkAssignee(db: Database, caseId: string, assigneeId: string) {
  const user = await db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select(['u.id', 'u.role', 'u.active', 'u.organisation_id', 'o.kind', 'o.country_code'])
    .where('u.id', '=', assigneeId)
    .executeTakeFirst();
  if (!user?.active) throw new AppError('ASSIGNEE_INVALID', 'The assignee must be an active user');
  const assignee: Actor = {
    userId: user.id,
    role: user.role as Actor['role'],
    organisationId: user.organisation_id,
    organisationKind: user.kind as Actor['organisationKind'],
    organisationCountry: user.country_code,
    active: user.active,
  };
  if (taskScope(assignee) === 'owned')
    await refuseUnreferredHolder(db, caseId, 'assigneeId', user.organisation_id);
}

export async function createManualTask(c: ActContext, caseId: string, input: TaskCreate): Promise<string> {
  if (input.assigneeId) await checkAssignee(c.db, caseId, input.assigneeId);
  if (input.organisationId) {
    const org = await c.db
      .selectFrom('organisations')
      .select('active')
      .where('id', '=', input.organisationId)
      .executeTakeFirst();
    if (!org?.active) throw new AppError('ORGANISATION_INVALID', 'The organisation must exist and be active');
    await refuseUnreferredHolder(c.db, caseId, 'organisationId', input.organisationId);
  }
  let dueAt = input.dueAt ? new Date(input.dueAt).toISOString() : undefined;
  if (input.dueInBusinessDays !== undefined) {
    const calendar = await loadCalendar(c.db, c.services.config.utcOffsetMinutes);
    dueAt = addBusinessDays(c.now, input.dueInBusinessDays, calendar).toISOString();
  }
  const key = `manual-${randomUUID().slice(0, 8)}`;
  const { createdTaskIds } = await act(
    c,
    caseId,
    [{ type: 'add_task', id: key, mandatory: input.mandatory, ...(dueAt ? { dueAt } : {}) }],
    {
      manual: new Map([
        [
          key,
          {
            title: input.title,
            assigneeId: input.assigneeId ?? (input.organisationId ? null : c.actorId),
            organisationId: input.organisationId ?? null,
          },
        ],
      ]),
      skipAudit: true,
    },
  );
  const id = createdTaskIds[0];
  if (!id) throw new AppError('INTERNAL', 'The task was not created');
  await recordAudit(
    c.db,
    c.audit,
    {
      action: 'task.created',
      targetType: 'task',
      targetId: id,
      details: { caseId, key, mandatory: input.mandatory },
    },
    c.now,
  );
  return id;
}

/**
 * Completes, cancels or reopens a task, reassigns it, or notes on it. The NRM may change any
 * task; an agency user the tasks of their organisation or given to them, and not cancel them.
 */
export async function updateTask(
  c: ActContext,
  access: Extract<TaskAccess, { read: true }>,
  task: TaskRow,
  input: TaskUpdate,
  ifMatch: (version: number) => void,
) {
  ifMatch(task.version);
  if (!access.manage && (input.status === 'cancelled' || input.assigneeId !== undefined)) {
    throw new AppError('FORBIDDEN', 'Only the NRM can cancel or reassign a task');
  }
  const patch: { note_enc?: string | null; assignee_id?: string | null } = {};
  if (input.note !== undefined) patch.note_enc = input.note ? c.services.crypto.encrypt(input.note) : null;
  if (input.assigneeId !== undefined) {
    if (input.assigneeId) await checkAssignee(c.db, task.case_id, input.assigneeId);
    patch.assignee_id = input.assigneeId;
  }
  // Lock the task row: two people completing it at once change it once.
  const locked = await c.db
    .selectFrom('tasks')
    .select('version')
    .where('id', '=', task.id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  ifMatch(locked.version);
  if (Object.keys(patch).length > 0) {
    await c.db
      .updateTable('tasks')
      .set({ ...patch, version: locked.version + 1 })
      .where('id', '=', task.id)
      .execute();
  }
  if (input.status && input.status !== task.status) {
    await act(c, task.case_id, [{ type: 'set_task_status', taskId: task.key, status: input.status }], {
      skipAudit: true,
    });
  }
  if (input.assigneeId) {
    await notifyTaskOwner(
      c.db,
      {
        id: task.id,
        caseId: task.case_id,
        reference: task.reference,
        sopTitle: task.sop_task_id ? (task.title as LocalizedText) : undefined,
        assignee_id: input.assigneeId,
        owner_organisation_id: null,
        owner_role: null,
      },
      c.actorId,
      c.now,
    );
  }
  await recordAudit(
    c.db,
    c.audit,
    {
      action: 'task.updated',
      targetType: 'case',
      targetId: task.case_id,
      details: {
        taskId: task.id,
        key: task.key,
        ...(input.status ? { status: { from: task.status, to: input.status } } : {}),
        ...(input.assigneeId !== undefined ? { assigneeId: input.assigneeId } : {}),
        ...(input.note !== undefined ? { note: true } : {}),
      },
    },
    c.now,
  );
}
