import { randomUUID } from 'node:crypto';
import {
  type Actor,
  addBusinessDays,
  type CaseStage,
  isNrmTeam,
  ROLE_GROUPS,
  type TaskAccess,
  type TaskCreate,
  type TaskDto,
  type TaskListQuery,
  type TaskUpdate,
  taskAccess,
  taskScope,
} from '@opennrm/domain';
import type { Database } from '../../db/create-db.js';
import { type ActContext, actContextOf } from '../../lib/act-context.js';
import { AppError, notFound } from '../../lib/app-error.js';
import { pageFrom } from '../../lib/sql.js';
import type { Services } from '../../services.js';
import { type AuditContext, recordAudit } from '../audit/index.js';
import { caseAccessFacts, findCase, readableCase, writableCase } from '../cases/index.js';
import { loadCalendar } from '../sops/index.js';
import { notifyTaskOwner, statusChange } from './task-projection.js';
import { presentTask } from './tasks.present.js';
import {
  allCaseTaskRows,
  findAssigneeCandidate,
  findTask,
  holdsActiveReferralOn,
  insertTask,
  openTasksOfRoles,
  organisationIsActive,
  type TaskPatch,
  type TaskRow,
  taskPageRows,
  updateTaskRow,
  visibleCaseTaskRows,
} from './tasks.repository.js';

/**
 * The tasks of a case the actor may see (`taskAccess`): all for the NRM, for an organisation
 * those it owns while it holds an active referral on the case.
 */
export async function listCaseTasks(services: Services, actor: Actor, caseId: string): Promise<TaskDto[]> {
  const rows = await visibleCaseTaskRows(services.db, actor, caseId);
  return rows.map((r) => presentTask(services, r));
}

/** Every task of a case, oldest first, without their notes (the procedure map). */
export async function listAllCaseTasks(services: Services, caseId: string): Promise<TaskDto[]> {
  const rows = await allCaseTaskRows(services.db, caseId);
  return rows.map((r) => presentTask(services, r, { withNote: false }));
}

/** GET /api/cases/:id/tasks: need-to-know on the case, a read in the audit trail, then its tasks. */
export async function readCaseTasks(
  services: Services,
  ctx: AuditContext,
  actor: Actor,
  caseId: string,
): Promise<TaskDto[]> {
  await readableCase(services, ctx, actor, caseId);
  await recordAudit(
    services.db,
    ctx,
    { action: 'case.viewed', targetType: 'case', targetId: caseId, details: { part: 'tasks' } },
    services.now(),
  );
  return listCaseTasks(services, actor, caseId);
}

/**
 * A task the actor may reach (`taskAccess`: access to its case + ownership), with what they
 * may do with it; else 404 as if it did not exist, and the refusal audited.
 */
