import {
  applyAction,
  availableActions,
  type Blocker,
  type CaseAction,
  type CaseState,
  explainEmbassyBlockers,
  ROLE_GROUPS,
  selectSop,
  startCase,
} from '@opennrm/domain';
import type { Database } from '../../db/create-db.js';
import type { ActContext, AuditContext } from '../../lib/act-context.js';
import { AppError } from '../../lib/app-error.js';
import type { Services } from '../../services.js';
import { recordAudit } from '../audit/index.js';
import { findCase, writeCaseRow } from '../cases/index.js';
import { notify } from '../notifications/index.js';
import { latestSops, loadCalendar, loadSop } from '../sops/index.js';
import { type ManualTaskInput, syncTasks } from '../tasks/index.js';
import { followUpRound, type LoadedWorkflow, moveHistory, type WorkflowRecord } from './workflow.model.js';
import * as repo from './workflow.repository.js';

/** Who acts and when: a user through the API, or the system (scheduler, hooks) with no actor. */
export type { ActContext } from '../../lib/act-context.js';

/** The workflow of a case, or undefined before it started; `lock` takes the row lock for a change. */
export function findWorkflow(
  db: Database,
  caseId: string,
  lock = false,
): Promise<WorkflowRecord | undefined> {
  return repo.findWorkflow(db, caseId, lock);
}

/** A stored workflow with the SOP version it follows and the installation's calendar. */
export async function withSop(
  services: Services,
  db: Database,
  record: WorkflowRecord,
): Promise<LoadedWorkflow> {
  const sop = await loadSop(db, record.sopId, record.sopVersion);
  if (!sop) throw new AppError('INTERNAL', 'The case refers to an SOP version that does not exist');
  const calendar = await loadCalendar(db, services.config.utcOffsetMinutes);
  return { ...record, sop, calendar };
}

/** The workflow of a case with its SOP; refuses a case whose SOP has not started. */
export async function loadWorkflow(
  services: Services,
  db: Database,
  caseId: string,
  lock = false,
): Promise<LoadedWorkflow> {
  const record = await repo.findWorkflow(db, caseId, lock);
  if (!record) throw new AppError('WORKFLOW_NOT_STARTED', 'The SOP has not started for this case');
  return withSop(services, db, record);
}

async function insertWorkflow(
  db: Database,
  record: Omit<WorkflowRecord, 'version'>,
  now: Date,
  audit: AuditContext,
) {
  await repo.insertWorkflowRow(db, record, now);
  await followStage(db, record, now, audit);
}

/** Writes the workflow (its version moves on) and the case's stage; answers the new version. */
export async function saveWorkflow(
  db: Database,
  record: WorkflowRecord,
  now: Date,
  audit: AuditContext,
): Promise<number> {
  const version = await repo.updateWorkflowRow(db, record, now);
  await followStage(db, record, now, audit);
  return version;
}

/**
 * The case's stage column follows the workflow (filters, counts, the inbox). Written only when
 * the stage moves: a stage change is a change to the case (new ETag), a task update is not.
 */
async function followStage(
  db: Database,
  record: Pick<WorkflowRecord, 'caseId' | 'state'>,
  now: Date,
  audit: AuditContext,
) {
  await writeCaseRow(db, record.caseId, { stage: record.state.stage }, now, {
    onlyIfChanged: true,
    audit: { ctx: audit, action: 'case.updated', details: { fields: ['stage'], cause: 'workflow' } },
  });
}

/**
 * Tasks the system completes itself, because the evidence they ask for is a fact it records:
 * a case manager named on the case, a screening confirmed with its category.
 */
const AUTO_EVIDENCE: Record<string, (state: CaseState) => boolean> = {
  assign_case_manager: (s) => s.assigned,
  screening_interview: (s) => s.categoryConfirmed,
  // Trafficking's interview: the screening questionnaire, confirmed (at the walk-in, say).
  indicator_interview: (s) => s.categoryConfirmed,
  // The screening interview was held with the person: their case was received and heard.
  acknowledge_receipt: (s) => s.categoryConfirmed,
};

