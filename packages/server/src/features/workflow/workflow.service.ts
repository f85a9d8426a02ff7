import {
  applyAction,
  availableActions,
  type Blocker,
  type CaseAction,
  type CaseCategory,
  type CaseState,
  type CaseSubtype,
  type ConsentPurpose,
  type ConsentStatus,
  explainEmbassyBlockers,
  type OrganisationKind,
  type ReferralPurpose,
  type ReferralStatus,
  type RiskLevel,
  ROLE_GROUPS,
  type Role,
  roleHas,
  selectSop,
  startCase,
} from '@opennrm/domain';
import type { Database } from '../../db/create-db.js';
import type { ActContext } from '../../lib/act-context.js';
import { AppError } from '../../lib/app-error.js';
import type { Services } from '../../services.js';
import { type AuditContext, recordAudit } from '../audit/audit.service.js';
import { findCaseRow, updateCaseRow } from '../cases/cases.repository.js';
import { notify } from '../notifications/notify.js';
import { latestSops, loadCalendar } from '../sops/sops.repository.js';
import { type ManualTaskInput, syncTasks } from '../tasks/index.js';
import {
  embassyOfNationalityExists,
  findWorkflow,
  insertWorkflow,
  type LoadedWorkflow,
  loadWorkflow,
  moveHistory,
  saveWorkflow,
  withSop,
} from './workflow.store.js';

/** Who acts and when: a user through the API, or the system (scheduler, hooks) with no actor. */
export type { ActContext } from '../../lib/act-context.js';

/**
 * Tasks the system completes itself, because the evidence they ask for is a fact it records:
 * a case manager named on the case, a screening confirmed with its category.
 */
