import {
  type Blocker,
  conditionBlockers,
  dedupeBlockers,
  followUpBlockers,
  isReferralRequired,
  matchingReferrals,
  needsReopen,
  referralConcluded,
  sopTaskOf,
  stageIndexOf,
  taskBlockers,
} from './evaluate.js';
import type { SopDocument } from './sop-schema.js';
import type { CaseState } from './state.js';
import { type LifecycleStage, lifecycleRank } from './vocabulary.js';

/** A lifecycle action the engine can judge (the full action, with its reason, is a `CaseAction`). */
export type ActionDescriptor =
  | { type: 'advance'; to: LifecycleStage }
  | { type: 'skip'; stage: LifecycleStage; to: LifecycleStage }
  | { type: 'request_closure' }
  | { type: 'approve_closure' }
  | { type: 'reject_closure' }
  | { type: 'close' }
  | { type: 'reopen'; toStage: LifecycleStage; required: boolean };

export type AvailableAction = ActionDescriptor & { allowed: boolean; blockers: Blocker[] };

/** Where the case stands in its SOP, or why that cannot be told. */
function position(sop: SopDocument, state: CaseState): { index: number; blockers: Blocker[] } {
  if (state.stage === 'closed') return { index: sop.stages.length - 1, blockers: [{ code: 'CASE_CLOSED' }] };
  const index = stageIndexOf(sop, state.stage);
  if (index < 0) return { index, blockers: [{ code: 'UNKNOWN_STAGE', ref: state.stage }] };
  const blockers: Blocker[] = [];
  if (sop.category !== state.category) blockers.push({ code: 'SOP_CATEGORY_MISMATCH', ref: state.category });
  return { index, blockers };
}

/** What keeps the case from leaving its current stage: the stage's mandatory tasks, its `leaveWhen`. */
function leaveBlockers(sop: SopDocument, state: CaseState, index: number): Blocker[] {
  const stage = sop.stages[index];
  if (!stage) return [];
  const tasks = state.tasks.filter((t) => sopTaskOf(sop, t.sopTaskId)?.stage.id === stage.id);
  return [
    ...taskBlockers(sop, state, tasks),
    ...(stage.leaveWhen ? conditionBlockers(stage.leaveWhen, sop, state) : []),
  ];
}

/** Blockers of moving to the next stage (never `closed`: closing is `close`). */
export function advanceBlockers(sop: SopDocument, state: CaseState): Blocker[] {
  const { index, blockers } = position(sop, state);
  if (index < 0 || state.stage === 'closed') return blockers;
  const next = sop.stages[index + 1];
  if (!next || next.id === 'closed') return [...blockers, { code: 'NO_NEXT_STAGE' }];
  return dedupeBlockers([
    ...blockers,
    ...leaveBlockers(sop, state, index),
    ...(next.enterWhen ? conditionBlockers(next.enterWhen, sop, state) : []),
  ]);
}

/** Blockers of skipping `stage`, which must be the next one and skippable, to the stage after it. */
export function skipBlockers(sop: SopDocument, state: CaseState, stage: LifecycleStage): Blocker[] {
  const { index, blockers } = position(sop, state);
  if (index < 0 || state.stage === 'closed') return blockers;
  const skipped = sop.stages[index + 1];
  const target = sop.stages[index + 2];
  if (!skipped || skipped.id !== stage) return [...blockers, { code: 'WRONG_STAGE', ref: stage }];
  if (!skipped.canSkip || !target || target.id === 'closed') {
    return [...blockers, { code: 'STAGE_NOT_SKIPPABLE', ref: stage }];
  }
  return dedupeBlockers([
    ...blockers,
    ...(skipped.skipWhen ? conditionBlockers(skipped.skipWhen, sop, state) : []),
    ...leaveBlockers(sop, state, index),
    ...(target.enterWhen ? conditionBlockers(target.enterWhen, sop, state) : []),
  ]);
}

/**
 * Everything that keeps the case from closing now (issue #4 "Closure"); empty if and only if
 * the `close` action is allowed. The case must be at the stage before `closed`; every
 * mandatory task done (see `taskBlockers` for cancelled ones); every referral concluded;
 * every referral the SOP requires (in the stages not skipped) made, unless its consent was
 * refused; no procedure open; a resolution recorded; every follow-up done, the last with a
 * low risk (and none calling for reopening); that stage's `leaveWhen` and the closed stage's
 * `enterWhen` hold; and a supervisor approved the closure.
 */
export function closeBlockers(sop: SopDocument, state: CaseState): Blocker[] {
  const { index, blockers } = position(sop, state);
  if (state.stage === 'closed') return blockers;
  const last = sop.stages.length - 1;
  if (index >= 0 && index !== last - 1) blockers.push({ code: 'WRONG_STAGE', ref: state.stage });
  blockers.push(...taskBlockers(sop, state, state.tasks));
  for (const referral of state.referrals) {
    if (!referralConcluded(referral)) blockers.push({ code: 'REFERRAL_NOT_CONCLUDED', ref: referral.id });
  }
  for (const stage of sop.stages) {
    if (state.skippedStages.some((s) => s.stage === stage.id)) continue;
    for (const required of stage.referrals.filter((r) => isReferralRequired(sop, state, r))) {
      if (matchingReferrals(state, required).length === 0) {
        blockers.push({ code: 'REQUIRED_REFERRAL_MISSING', ref: required.id });
      }
    }
  }
  for (const procedure of state.procedures) {
    if (procedure.open) blockers.push({ code: 'PROCEDURE_OPEN', ref: procedure.id });
  }
  if (!state.resolutionRecorded) blockers.push({ code: 'NO_RESOLUTION' });
  blockers.push(...followUpBlockers(sop, state));
  const final = sop.stages[last - 1];
  if (final?.leaveWhen) blockers.push(...conditionBlockers(final.leaveWhen, sop, state));
  const closed = sop.stages[last];
  if (closed?.enterWhen) blockers.push(...conditionBlockers(closed.enterWhen, sop, state));
  if (!state.closure.approved) blockers.push({ code: 'CLOSURE_NOT_APPROVED' });
  return dedupeBlockers(blockers);
}