/** Intake stages the case leaves by itself once their conditions hold (the rest are moved on purpose). */
const AUTO_ADVANCE_FROM = new Set(['received', 'screening']);

function step(wf: LoadedWorkflow, action: CaseAction, now: Date, actorId: string | null) {
  const result = applyAction(wf.sop, wf.state, action, { at: now, calendar: wf.calendar });
  if (!result.ok) {
    throw new AppError(
      result.error.code,
      result.error.code === 'CASE_CLOSE_BLOCKED'
        ? 'The case cannot close yet'
        : 'This action is not possible now',
      { action: result.error.action, blockers: result.error.blockers },
    );
  }
  const at = now.toISOString();
  const from = wf.state.stage;
  wf.state = result.state;
  if (wf.state.stage !== from) {
    const skipped = action.type === 'skip' ? { stage: action.stage, reason: action.reason } : undefined;
    wf.history = moveHistory(wf.history, wf.state.stage, at, skipped);
  }
  switch (action.type) {
    case 'request_closure':
      wf.closure = { requestedAt: at, ...(actorId ? { requestedBy: actorId } : {}) };
      break;
    case 'approve_closure':
    case 'reject_closure':
      wf.closure = {
        ...wf.closure,
        decidedAt: at,
        ...(actorId ? { decidedBy: actorId } : {}),
        decision: action.type === 'approve_closure' ? 'approved' : 'rejected',
        ...('comment' in action && action.comment ? { comment: action.comment } : {}),
      };
      break;
    case 'reopen':
      wf.closure = {};
      break;
  }
}

/** Completes the tasks whose evidence is on record and moves a case through intake's stages. */
function settle(wf: LoadedWorkflow, now: Date, actorId: string | null) {
  for (let guard = 0; guard < 10; guard++) {
    const auto = wf.state.tasks.find(
      (t) => t.status === 'open' && t.sopTaskId && AUTO_EVIDENCE[t.sopTaskId]?.(wf.state),
    );
    if (auto) {
      step(wf, { type: 'set_task_status', taskId: auto.id, status: 'done' }, now, actorId);
      continue;
    }
    if (!AUTO_ADVANCE_FROM.has(wf.state.stage)) return;
    const advance = availableActions(wf.sop, wf.state).find((a) => a.type === 'advance' && a.allowed);
    if (!advance) return;
    step(wf, { type: 'advance' }, now, actorId);
  }
}

export interface ActOptions {
  /** Checks the workflow version the client read (If-Match); throws to refuse. */
  ifMatch?: (version: number) => void;
  /** Titles and owners of tasks added by hand in these actions, by task key. */
  manual?: ReadonlyMap<string, ManualTaskInput>;
  /** Extra audit details (never personal data). */
  details?: Record<string, unknown>;
  /** Leave the audit event to the caller (it records its own, e.g. `referral.sent`). */
  skipAudit?: boolean;
  /** The supervisor's comment on an approval (a rejection carries its own). */
  closureComment?: string | undefined;
}

/**
 * Applies actions to a case's workflow in the caller's transaction: the row is locked, each
 * action goes through the pure engine (a refusal throws with its blockers), intake stages move
 * on by themselves, and the workflow, the case's stage and the task rows are written together.
 */