async function accessibleTask(services: Services, ctx: AuditContext, actor: Actor, taskId: string) {
  const task = await findTask(services.db, taskId);
  const caseRow = task ? await findCase(services.db, task.case_id) : undefined;
  const facts = caseRow ? await caseAccessFacts(services.db, caseRow) : undefined;
  const access =
    task && facts
      ? taskAccess(actor, facts, {
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
export async function listTaskPage(services: Services, ctx: AuditContext, actor: Actor, q: TaskListQuery) {
  await recordAudit(
    services.db,
    ctx,
    { action: 'tasks.listed', details: { view: q.view, status: q.status } },
    services.now(),
  );
  const rows = await taskPageRows(services.db, actor, q, isNrmTeam(actor), services.now());
  const page = pageFrom(rows, q.limit, (r) => `${r.due_at ? r.due_at.toISOString() : 'infinity'}|${r.id}`);
  return { items: page.items.map((r) => presentTask(services, r)), nextCursor: page.nextCursor };
}

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
  if (await holdsActiveReferralOn(db, caseId, organisationId)) return;
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
  const user = await findAssigneeCandidate(db, assigneeId);
  if (!user?.active) throw new AppError('ASSIGNEE_INVALID', 'The assignee must be an active user');
  const assignee: Actor = {
    userId: user.id,
    role: user.role,
    organisationId: user.organisation_id,
    organisationKind: user.kind,
    organisationCountry: user.country_code,
    active: user.active,
  };
  if (taskScope(assignee) === 'owned')
    await refuseUnreferredHolder(db, caseId, 'assigneeId', user.organisation_id);
}

/** POST /api/cases/:id/tasks: the NRM adds a task by hand; answers it as created. */
export async function addTask(
  services: Services,
  ctx: AuditContext,
  actor: Actor,
  caseId: string,
  input: TaskCreate,
): Promise<TaskDto> {
  const { row } = await writableCase(services, ctx, actor, caseId);
  const id = await services.db
    .transaction()
    .execute((trx) => createManualTask(actContextOf(services, ctx, actor.userId, trx), row, input));
  const task = await findTask(services.db, id);
  if (!task) throw notFound('Task');
  return presentTask(services, task);
}

/**
 * A task added by hand to a case, owned by a user or an organisation (the adding user when
 * neither is given). Its row is written here; the SOP engine learns of it through the
 * `task.added` event, in the same transaction (a refusal rolls the row back).
 */
async function createManualTask(
  c: ActContext,
  theCase: { id: string; reference: string; stage: CaseStage },
  input: TaskCreate,
): Promise<string> {
  const caseId = theCase.id;
  if (input.assigneeId) await checkAssignee(c.db, caseId, input.assigneeId);
  if (input.organisationId) {
    if (!(await organisationIsActive(c.db, input.organisationId)))
      throw new AppError('ORGANISATION_INVALID', 'The organisation must exist and be active');
    await refuseUnreferredHolder(c.db, caseId, 'organisationId', input.organisationId);
  }
  let dueAt = input.dueAt ? new Date(input.dueAt) : null;
  if (input.dueInBusinessDays !== undefined) {
    const calendar = await loadCalendar(c.db, c.services.config.utcOffsetMinutes);
    dueAt = addBusinessDays(c.now, input.dueInBusinessDays, calendar);
  }
  const key = `manual-${randomUUID().slice(0, 8)}`;
  const owner = {
    owner_role: null,
    owner_kind: null,
    owner_organisation_id: input.organisationId ?? null,
    assignee_id: input.assigneeId ?? (input.organisationId ? null : c.actorId),
    referral_id: null,
  };
  const id = await insertTask(c.db, {
    case_id: caseId,
    key,
    sop_task_id: null,
    stage: theCase.stage,
    title: JSON.stringify({ en: input.title }),
    evidence: null,
    mandatory: input.mandatory,
    status: 'open',
    ...owner,
    due_at: dueAt,
    created_by: c.actorId,
    created_at: c.now,
  });
  await c.services.events.emit(c, 'task.added', {
    caseId,
    key,
    mandatory: input.mandatory,
    dueAt: dueAt?.toISOString() ?? null,
  });
  // A hand-written title may name the person: it travels in no notification or email.
  await notifyTaskOwner(
    c.db,
    { ...owner, id, sopTitle: undefined, caseId, reference: theCase.reference },
    c.actorId,
    c.now,
  );
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
 * PATCH /api/tasks/:id: completes, cancels or reopens a task, reassigns it, or notes on it.
 * `ifMatch` checks the version the client read (428 without it, 412 when stale).
 */
export async function changeTask(
  services: Services,
  ctx: AuditContext,
  actor: Actor,
  taskId: string,
  input: TaskUpdate,
  ifMatch: (version: number) => void,
): Promise<TaskDto> {
  // Task access = access to its case + ownership (`taskAccess`); 404 otherwise.
  const { task, access } = await accessibleTask(services, ctx, actor, taskId);
  await services.db
    .transaction()
    .execute((trx) =>
      updateTask(actContextOf(services, ctx, actor.userId, trx), access, task, input, ifMatch),
    );
  const updated = await findTask(services.db, task.id);
  if (!updated) throw notFound('Task');
  return presentTask(services, updated);
}

/**
 * The NRM may change any task; an agency user the tasks of their organisation or given to
 * them, and not cancel or reassign them. The row is written once (`updateTaskRow`, which
 * refuses a version changed since it was read); a change of status then reaches the SOP
 * engine through the `task.status-set` event, which may refuse it and roll the change back.
 */
async function updateTask(
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
  const statusChanged = input.status !== undefined && input.status !== task.status;
  const patch: TaskPatch =
    statusChanged && input.status ? statusChange(task.status, input.status, c.actorId, c.now) : {};
  if (input.note !== undefined) patch.note_enc = input.note ? c.services.crypto.encrypt(input.note) : null;
  if (input.assigneeId !== undefined) {
    if (input.assigneeId) await checkAssignee(c.db, task.case_id, input.assigneeId);
    patch.assignee_id = input.assigneeId;
  }
  // Two people completing the task at once: the second finds the version changed (412).
  if (Object.keys(patch).length > 0) await updateTaskRow(c.db, task.id, task.version, patch);
  if (statusChanged && input.status) {
    await c.services.events.emit(c, 'task.status-set', {
      caseId: task.case_id,
      key: task.key,
      status: input.status,
    });
  }
  if (input.assigneeId) {
    await notifyTaskOwner(
      c.db,
      {
        id: task.id,
        caseId: task.case_id,
        reference: task.reference,
        sopTitle: task.sop_task_id ? task.title : undefined,
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

/**
 * After a case's assignment: its open case-manager tasks go to the new case manager (or to
 * nobody), each through the one writer, so their versions move.
 */
export async function assignCaseManagerTasks(c: ActContext, caseId: string, assigneeId: string | null) {
  for (const row of await openTasksOfRoles(c.db, caseId, ROLE_GROUPS.caseManagers)) {
    if (row.assignee_id === assigneeId) continue;
    await updateTaskRow(c.db, row.id, row.version, { assignee_id: assigneeId });
  }
}
