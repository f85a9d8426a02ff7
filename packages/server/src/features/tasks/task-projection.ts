import {
  type CaseState,
  type CaseTask,
  holdsActiveReferral,
  inRoleGroup,
  type LocalizedText,
  type OrganisationKind,
  ROLE_GROUPS,
  type Role,
  type SopDocument,
  sopReferralFor,
  sopTaskOf,
  type TaskStatus,
  taskOwnerOrganisation,
} from '@opennrm/domain';
import type { Database } from '../../db/create-db.js';
import { type Audience, notify } from '../notifications/index.js';
import {
  insertTask,
  type ProjectedTaskRow,
  projectedTaskRows,
  referralsOfCase,
  type TaskPatch,
  updateTaskRow,
} from './tasks.repository.js';

/** Who a task belongs to, resolved from the SOP's owner (a role or an organisation kind). */
interface ResolvedOwner {
  owner_role: Role | null;
  owner_kind: OrganisationKind | null;
  owner_organisation_id: string | null;
  assignee_id: string | null;
  referral_id: string | null;
}

/** Roles that work on tasks owned by their organisation. */
export const ORGANISATION_TASK_ROLES: readonly Role[] = ROLE_GROUPS.organisationWorkers;

interface CaseFactsForTasks {
  caseId: string;
  reference: string;
  assignedTo: string | null;
}

/** The case's referrals with their organisation's kind, in the status the engine now holds. */
interface ReferralForTasks {
  id: string;
  organisationId: string;
  kind: string;
  status: string;
}

/**
 * The case's referrals, newest first. The engine's state decides the status where it knows the
 * referral: an action (a revocation, a decline) is applied to it before the referral's row.
 */
async function referralsForTasks(
  db: Database,
  state: CaseState,
  caseId: string,
): Promise<ReferralForTasks[]> {
  const rows = await referralsOfCase(db, caseId);
  return rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    kind: r.kind,
    status: state.referrals.find((e) => e.id === r.id)?.status ?? r.status,
  }));
}

/**
 * The owner of an SOP task on this case: a role (the case manager's tasks go to the case's
 * case manager), or an organisation kind: the organisation the task's referral went to, else
 * one of that kind the case is referred to, while that referral is active
 * (`taskOwnerOrganisation`). Else no organisation: the task stays with the NRM until the case
 * is referred (issue 9, hole 7: no "only active organisation of that kind" owner).
 */
function resolveOwner(
  sop: SopDocument,
  state: CaseState,
  task: CaseTask,
  facts: CaseFactsForTasks,
  referrals: readonly ReferralForTasks[],
): ResolvedOwner {
  const none: ResolvedOwner = {
    owner_role: null,
    owner_kind: null,
    owner_organisation_id: null,
    assignee_id: null,
    referral_id: null,
  };
  const entry = sopTaskOf(sop, task.sopTaskId);
  if (!entry) return none;
  const owner = entry.task.owner;
  if ('role' in owner) {
    return {
      ...none,
      owner_role: owner.role,
      assignee_id: inRoleGroup(owner.role, 'caseManagers') ? facts.assignedTo : null,
    };
  }
  const referralKey = entry.task.deadline?.referral;
  const own = referralKey
    ? referrals.find((r) => {
        const engine = state.referrals.find((e) => e.id === r.id);
        return engine && sopReferralFor(sop, engine)?.id === referralKey;
      })
    : undefined;
  const holder = taskOwnerOrganisation(owner.organisationKind, referrals, own?.id ?? null);
  return {
    ...none,
    owner_kind: owner.organisationKind,
    owner_organisation_id: holder?.organisationId ?? null,
    referral_id: holder?.referralId ?? null,
  };
}

/**
 * The columns a change of status sets: who completed the task and when, kept while it is done
 * or cancelled, cleared when it is reopened.
 */
export function statusChange(from: string, to: TaskStatus, actorId: string | null, now: Date): TaskPatch {
  return {
    status: to,
    ...(to === 'done' && from !== 'done' ? { completed_at: now, completed_by: actorId } : {}),
    ...(to === 'open' ? { completed_at: null, completed_by: null } : {}),
  };
}

/** A manual task's title and owner, given by the user who adds it. */
export interface ManualTaskInput {
  title: string;
  assigneeId: string | null;
  organisationId: string | null;
}

/**
 * Brings the `tasks` rows in line with the engine's tasks after an action: inserts the tasks it
 * created (SOP tasks with their titles and owners; manual ones from `manual`), and updates
 * status and mandatory where they changed. Notifies the owners of new tasks.
 */