/** The close blockers other than the approval itself: what a supervisor is asked to confirm. */
function substantiveCloseBlockers(sop: SopDocument, state: CaseState): Blocker[] {
  return closeBlockers(sop, { ...state, closure: { requested: true, approved: true } });
}

export function requestClosureBlockers(sop: SopDocument, state: CaseState): Blocker[] {
  if (state.stage === 'closed') return [{ code: 'CASE_CLOSED' }];
  const blockers: Blocker[] = state.closure.requested ? [{ code: 'CLOSURE_ALREADY_REQUESTED' }] : [];
  return [...blockers, ...substantiveCloseBlockers(sop, state)];
}

/** Approving needs a pending request and nothing else in the way (the supervisor role is the server's check). */
export function approveClosureBlockers(sop: SopDocument, state: CaseState): Blocker[] {
  if (state.stage === 'closed') return [{ code: 'CASE_CLOSED' }];
  const blockers: Blocker[] = [];
  if (!state.closure.requested) blockers.push({ code: 'CLOSURE_NOT_REQUESTED' });
  if (state.closure.approved) blockers.push({ code: 'CLOSURE_ALREADY_APPROVED' });
  return [...blockers, ...substantiveCloseBlockers(sop, state)];
}

export function rejectClosureBlockers(state: CaseState): Blocker[] {
  if (state.stage === 'closed') return [{ code: 'CASE_CLOSED' }];
  return state.closure.requested ? [] : [{ code: 'CLOSURE_NOT_REQUESTED' }];
}

/**
 * The stages a case may be reopened to: from screening up to resolution, not after the current
 * stage (any of them once closed). Reopening restarts that stage.
 */
export function reopenTargets(sop: SopDocument, state: CaseState): LifecycleStage[] {
  const last = sop.stages.length - 1;
  const current = state.stage === 'closed' ? last : stageIndexOf(sop, state.stage);
  return sop.stages
    .filter(
      (s, i) =>
        i >= 1 && i <= Math.min(current, last - 1) && lifecycleRank(s.id) <= lifecycleRank('resolution'),
    )
    .map((s) => s.id);
}

/** A closed case may be reopened; an open one only when a follow-up found a high risk. */
export function reopenBlockers(sop: SopDocument, state: CaseState, toStage: LifecycleStage): Blocker[] {
  const blockers: Blocker[] = [];
  if (state.stage !== 'closed' && !needsReopen(state)) blockers.push({ code: 'NOT_REOPENABLE' });
  if (!reopenTargets(sop, state).includes(toStage)) blockers.push({ code: 'WRONG_STAGE', ref: toStage });
  return blockers;
}

const entry = (action: ActionDescriptor, blockers: Blocker[]): AvailableAction => ({
  ...action,
  allowed: blockers.length === 0,
  blockers,
});

/**
 * The lifecycle actions to offer on a case, each allowed or with what blocks it. Always lists
 * `close`; `advance` and `skip` where the SOP has a next (skippable) stage; the closure request
 * or, once requested, its approval and rejection; `reopen` to each target when the case is
 * closed or a follow-up calls for it (then `required`).
 */
export function availableActions(sop: SopDocument, state: CaseState): AvailableAction[] {
  const actions: AvailableAction[] = [];
  const reopenRequired = needsReopen(state);
  if (state.stage !== 'closed') {
    const index = stageIndexOf(sop, state.stage);
    const next = index >= 0 ? sop.stages[index + 1] : undefined;
    const after = index >= 0 ? sop.stages[index + 2] : undefined;
    if (next && next.id !== 'closed') {
      actions.push(entry({ type: 'advance', to: next.id }, advanceBlockers(sop, state)));
    }
    if (next?.canSkip && after) {
      actions.push(entry({ type: 'skip', stage: next.id, to: after.id }, skipBlockers(sop, state, next.id)));
    }
    if (!state.closure.requested) {
      actions.push(entry({ type: 'request_closure' }, requestClosureBlockers(sop, state)));
    } else if (!state.closure.approved) {
      actions.push(entry({ type: 'approve_closure' }, approveClosureBlockers(sop, state)));
      actions.push(entry({ type: 'reject_closure' }, rejectClosureBlockers(state)));
    }
  }
  actions.push(entry({ type: 'close' }, closeBlockers(sop, state)));
  if (state.stage === 'closed' || reopenRequired) {
    for (const toStage of reopenTargets(sop, state)) {
      actions.push(
        entry({ type: 'reopen', toStage, required: reopenRequired }, reopenBlockers(sop, state, toStage)),
      );
    }
  }
  return actions;
}