const AUTO_EVIDENCE: Record<string, (state: CaseState) => boolean> = {
  assign_case_manager: (s) => s.assigned,
  screening_interview: (s) => s.categoryConfirmed,
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
      const embassy = { embassyOfNationalityExists: await embassyOfNationalityExists(c.db, caseId) };
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
  wf.version = await saveWorkflow(c.db, wf, c.now);
  const row = await findCaseRow(c.db, caseId);
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
  const rows = await db
    .selectFrom('consents')
    .select(['purpose', 'organisation_kind', 'status'])
    .where('case_id', '=', caseId)
    .orderBy('recorded_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
  const latest = new Map<string, CaseState['consents'][number]>();
  for (const r of rows) {
    latest.set(`${r.purpose}|${r.organisation_kind ?? ''}`, {
      purpose: r.purpose as ConsentPurpose,
      status: r.status as ConsentStatus,
      ...(r.organisation_kind ? { organisationKind: r.organisation_kind as OrganisationKind } : {}),
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
  // A supervisor referring the urgent case before the SOP holds this lock too: the referral is
  // either committed and taken in below, or made after the SOP started, through it.
  await c.db.selectFrom('cases').select('id').where('id', '=', caseId).forUpdate().executeTakeFirst();
  const existing = await findWorkflow(c.db, caseId);
  if (existing) return withSop(c.services, c.db, existing);
  const row = await c.db
    .selectFrom('cases as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .leftJoin('screenings as s', 's.case_id', 'c.id')
    .select([
      'c.id',
      'c.reference',
      'c.category',
      'c.subtype',
      'c.risk',
      'c.received_at',
      'c.assigned_to',
      'p.date_of_birth',
      'p.estimated_birth_year',
      'p.nationality',
      's.confirmed_at',
      (eb) =>
        eb
          .exists(eb.selectFrom('screenings as x').select('x.case_id').whereRef('x.case_id', '=', 'c.id'))
          .as('has_screening'),
    ])
    .where('c.id', '=', caseId)
    .executeTakeFirst();
  if (!row?.category) return undefined;
  const facts = {
    category: row.category as CaseCategory,
    subtype: (row.subtype as CaseSubtype | null) ?? null,
    minor: isMinor(row.date_of_birth, row.estimated_birth_year, row.received_at),
    risk: row.risk as RiskLevel,
  };
  const sop = selectSop(await latestSops(c.db), facts);
  if (!sop) throw new AppError('WORKFLOW_NOT_STARTED', 'No SOP applies to this case category');
  const calendar = await loadCalendar(c.db, c.services.config.utcOffsetMinutes);
  // Referrals made before the SOP started (an urgent case's, by a supervisor; an intake
  // partner's; data from before this version) join it with their status and deadlines.
  const earlier = await c.db
    .selectFrom('referrals as r')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .select([
      'r.id',
      'o.kind',
      'o.country_code',
      'r.purpose',
      'r.status',
      'r.acknowledge_by',
      'r.complete_by',
    ])
    .where('r.case_id', '=', caseId)
    .orderBy('r.created_at')
    .execute();
  const state: CaseState = {
    ...startCase(sop, facts, row.received_at, calendar),
    consents: await currentConsents(c.db, caseId),
    referrals: earlier.map((r) => ({
      id: r.id,
      organisationKind: r.kind as OrganisationKind,
      // An embassy other than the one of the person's nationality fulfils no SOP embassy referral.
      ...(r.kind === 'embassy'
        ? { embassyOfNationality: !!row.nationality && r.country_code === row.nationality }
        : {}),
      purpose: r.purpose as ReferralPurpose,
      status: r.status as ReferralStatus,
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

/** After an assignment: the engine learns the case has a case manager, whose tasks become theirs. */
export async function onCaseAssigned(c: ActContext, caseId: string, assigneeId: string | null) {
  const wf = await findWorkflow(c.db, caseId);
  if (!wf) return;
  await c.db
    .updateTable('tasks')
    .set({ assignee_id: assigneeId })
    .where('case_id', '=', caseId)
    .where('owner_role', 'in', ROLE_GROUPS.caseManagers)
    .where('status', '=', 'open')
    .execute();
  // A reassignment changes nothing the SOP looks at; a closed case takes no action but reopening.
  if (assigneeId && !wf.state.assigned && wf.state.stage !== 'closed') {
    await act(c, caseId, [{ type: 'assign' }], { skipAudit: true });
  }
}

/**
 * After the screening is confirmed: starts the SOP if needed, or moves the case to the SOP of
 * its confirmed category (the tasks done so far stay), and records the category and risk.
 */
export async function onScreeningConfirmed(
  c: ActContext,
  caseId: string,
  decision: { category: CaseCategory; subtype: CaseSubtype | null; risk: RiskLevel },
) {
  await takeUnassignedCase(c, caseId);
  const existing = await findWorkflow(c.db, caseId, true);
  if (!existing) {
    await startWorkflow(c, caseId);
    return;
  }
  const loaded = await withSop(c.services, c.db, existing);
  if (loaded.sop.category !== decision.category || loaded.state.category !== decision.category) {
    const minor = loaded.state.minor;
    const sop = selectSop(await latestSops(c.db), { ...decision, minor });
    if (!sop) throw new AppError('WORKFLOW_NOT_STARTED', 'No SOP applies to this case category');
    await saveWorkflow(
      c.db,
      {
        ...existing,
        sopId: sop.id,
        sopVersion: sop.version,
        state: { ...existing.state, category: decision.category, subtype: decision.subtype },
      },
      c.now,
    );
  }
  await act(
    c,
    caseId,
    [
      { type: 'set_risk', risk: decision.risk },
      { type: 'confirm_category', category: decision.category, subtype: decision.subtype },
    ],
    { skipAudit: true },
  );
}

/** After a consent is recorded: the engine's conditions (required referrals, mandatory tasks) follow it. */
export async function onConsentRecorded(
  c: ActContext,
  caseId: string,
  consent: { purpose: ConsentPurpose; organisationKind: OrganisationKind | null; status: ConsentStatus },
) {
  const wf = await findWorkflow(c.db, caseId);
  if (!wf || wf.state.stage === 'closed') return;
  await act(
    c,
    caseId,
    [
      {
        type: 'record_consent',
        purpose: consent.purpose,
        status: consent.status,
        ...(consent.organisationKind ? { organisationKind: consent.organisationKind } : {}),
      },
    ],
    { skipAudit: true },
  );
}

/**
 * Keeps one `follow_up_contacts` row per scheduled contact (the scheduler reminds from them).
 * A schedule made anew after reopening replaces the earlier rows.
 */
async function syncFollowUps(db: Database, wf: LoadedWorkflow) {
  const planned = wf.state.followUps;
  await db
    .deleteFrom('follow_up_contacts')
    .where('case_id', '=', wf.caseId)
    .where('idx', '>=', planned.length)
    .execute();
  for (const [idx, f] of planned.entries()) {
    const dueAt = new Date(f.dueAt);
    await db
      .insertInto('follow_up_contacts')
      .values({ case_id: wf.caseId, idx, due_at: dueAt })
      .onConflict((oc) =>
        oc
          .columns(['case_id', 'idx'])
          .doUpdateSet({
            due_at: dueAt,
            reached: null,
            situation_enc: null,
            risk_after: null,
            recorded_by: null,
            recorded_at: null,
            notified_at: null,
          })
          .where('follow_up_contacts.due_at', '<>', dueAt),
      )
      .execute();
  }
}

/** After the case's risk changes on the case page: conditions such as "risk at least high" follow. */
export async function onRiskChanged(c: ActContext, caseId: string, risk: RiskLevel) {
  const wf = await findWorkflow(c.db, caseId);
  if (!wf || wf.state.stage === 'closed') return;
  await act(c, caseId, [{ type: 'set_risk', risk }], { skipAudit: true });
}

/**
 * The case manager who confirms the screening of an unassigned case becomes its case manager
 * (they interviewed the person); a supervisor can reassign it. Audited as an assignment.
 */
async function takeUnassignedCase(c: ActContext, caseId: string) {
  if (!c.actorId) return;
  const row = await c.db
    .selectFrom('cases as c')
    .select((eb) => [
      'c.assigned_to',
      eb.selectFrom('users as u').select('u.role').where('u.id', '=', c.actorId).as('role'),
    ])
    .where('c.id', '=', caseId)
    .executeTakeFirst();
  if (!row || row.assigned_to || !roleHas(row.role as Role, 'cases.manage')) return;
  await updateCaseRow(c.db, caseId, { assigned_to: c.actorId }, c.now);
  await recordAudit(
    c.db,
    c.audit,
    {
      action: 'case.assigned',
      targetType: 'case',
      targetId: caseId,
      details: { from: null, to: c.actorId, atScreening: true },
    },
    c.now,
  );
  if (await findWorkflow(c.db, caseId)) await onCaseAssigned(c, caseId, c.actorId);
}
