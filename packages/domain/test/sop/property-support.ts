/** Random and greedy case actions for the SOP engine's property tests (not exported from the package). */
import fc from 'fast-check';
import { CASE_SUBTYPES, ConsentPurpose, ConsentStatus, RiskLevel } from '../../src/case-vocabulary.js';
import { ORGANISATION_KINDS } from '../../src/roles.js';
import type { CaseAction } from '../../src/sop/actions.js';
import { DEFAULT_SOPS } from '../../src/sop/default-sops.js';
import { availableActions, closeBlockers } from '../../src/sop/engine.js';
import type { Blocker } from '../../src/sop/evaluate.js';
import type { SopDocument } from '../../src/sop/sop-schema.js';
import type { CaseState } from '../../src/sop/state.js';
import {
  LIFECYCLE_STAGES,
  PROCEDURE_KINDS,
  REFERRAL_PURPOSES,
  REFERRAL_STATUSES,
  RESOLUTION_KINDS,
} from '../../src/sop/vocabulary.js';

/** One step of a random run: an intent turned into a concrete action against the current state. */
export type Step =
  | { kind: 'greedy' }
  | { kind: 'lifecycle'; which: (typeof LIFECYCLE)[number]; pick: number }
  | { kind: 'task'; pick: number; status: 'open' | 'done' | 'cancelled' }
  | { kind: 'add_task'; mandatory: boolean }
  | { kind: 'send'; pick: number; fromSop: boolean }
  | { kind: 'referral'; pick: number; status: (typeof REFERRAL_STATUSES)[number]; reason: boolean }
  | { kind: 'procedure'; open: boolean; pick: number }
  | { kind: 'consent'; purpose: ConsentPurpose; police: boolean; status: ConsentStatus }
  | { kind: 'fact'; which: 'assign' | 'confirm' | 'risk' | 'flag'; pick: number; risk: RiskLevel }
  | { kind: 'resolution'; pick: number }
  | { kind: 'follow_up'; pick: number; risk: RiskLevel; schedule: boolean };

const LIFECYCLE = [
  'advance',
  'skip',
  'request_closure',
  'approve_closure',
  'reject_closure',
  'close',
  'reopen',
] as const;
const FLAGS = ['passport_retained', 'injuries', 'workplace_violations'];
const nat = fc.nat({ max: 1000 });
const followUpRisk = fc.oneof(
  { weight: 4, arbitrary: fc.constant<RiskLevel>('low') },
  { weight: 1, arbitrary: fc.constantFrom(...RiskLevel.options) },
);

export const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 16, arbitrary: fc.constant<Step>({ kind: 'greedy' }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('lifecycle' as const),
      which: fc.constantFrom(...LIFECYCLE),
      pick: nat,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('task' as const),
      pick: nat,
      status: fc.constantFrom('open', 'done', 'cancelled') as fc.Arbitrary<'open' | 'done' | 'cancelled'>,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('add_task' as const), mandatory: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('send' as const), pick: nat, fromSop: fc.boolean() }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('referral' as const),
      pick: nat,
      status: fc.constantFrom(...REFERRAL_STATUSES),
      reason: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('procedure' as const), open: fc.boolean(), pick: nat }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('consent' as const),
      purpose: fc.constantFrom(...ConsentPurpose.options),
      police: fc.boolean(),
      status: fc.constantFrom(...ConsentStatus.options),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('fact' as const),
      which: fc.constantFrom('assign', 'confirm', 'risk', 'flag') as fc.Arbitrary<
        'assign' | 'confirm' | 'risk' | 'flag'
      >,
      pick: nat,
      risk: fc.constantFrom(...RiskLevel.options),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resolution' as const), pick: nat }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('follow_up' as const),
      pick: nat,
      risk: followUpRisk,
      schedule: fc.boolean(),
    }),
  },
);

/** A default SOP and facts that fit it (a child for the child variant). */
export const caseArbitrary = fc.record({
  sopIndex: fc.nat({ max: DEFAULT_SOPS.length - 1 }),
  subtypePick: nat,
  risk: fc.constantFrom(...RiskLevel.options),
  flags: fc.subarray(FLAGS),
});

const at = <T>(list: readonly T[], pick: number): T | undefined =>
  list.length ? list[pick % list.length] : undefined;
const sopReferrals = (sop: SopDocument) => sop.stages.flatMap((s) => s.referrals);