export async function syncTasks(
  db: Database,
  sop: SopDocument,
  state: CaseState,
  facts: CaseFactsForTasks,
  actorId: string | null,
  now: Date,
  manual: ReadonlyMap<string, ManualTaskInput> = new Map(),
): Promise<string[]> {
  const rows = await projectedTaskRows(db, facts.caseId);
  const referrals = await referralsForTasks(db, state, facts.caseId);
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const created: string[] = [];
  for (const task of state.tasks) {
    const row = byKey.get(task.id);
    if (row) {
      if (row.status !== task.status || row.mandatory !== task.mandatory) {
        // The owners are reconciled below from the row as it now stands.
        row.version = await updateTaskRow(db, row.id, row.version, {
          mandatory: task.mandatory,
          ...statusChange(row.status, task.status, actorId, now),
        });
        row.status = task.status;
      }
      continue;
    }
    const entry = sopTaskOf(sop, task.sopTaskId);
    const hand = manual.get(task.id);
    const title: LocalizedText | undefined = entry?.task.title ?? (hand ? { en: hand.title } : undefined);
    if (!title) continue;
    const owner = hand
      ? {
          owner_role: null,
          owner_kind: null,
          owner_organisation_id: hand.organisationId,
          assignee_id: hand.assigneeId,
          referral_id: null,
        }
      : resolveOwner(sop, state, task, facts, referrals);
    const id = await insertTask(db, {
      case_id: facts.caseId,
      key: task.id,
      sop_task_id: task.sopTaskId ?? null,
      stage: entry?.stage.id ?? state.stage,
      title: JSON.stringify(title),
      evidence: entry?.task.evidence ? JSON.stringify(entry.task.evidence) : null,
      mandatory: task.mandatory,
      status: task.status,
      ...owner,
      due_at: task.dueAt ? new Date(task.dueAt) : null,
      created_by: actorId,
      created_at: now,
    });
    created.push(id);
    // A hand-written title may name the person: only SOP titles travel in notifications and emails.
    await notifyTaskOwner(
      db,
      { ...owner, id, sopTitle: entry ? title : undefined, caseId: facts.caseId, reference: facts.reference },
      actorId,
      now,
    );
  }
  await reconcileOwners(db, rows, referrals, facts, actorId, now);
  return created;
}

/**
 * Keeps task ownership in line with the case's referrals: a task owned by an organisation that
 * no longer holds an active referral on the case (revoked, declined) goes to another
 * organisation of its kind that does, else back to the NRM; an open SOP task of an organisation
 * kind that no organisation held yet goes to the one the case is now referred to.
 */
async function reconcileOwners(
  db: Database,
  rows: readonly ProjectedTaskRow[],
  referrals: readonly ReferralForTasks[],
  facts: CaseFactsForTasks,
  actorId: string | null,
  now: Date,
) {
  for (const row of rows) {
    const stray =
      row.owner_organisation_id !== null && !holdsActiveReferral(referrals, row.owner_organisation_id);
    const unheld = row.owner_organisation_id === null && row.owner_kind !== null && row.status === 'open';
    if (!stray && !unheld) continue;
    const holder = row.owner_kind ? taskOwnerOrganisation(row.owner_kind, referrals, row.referral_id) : null;
    const organisationId = holder?.organisationId ?? null;
    if (organisationId === row.owner_organisation_id) continue;
    row.version = await updateTaskRow(db, row.id, row.version, {
      owner_organisation_id: organisationId,
      referral_id: holder ? holder.referralId : row.referral_id,
    });
    if (organisationId && row.status === 'open') {
      await notifyTaskOwner(
        db,
        {
          id: row.id,
          caseId: facts.caseId,
          reference: facts.reference,
          sopTitle: row.sop_task_id ? row.title : undefined,
          assignee_id: null,
          owner_organisation_id: organisationId,
          owner_role: null,
        },
        actorId,
        now,
      );
    }
  }
}

/**
 * Who works on a task: its assignee, else its organisation's workers, else the NRM's
 * supervisors for a supervisors' task; else no one by name (a case manager's task waits for
 * the case manager).
 */
export function taskOwnerAudience(task: {
  assignee_id: string | null;
  owner_organisation_id: string | null;
  owner_role: string | null;
}): Audience[] {
  if (task.assignee_id) return [{ userIds: [task.assignee_id] }];
  if (task.owner_organisation_id)
    return [{ organisationId: task.owner_organisation_id, roles: ORGANISATION_TASK_ROLES }];
  if (inRoleGroup(task.owner_role, 'supervisors')) return [{ roles: ROLE_GROUPS.supervisors }];
  return [];
}

export async function notifyTaskOwner(
  db: Database,
  task: {
    id: string;
    caseId: string;
    reference: string;
    sopTitle: LocalizedText | undefined;
    assignee_id: string | null;
    owner_organisation_id: string | null;
    owner_role: string | null;
  },
  actorId: string | null,
  now: Date,
) {
  const audience = taskOwnerAudience(task);
  if (audience.length === 0) return;
  await notify(
    db,
    audience,
    {
      kind: 'task_assigned',
      caseId: task.caseId,
      subject: {
        reference: task.reference,
        ...(task.sopTitle
          ? { task: task.sopTitle.en, ...(task.sopTitle.ar ? { taskAr: task.sopTitle.ar } : {}) }
          : {}),
      },
      link: `/cases/${task.caseId}`,
      dedupeKey: `task_assigned:${task.id}:${task.assignee_id ?? task.owner_organisation_id ?? task.owner_role}`,
      exceptUserId: actorId,
    },
    now,
  );
}
