import { actionBlockers } from './action-blockers.js';
import type { CaseAction, CaseActionType } from './actions.js';
import { type BusinessCalendar, type InstantInput, instantToDate } from './calendar.js';
import {
  type Blocker,
  isTaskMandatory,
  sopReferralFor,
  sopTaskMandatory,
  sopTaskOf,
  stageIndexOf,
} from './evaluate.js';
import {
  followUpSchedule,
  type PlannedTask,
  referralDeadline,
  tasksForReferral,
  tasksForStage,
} from './plan.js';
import type { SopDocument } from './sop-schema.js';
import type { CaseReferral, CaseState, CaseTask } from './state.js';
import type { LifecycleStage } from './vocabulary.js';

/** When an action happens, and the calendar its deadlines run on. */
export interface ActionContext {
  at: InstantInput;
  calendar: BusinessCalendar;
}

export interface ActionError {
  /** `CASE_CLOSE_BLOCKED` for a refused `close` (the API's code), `ACTION_BLOCKED` otherwise. */
  code: 'CASE_CLOSE_BLOCKED' | 'ACTION_BLOCKED';
  action: CaseActionType;
  blockers: Blocker[];
}

export type ActionResult =
  | { ok: true; state: CaseState; createdTasks: CaseTask[] }
  | { ok: false; error: ActionError };

/** Turns planned tasks into open tasks of the case, with ids unique in it (`id`, `id#2`, ...). */
function instantiate(existing: readonly CaseTask[], planned: readonly PlannedTask[]): CaseTask[] {
  const ids = new Set(existing.map((t) => t.id));
  return planned.map((p) => {
    let id = p.sopTaskId;
    for (let n = 2; ids.has(id); n++) id = `${p.sopTaskId}#${n}`;
    ids.add(id);
    return {
      id,
      sopTaskId: p.sopTaskId,
      mandatory: p.mandatory,
      status: 'open',
      ...(p.dueAt ? { dueAt: p.dueAt } : {}),
    };
  });
}

const withTasks = (state: CaseState, planned: PlannedTask[]): CaseState => ({
  ...state,
  tasks: [...state.tasks, ...instantiate(state.tasks, planned)],
});

function enter(sop: SopDocument, state: CaseState, stage: LifecycleStage, ctx: ActionContext): CaseState {
  const moved = { ...state, stage };
  return withTasks(moved, tasksForStage(sop, stage, ctx.at, ctx.calendar, moved));
}

/** The action's effect; its blockers were checked. */
function perform(sop: SopDocument, state: CaseState, action: CaseAction, ctx: ActionContext): CaseState {
  const at = instantToDate(ctx.at).toISOString();
  const index = stageIndexOf(sop, state.stage);
  switch (action.type) {
    case 'advance':
      return enter(sop, state, sop.stages[index + 1]!.id, ctx);
    case 'skip': {
      const skipped = [...state.skippedStages, { stage: action.stage, reason: action.reason.trim() }];
      return enter(sop, { ...state, skippedStages: skipped }, sop.stages[index + 2]!.id, ctx);
    }
    case 'request_closure':
      return { ...state, closure: { requested: true, approved: false } };
    case 'approve_closure':
      return { ...state, closure: { requested: true, approved: true } };
    case 'reject_closure':
      return { ...state, closure: { requested: false, approved: false } };
    case 'close': {
      // Optional tasks left open are cancelled with the case (a mandatory one cannot be open here).
      const optional = (t: CaseTask) => t.status === 'open' && !isTaskMandatory(sop, state, t);
      const tasks = state.tasks.map((t): CaseTask => (optional(t) ? { ...t, status: 'cancelled' } : t));
      return { ...state, stage: 'closed', tasks };
    }
    case 'reopen': {
      const target = stageIndexOf(sop, action.toStage);
      const { resolution: _dropped, ...rest } = state;
      const reopened: CaseState = {
        ...rest,
        closure: { requested: false, approved: false },
        skippedStages: state.skippedStages.filter((s) => stageIndexOf(sop, s.stage) < target),
        categoryConfirmed: action.toStage === 'screening' ? false : state.categoryConfirmed,
        resolutionRecorded: false,
        followUps: [],
      };
      return enter(sop, reopened, action.toStage, ctx);
    }
    case 'assign':
      return { ...state, assigned: true };
    case 'confirm_category':
      return { ...state, category: action.category, subtype: action.subtype, categoryConfirmed: true };
    case 'set_risk':
      return { ...state, risk: action.risk };
    case 'set_flag': {
      const flags = state.flags.filter((f) => f !== action.flag);
      return { ...state, flags: action.on ? [...flags, action.flag] : flags };
    }
    case 'record_consent': {
      const same = (c: CaseState['consents'][number]) =>
        c.purpose === action.purpose && c.organisationKind === action.organisationKind;
      const consent = { purpose: action.purpose, status: action.status, ...kindOf(action.organisationKind) };
      return { ...state, consents: [...state.consents.filter((c) => !same(c)), consent] };
    }
    case 'add_task': {
      const task: CaseTask = { id: action.id, mandatory: action.mandatory, status: 'open' };
      if (action.dueAt) task.dueAt = instantToDate(action.dueAt).toISOString();
      return { ...state, tasks: [...state.tasks, task] };
    }
    case 'set_task_status':
      return {
        ...state,
        tasks: state.tasks.map((t) => (t.id === action.taskId ? { ...t, status: action.status } : t)),
      };
    case 'send_referral': {
      const ack = referralDeadline(
        sopReferralFor(sop, action),
        'acknowledgeWithin',
        state.risk,
        at,
        ctx.calendar,
      );
      const referral = {
        id: action.id,
        organisationKind: action.organisationKind,
        purpose: action.purpose,
        status: 'sent' as const,
        ...(action.embassyOfNationality !== undefined
          ? { embassyOfNationality: action.embassyOfNationality }
          : {}),
        ...(ack ? { acknowledgeBy: ack } : {}),
      };
      const sent = linkedDone(sop, { ...state, referrals: [...state.referrals, referral] }, referral, 'sent');
      return withTasks(sent, tasksForReferral(sop, referral, 'referral_sent', at, ctx.calendar, sent));
    }
    case 'update_referral':
      return updateReferral(sop, state, action, at, ctx.calendar);
    case 'open_procedure':
      return {
        ...state,
        procedures: [...state.procedures, { id: action.id, kind: action.kind, open: true }],
      };
    case 'conclude_procedure':
      return {
        ...state,
        procedures: state.procedures.map((p) => (p.id === action.procedureId ? { ...p, open: false } : p)),
      };
    case 'record_resolution': {
      const followUps = followUpSchedule(sop, at, ctx.calendar).map((dueAt) => ({ dueAt, done: false }));
      return { ...state, resolutionRecorded: true, resolution: action.resolution, followUps };
    }
    case 'record_follow_up': {
      const followUps = state.followUps.map((f, i) =>
        i === action.index
          ? {
              ...f,
              done: true,
              riskAfter: action.riskAfter,
              ...(action.reached === undefined ? {} : { reached: action.reached }),
            }
          : f,
      );
      return { ...state, followUps, risk: action.riskAfter };
    }
    case 'schedule_follow_up': {
      const dueAt = instantToDate(action.dueAt).toISOString();
      const followUps = [...state.followUps, { dueAt, done: false }].sort((a, b) =>
        a.dueAt.localeCompare(b.dueAt),
      );
      return { ...state, followUps };
    }
  }
}