/** The action an intent stands for in this state (may well be refused: that is part of the test). */
export function toAction(step: Step, sop: SopDocument, state: CaseState, now: string): CaseAction {
  switch (step.kind) {
    case 'greedy':
      return greedy(sop, state, now);
    case 'lifecycle':
      return lifecycle(step.which, step.pick, sop);
    case 'task':
      return {
        type: 'set_task_status',
        taskId: at(state.tasks, step.pick)?.id ?? 'none',
        status: step.status,
      };
    case 'add_task':
      return { type: 'add_task', id: `adhoc-${state.tasks.length}`, mandatory: step.mandatory };
    case 'send': {
      const id = `ref-${state.referrals.length}`;
      const wanted = at(sopReferrals(sop), step.pick);
      if (step.fromSop && wanted)
        return {
          type: 'send_referral',
          id,
          organisationKind: wanted.organisationKind,
          purpose: wanted.purpose,
        };
      return {
        type: 'send_referral',
        id,
        organisationKind: at(ORGANISATION_KINDS, step.pick)!,
        purpose: at(REFERRAL_PURPOSES, step.pick)!,
      };
    }
    case 'referral':
      return {
        type: 'update_referral',
        referralId: at(state.referrals, step.pick)?.id ?? 'none',
        status: step.status,
        ...(step.reason ? { declineReason: 'Out of our remit' } : {}),
      };
    case 'procedure': {
      if (step.open)
        return {
          type: 'open_procedure',
          id: `proc-${state.procedures.length}`,
          kind: at(PROCEDURE_KINDS, step.pick)!,
        };
      return { type: 'conclude_procedure', procedureId: at(state.procedures, step.pick)?.id ?? 'none' };
    }
    case 'consent':
      return {
        type: 'record_consent',
        purpose: step.purpose,
        status: step.status,
        ...(step.police ? { organisationKind: 'police' as const } : {}),
      };
    case 'fact':
      if (step.which === 'assign') return { type: 'assign' };
      if (step.which === 'risk') return { type: 'set_risk', risk: step.risk };
      if (step.which === 'flag')
        return { type: 'set_flag', flag: at(FLAGS, step.pick)!, on: step.pick % 2 === 0 };
      return {
        type: 'confirm_category',
        category: sop.category,
        subtype: at(CASE_SUBTYPES[sop.category], step.pick)!,
      };
    case 'resolution':
      return { type: 'record_resolution', resolution: at(RESOLUTION_KINDS, step.pick)! };
    case 'follow_up':
      if (step.schedule) return { type: 'schedule_follow_up', dueAt: now };
      return {
        type: 'record_follow_up',
        index: state.followUps.length ? step.pick % state.followUps.length : 0,
        riskAfter: step.risk,
      };
  }
}

function lifecycle(which: (typeof LIFECYCLE)[number], pick: number, sop: SopDocument): CaseAction {
  switch (which) {
    case 'skip':
      return { type: 'skip', stage: at(LIFECYCLE_STAGES, pick)!, reason: 'No proceedings' };
    case 'reject_closure':
      return { type: 'reject_closure', comment: 'Not yet' };
    case 'reopen':
      return { type: 'reopen', toStage: at(sop.stages, pick)?.id ?? 'screening', reason: 'New facts' };
    default:
      return { type: which };
  }
}

/** An action that moves the case on: the first allowed lifecycle action, else a fix for the first blocker. */
export function greedy(sop: SopDocument, state: CaseState, now: string): CaseAction {
  const actions = availableActions(sop, state);
  const allowed = (type: string) => actions.find((a) => a.type === type && a.allowed);
  for (const type of ['close', 'approve_closure', 'request_closure', 'advance'] as const) {
    if (allowed(type)) return { type };
  }
  const skip = actions.find((a) => a.type === 'skip' && a.allowed);
  if (skip?.type === 'skip') return { type: 'skip', stage: skip.stage, reason: 'Nothing to do there' };
  const advance = actions.find((a) => a.type === 'advance');
  const blockers = advance?.blockers.length ? advance.blockers : closeBlockers(sop, state);
  return fix(sop, state, blockers[0], now);
}

function fix(sop: SopDocument, state: CaseState, blocker: Blocker | undefined, now: string): CaseAction {
  const ref = blocker?.ref ?? '';
  switch (blocker?.code) {
    case 'OPEN_MANDATORY_TASK':
      return { type: 'set_task_status', taskId: ref, status: 'done' };
    case 'MANDATORY_TASK_CANCELLED':
      return { type: 'set_task_status', taskId: ref, status: 'open' };
    case 'REFERRAL_NOT_ANSWERED':
    case 'REFERRAL_NOT_CONCLUDED': {
      const status = state.referrals.find((r) => r.id === ref)?.status;
      const next = status === 'accepted' || status === 'in_progress' ? 'completed' : 'accepted';
      return { type: 'update_referral', referralId: ref, status: next };
    }
    case 'REQUIRED_REFERRAL_MISSING': {
      const wanted = sopReferrals(sop).find((r) => r.id === ref)!;
      return {
        type: 'send_referral',
        id: `ref-${state.referrals.length}`,
        organisationKind: wanted.organisationKind,
        purpose: wanted.purpose,
      };
    }
    case 'PROCEDURE_OPEN':
      return { type: 'conclude_procedure', procedureId: ref };
    case 'NOT_ASSIGNED':
      return { type: 'assign' };
    case 'CATEGORY_NOT_CONFIRMED':
    case 'SOP_CATEGORY_MISMATCH':
      return { type: 'confirm_category', category: sop.category, subtype: null };
    case 'NO_RESOLUTION':
      return state.stage === 'resolution'
        ? { type: 'record_resolution', resolution: 'other' }
        : { type: 'advance' };
    case 'FOLLOW_UPS_PENDING':
      return ref ? { type: 'record_follow_up', index: Number(ref), riskAfter: 'low' } : { type: 'advance' };
    case 'FOLLOW_UP_RISK_NOT_LOW':
      return { type: 'schedule_follow_up', dueAt: now };
    case 'REOPEN_REQUIRED':
      return { type: 'reopen', toStage: 'referral_assistance', reason: 'High risk at follow-up' };
    case 'CLOSURE_NOT_APPROVED':
      return state.closure.requested ? { type: 'approve_closure' } : { type: 'request_closure' };
    default:
      return { type: 'advance' };
  }
}