export async function act(
  c: ActContext,
  caseId: string,
  actions: readonly CaseAction[],
  opts: ActOptions = {},
): Promise<{ workflow: LoadedWorkflow; createdTaskIds: string[] }> {
  const wf = await loadWorkflow(c.services, c.db, caseId, true);
  opts.ifMatch?.(wf.version);
  const fromStage = wf.state.stage;
  try {
    for (const action of actions) step(wf, action, c.now, c.actorId);
  } catch (error) {
    // A refusal names a missing embassy referral that no one can send as what it is.
    const details = error instanceof AppError ? (error.details as { blockers?: Blocker[] }) : undefined;
    if (error instanceof AppError && details?.blockers?.length) {
      const embassy = { embassyOfNationalityExists: await repo.embassyOfNationalityExists(c.db, caseId) };
      throw new AppError(error.code, error.message, {
        ...details,
        blockers: explainEmbassyBlockers(wf.sop, details.blockers, embassy),
      });
    }
    throw error;
  }
  if (opts.closureComment && wf.closure.decision)
    wf.closure = { ...wf.closure, comment: opts.closureComment };
  settle(wf, c.now, c.actorId);
  wf.version = await saveWorkflow(c.db, wf, c.now, c.audit);
  const row = await findCase(c.db, caseId);
  if (!row) throw new AppError('NOT_FOUND', 'Case not found');
  const createdTaskIds = await syncTasks(
    c.db,
    wf.sop,
    wf.state,
    { caseId, reference: row.reference, assignedTo: row.assigned_to },
    c.actorId,
    c.now,
    opts.manual,
  );
  await syncFollowUps(c.db, wf);
  if (!opts.skipAudit) {
    await recordAudit(
      c.db,
      c.audit,
      {
        action: 'workflow.action',
        targetType: 'case',
        targetId: caseId,
        details: {
          actions: actions.map((a) => a.type),
          ...(fromStage !== wf.state.stage ? { stage: { from: fromStage, to: wf.state.stage } } : {}),
          ...opts.details,
        },
      },
      c.now,
    );
  }
  await notifyLifecycle(c, wf, row.reference, row.assigned_to, actions);
  return { workflow: wf, createdTaskIds };
}

async function notifyLifecycle(
  c: ActContext,
  wf: LoadedWorkflow,
  reference: string,
  caseManager: string | null,
  actions: readonly CaseAction[],
) {
  for (const action of actions) {
    if (action.type === 'request_closure') {
      await notify(
        c.db,
        [{ roles: ROLE_GROUPS.supervisors }],
        {
          kind: 'approval_requested',
          caseId: wf.caseId,
          subject: { reference },
          link: `/cases/${wf.caseId}`,
          exceptUserId: c.actorId,
        },
        c.now,
      );
    }
    if (action.type === 'approve_closure' || action.type === 'reject_closure') {
      await notify(
        c.db,
        [{ userIds: [wf.closure.requestedBy, caseManager] }],
        {
          kind: 'closure_decided',
          caseId: wf.caseId,
          subject: { reference, decision: action.type === 'approve_closure' ? 'approved' : 'rejected' },
          link: `/cases/${wf.caseId}`,
          exceptUserId: c.actorId,
        },
        c.now,
      );
    }
  }
}

/**
 * Keeps one `follow_up_contacts` row per scheduled contact (the scheduler reminds from them).
 * A schedule made anew after reopening is a new round: the contacts not made are dropped, the
 * recorded ones stay with the case.
 */
async function syncFollowUps(db: Database, wf: LoadedWorkflow) {
  const planned = wf.state.followUps;
  const round = followUpRound(await repo.listFollowUpContacts(db, wf.caseId), planned);
  await repo.deleteUnmadeFollowUps(db, wf.caseId, round, planned.length);
  for (const [idx, f] of planned.entries())
    await repo.upsertFollowUpDue(db, wf.caseId, round, idx, new Date(f.dueAt));
}

/** Age in whole years on a date, from a date of birth or an estimated birth year. */
function isMinor(dob: string | null, estimatedYear: number | null, on: Date): boolean {
  if (dob) {
    const [y, m, d] = dob.split('-').map(Number) as [number, number, number];
    let age = on.getUTCFullYear() - y;
    if (on.getUTCMonth() + 1 < m || (on.getUTCMonth() + 1 === m && on.getUTCDate() < d)) age--;
    return age < 18;
  }
  if (estimatedYear) return on.getUTCFullYear() - estimatedYear < 18;
  return false;
}