const kindOf = <T>(kind: T | undefined): { organisationKind?: T } =>
  kind === undefined ? {} : { organisationKind: kind };

function updateReferral(
  sop: SopDocument,
  state: CaseState,
  action: Extract<CaseAction, { type: 'update_referral' }>,
  at: string,
  calendar: BusinessCalendar,
): CaseState {
  const referral = state.referrals.find((r) => r.id === action.referralId)!;
  const updated = { ...referral, status: action.status };
  if (action.status === 'declined' && action.declineReason)
    updated.declineReason = action.declineReason.trim();
  const complete = referralDeadline(
    sopReferralFor(sop, referral),
    'completeWithin',
    state.risk,
    at,
    calendar,
  );
  if (action.status === 'accepted' && complete) updated.completeBy = complete;
  const updatedState = {
    ...state,
    referrals: state.referrals.map((r) => (r.id === referral.id ? updated : r)),
  };
  if (action.status !== 'accepted') return updatedState;
  const next = linkedDone(sop, updatedState, referral, 'accepted');
  return withTasks(next, tasksForReferral(sop, referral, 'referral_accepted', at, calendar, next));
}

/**
 * A referral's event completes the open tasks the SOP links to it (`doneBy`): sending the
 * police referral ticks "alert the police", the shelter accepting it ticks "shelter placement".
 */
function linkedDone(
  sop: SopDocument,
  state: CaseState,
  referral: Pick<CaseReferral, 'organisationKind' | 'purpose' | 'embassyOfNationality'>,
  on: 'sent' | 'accepted',
): CaseState {
  const sopReferral = sopReferralFor(sop, referral);
  if (!sopReferral) return state;
  const linked = (task: CaseTask) => {
    const doneBy = task.status === 'open' ? sopTaskOf(sop, task.sopTaskId)?.task.doneBy : undefined;
    return doneBy?.referral === sopReferral.id && doneBy.on === on;
  };
  if (!state.tasks.some(linked)) return state;
  return { ...state, tasks: state.tasks.map((t) => (linked(t) ? { ...t, status: 'done' as const } : t)) };
}

/** Open SOP tasks follow the SOP's current answer to "is this mandatory for this case?". */
function syncMandatory(sop: SopDocument, state: CaseState): CaseState {
  let changed = false;
  const tasks = state.tasks.map((task) => {
    const entry = task.status === 'open' ? sopTaskOf(sop, task.sopTaskId) : undefined;
    if (!entry) return task;
    const mandatory = sopTaskMandatory(sop, state, entry.task);
    if (mandatory === task.mandatory) return task;
    changed = true;
    return { ...task, mandatory };
  });
  return changed ? { ...state, tasks } : state;
}

/**
 * The pure reducer: the case after `action`, or the blockers that refuse it (a refused `close`
 * is `CASE_CLOSE_BLOCKED`). Entering a stage creates its tasks, sending or accepting a referral
 * the tasks it starts, recording a resolution schedules the follow-ups; a closed case accepts
 * only `reopen`. `createdTasks` lists the tasks the action added.
 */
export function applyAction(
  sop: SopDocument,
  state: CaseState,
  action: CaseAction,
  ctx: ActionContext,
): ActionResult {
  const blockers = actionBlockers(sop, state, action);
  if (blockers.length > 0) {
    const code = action.type === 'close' ? 'CASE_CLOSE_BLOCKED' : 'ACTION_BLOCKED';
    return { ok: false, error: { code, action: action.type, blockers } };
  }
  const next = syncMandatory(sop, perform(sop, state, action, ctx));
  const before = new Set(state.tasks.map((t) => t.id));
  return { ok: true, state: next, createdTasks: next.tasks.filter((t) => !before.has(t.id)) };
}