/** The newest consent record per purpose (and organisation kind), as the engine sees them. */
async function currentConsents(db: Database, caseId: string): Promise<CaseState['consents']> {
  const rows = await repo.listConsentRecords(db, caseId);
  const latest = new Map<string, CaseState['consents'][number]>();
  for (const r of rows) {
    latest.set(`${r.purpose}|${r.organisation_kind ?? ''}`, {
      purpose: r.purpose,
      status: r.status,
      ...(r.organisation_kind ? { organisationKind: r.organisation_kind } : {}),
    });
  }
  return [...latest.values()];
}

/**
 * Starts the SOP of a case that has a category (at creation, at screening, or by hand): the
 * newest matching SOP, the received stage's tasks with deadlines from the day the case was
 * received, then what is already on record (assignment, confirmed category, consents).
 * Does nothing when the workflow exists or the case has no category yet.
 */
export async function startWorkflow(c: ActContext, caseId: string): Promise<LoadedWorkflow | undefined> {
  await repo.lockCaseRow(c.db, caseId);
  const existing = await repo.findWorkflow(c.db, caseId);
  if (existing) return withSop(c.services, c.db, existing);
  const row = await repo.findStartFacts(c.db, caseId);
  if (!row?.category) return undefined;
  const facts = {
    category: row.category,
    subtype: row.subtype ?? null,
    minor: isMinor(row.date_of_birth, row.estimated_birth_year, row.received_at),
    risk: row.risk,
  };
  const sop = selectSop(await latestSops(c.db), facts);
  if (!sop) throw new AppError('WORKFLOW_NOT_STARTED', 'No SOP applies to this case category');
  const calendar = await loadCalendar(c.db, c.services.config.utcOffsetMinutes);
  // Referrals made before the SOP started (an urgent case's, by a supervisor; an intake
  // partner's; data from before this version) join it with their status and deadlines.
  const earlier = await repo.listReferralsForWorkflow(c.db, caseId);
  const state: CaseState = {
    ...startCase(sop, facts, row.received_at, calendar),
    consents: await currentConsents(c.db, caseId),
    referrals: earlier.map((r) => ({
      id: r.id,
      organisationKind: r.kind,
      // An embassy other than the one of the person's nationality fulfils no SOP embassy referral.
      ...(r.kind === 'embassy'
        ? { embassyOfNationality: !!row.nationality && r.country_code === row.nationality }
        : {}),
      purpose: r.purpose,
      status: r.status,
      ...(r.acknowledge_by ? { acknowledgeBy: r.acknowledge_by.toISOString() } : {}),
      ...(r.complete_by ? { completeBy: r.complete_by.toISOString() } : {}),
    })),
  };
  await insertWorkflow(
    c.db,
    {
      caseId,
      sopId: sop.id,
      sopVersion: sop.version,
      state,
      history: [{ stage: 'received', enteredAt: row.received_at.toISOString(), leftAt: null }],
      closure: {},
    },
    c.now,
    c.audit,
  );
  const catchUp: CaseAction[] = [];
  if (row.assigned_to) catchUp.push({ type: 'assign' });
  // A category recorded without any screening (data from before the screening interview
  // existed, or imported) is taken as confirmed: someone decided it.
  if (row.confirmed_at || !row.has_screening)
    catchUp.push({ type: 'confirm_category', category: facts.category, subtype: facts.subtype });
  await recordAudit(
    c.db,
    c.audit,
    {
      action: 'workflow.started',
      targetType: 'case',
      targetId: caseId,
      details: { sopId: sop.id, sopVersion: sop.version },
    },
    c.now,
  );
  const { workflow } = await act(c, caseId, catchUp, { skipAudit: true });
  return workflow;
}
