import type { RiskLevel } from '../case-vocabulary.js';
import type { ConsentRef, StageCondition } from './conditions.js';
import type { SopDocument, SopReferral, SopStage, SopTask } from './sop-schema.js';
import type { CaseFollowUp, CaseReferral, CaseState, CaseTask } from './state.js';
import type { LifecycleStage } from './vocabulary.js';

/** Why an action is refused; `ref` names the task, referral, procedure, follow-up or stage at fault. */
export const BLOCKER_CODES = [
  'OPEN_MANDATORY_TASK',
  'MANDATORY_TASK_CANCELLED',
  'REFERRAL_NOT_CONCLUDED',
  'REFERRAL_NOT_ANSWERED',
  'REQUIRED_REFERRAL_MISSING',
  'NO_EMBASSY_OF_NATIONALITY',
  'PROCEDURE_OPEN',
  'NO_PROCEDURE_OPEN',
  'NO_RESOLUTION',
  'RESOLUTION_ALREADY_RECORDED',
  'FOLLOW_UPS_PENDING',
  'FOLLOW_UP_RISK_NOT_LOW',
  'REOPEN_REQUIRED',
  'CLOSURE_NOT_REQUESTED',
  'CLOSURE_ALREADY_REQUESTED',
  'CLOSURE_ALREADY_APPROVED',
  'CLOSURE_NOT_APPROVED',
  'NOT_ASSIGNED',
  'CATEGORY_NOT_CONFIRMED',
  'SOP_CATEGORY_MISMATCH',
  'SUBTYPE_MISMATCH',
  'CONDITION_NOT_MET',
  'STAGE_NOT_SKIPPABLE',
  'NO_NEXT_STAGE',
  'WRONG_STAGE',
  'UNKNOWN_STAGE',
  'CASE_CLOSED',
  'NOT_REOPENABLE',
  'REASON_REQUIRED',
  'NOT_FOUND',
  'DUPLICATE_ID',
  'INVALID_TRANSITION',
] as const;
export type BlockerCode = (typeof BLOCKER_CODES)[number];

export interface Blocker {
  code: BlockerCode;
  ref?: string;
}

interface SopIndex {
  taskById: Map<string, { task: SopTask; stage: SopStage }>;
  referralById: Map<string, { referral: SopReferral; stage: SopStage }>;
  stageIndex: Map<LifecycleStage, number>;
}
const indexes = new WeakMap<SopDocument, SopIndex>();

function sopIndex(sop: SopDocument): SopIndex {
  let index = indexes.get(sop);
  if (!index) {
    index = { taskById: new Map(), referralById: new Map(), stageIndex: new Map() };
    for (const [i, stage] of sop.stages.entries()) {
      index.stageIndex.set(stage.id, i);
      for (const task of stage.tasks) index.taskById.set(task.id, { task, stage });
      for (const referral of stage.referrals) index.referralById.set(referral.id, { referral, stage });
    }
    indexes.set(sop, index);
  }
  return index;
}

/** Position of a stage in the SOP, or -1 when the SOP has no such stage. */
export const stageIndexOf = (sop: SopDocument, stage: LifecycleStage): number =>
  sopIndex(sop).stageIndex.get(stage) ?? -1;

export const sopTaskOf = (sop: SopDocument, sopTaskId: string | undefined) =>
  sopTaskId === undefined ? undefined : sopIndex(sop).taskById.get(sopTaskId);

export const sopReferralById = (sop: SopDocument, id: string | undefined) =>
  id === undefined ? undefined : sopIndex(sop).referralById.get(id)?.referral;

/**
 * Whether a referral of the case fulfils an SOP referral: same organisation kind and purpose.
 * An SOP's embassy referral means the embassy of the person's nationality: a referral to
 * another embassy (one the person named) fulfils none.
 */
export function referralFulfils(
  required: SopReferral,
  referral: Pick<CaseReferral, 'organisationKind' | 'purpose' | 'embassyOfNationality'>,
): boolean {
  return (
    required.organisationKind === referral.organisationKind &&
    required.purpose === referral.purpose &&
    !(referral.organisationKind === 'embassy' && referral.embassyOfNationality === false)
  );
}

/** The SOP referral that a referral of the case fulfils (see `referralFulfils`). */
export function sopReferralFor(
  sop: SopDocument,
  referral: Pick<CaseReferral, 'organisationKind' | 'purpose' | 'embassyOfNationality'>,
): SopReferral | undefined {
  for (const { referral: r } of sopIndex(sop).referralById.values()) {
    if (referralFulfils(r, referral)) return r;
  }
  return undefined;
}

/**
 * A required embassy referral that cannot be made because the installation has no embassy of
 * the person's nationality says so (`NO_EMBASSY_OF_NATIONALITY`) instead of "missing": no one
 * can fix it by sending a referral. It still blocks.
 */
export function explainEmbassyBlockers(
  sop: SopDocument,
  blockers: readonly Blocker[],
  facts: { embassyOfNationalityExists: boolean },
): Blocker[] {
  if (facts.embassyOfNationalityExists) return [...blockers];
  return blockers.map((b) =>
    b.code === 'REQUIRED_REFERRAL_MISSING' && sopReferralById(sop, b.ref)?.organisationKind === 'embassy'
      ? { ...b, code: 'NO_EMBASSY_OF_NATIONALITY' }
      : b,
  );
}

const RISK_RANK: Record<RiskLevel, number> = { low: 0, medium: 1, high: 2, urgent: 3 };
export const riskAtLeast = (risk: RiskLevel, floor: RiskLevel): boolean =>
  RISK_RANK[risk] >= RISK_RANK[floor];

/** The current consent record matching a reference (the last one recorded wins). */
export function consentFor(state: CaseState, ref: ConsentRef) {
  return state.consents.findLast(
    (c) =>
      c.purpose === ref.purpose &&
      (ref.organisationKind === undefined || c.organisationKind === ref.organisationKind),
  );
}
export function consentRefused(state: CaseState, ref: ConsentRef): boolean {
  const status = consentFor(state, ref)?.status;
  return status === 'refused' || status === 'withdrawn';
}

const hasReason = (r: CaseReferral): boolean => (r.declineReason?.trim().length ?? 0) > 0;

/** Completed, declined with a reason, or revoked. */
export const referralConcluded = (r: CaseReferral): boolean =>
  r.status === 'completed' || r.status === 'revoked' || (r.status === 'declined' && hasReason(r));

/** Accepted (or further on) or declined with a reason. */
export const referralAnswered = (r: CaseReferral): boolean =>
  r.status === 'accepted' ||
  r.status === 'in_progress' ||
  r.status === 'completed' ||
  (r.status === 'declined' && hasReason(r));

/** Whether an SOP task is mandatory for this case now. */
export function sopTaskMandatory(sop: SopDocument, state: CaseState, task: SopTask): boolean {
  const mandatory =
    task.mandatory || (task.mandatoryWhen !== undefined && conditionHolds(task.mandatoryWhen, sop, state));
  return mandatory && !(task.mandatoryUnless && consentRefused(state, task.mandatoryUnless.consentRefused));
}

/** Whether a task of the case is mandatory: from the SOP for SOP tasks, else its own flag. */
export function isTaskMandatory(sop: SopDocument, state: CaseState, task: CaseTask): boolean {
  const entry = sopTaskOf(sop, task.sopTaskId);
  return entry ? sopTaskMandatory(sop, state, entry.task) : task.mandatory;
}

/**
 * Open mandatory tasks block; so do cancelled ones, unless the SOP marks the task `cancellable`,
 * the task is no longer mandatory (its consent was refused) or it is an ad hoc task (whoever
 * added it by hand may withdraw it; the server audits that).
 */
export function taskBlockers(sop: SopDocument, state: CaseState, tasks: readonly CaseTask[]): Blocker[] {
  const blockers: Blocker[] = [];
  for (const task of tasks) {
    if (task.status === 'done' || !isTaskMandatory(sop, state, task)) continue;
    if (task.status === 'open') blockers.push({ code: 'OPEN_MANDATORY_TASK', ref: task.id });
    else {
      const entry = sopTaskOf(sop, task.sopTaskId);
      if (entry && !entry.task.cancellable) blockers.push({ code: 'MANDATORY_TASK_CANCELLED', ref: task.id });
    }
  }
  return blockers;
}

/** Whether a stage was reached (at or before the current one) and not skipped. */
export function stageInForce(sop: SopDocument, state: CaseState, stage: LifecycleStage): boolean {
  const index = stageIndexOf(sop, stage);
  const current = stageIndexOf(sop, state.stage);
  return index >= 0 && index <= current && !state.skippedStages.some((s) => s.stage === stage);
}

export function isReferralRequired(sop: SopDocument, state: CaseState, referral: SopReferral): boolean {
  const required =
    referral.required ||
    (referral.requiredWhen !== undefined && conditionHolds(referral.requiredWhen, sop, state));
  return (
    required && !(referral.requiredUnless && consentRefused(state, referral.requiredUnless.consentRefused))
  );
}

/** The SOP referrals required now, from the stages in force. */
export function requiredReferrals(sop: SopDocument, state: CaseState): SopReferral[] {
  return sop.stages
    .filter((stage) => stageInForce(sop, state, stage.id))
    .flatMap((stage) => stage.referrals.filter((r) => isReferralRequired(sop, state, r)));
}

/** The case's referrals (not revoked) that fulfil an SOP referral. */
export const matchingReferrals = (state: CaseState, referral: SopReferral): CaseReferral[] =>
  state.referrals.filter((r) => r.status !== 'revoked' && referralFulfils(referral, r));

function requiredReferralBlockers(sop: SopDocument, state: CaseState, answeredOnly: boolean): Blocker[] {
  const blockers: Blocker[] = [];
  for (const required of requiredReferrals(sop, state)) {
    const matches = matchingReferrals(state, required);
    const fine = answeredOnly ? referralAnswered : referralConcluded;
    if (matches.length === 0) blockers.push({ code: 'REQUIRED_REFERRAL_MISSING', ref: required.id });
    else if (!matches.some(fine)) {
      const code = answeredOnly ? 'REFERRAL_NOT_ANSWERED' : 'REFERRAL_NOT_CONCLUDED';
      blockers.push({ code, ref: matches[0]?.id ?? required.id });
    }
  }
  return blockers;
}

/** The follow-up with the latest due date. */
export const lastFollowUp = (followUps: readonly CaseFollowUp[]): CaseFollowUp | undefined =>
  followUps.reduce<CaseFollowUp | undefined>(
    (last, f) => (!last || f.dueAt >= last.dueAt ? f : last),
    undefined,
  );

/** How many days before its due date a follow-up contact may be recorded. */
export const FOLLOW_UP_EARLY_DAYS = 7;

/**
 * The first moment a follow-up contact due at `dueAt` may be recorded: a contact made weeks
 * early is not the follow-up the SOP asks for (issue 12, point 13).
 */
export const followUpOpensAt = (dueAt: string): Date =>
  new Date(Date.parse(dueAt) - FOLLOW_UP_EARLY_DAYS * 86_400_000);

/** True when `now` is too early to record the contact due at `dueAt`. */
export const followUpTooEarly = (dueAt: string, now: Date): boolean =>
  now.getTime() < followUpOpensAt(dueAt).getTime();

/** A follow-up recorded a high or urgent risk: the case must be reopened (issue #4 "Follow-up"). */
export const needsReopen = (state: CaseState): boolean =>
  state.followUps.some((f) => f.done && f.riskAfter !== undefined && riskAtLeast(f.riskAfter, 'high'));

export function followUpBlockers(sop: SopDocument, state: CaseState): Blocker[] {
  const blockers: Blocker[] = [];
  if (needsReopen(state)) blockers.push({ code: 'REOPEN_REQUIRED' });
  if (sop.followUps.length > 0 && state.followUps.length === 0) blockers.push({ code: 'FOLLOW_UPS_PENDING' });
  state.followUps.forEach((f, i) => {
    if (!f.done) blockers.push({ code: 'FOLLOW_UPS_PENDING', ref: String(i) });
  });
  const last = lastFollowUp(state.followUps);
  if (blockers.length === 0 && last && last.riskAfter !== 'low') {
    blockers.push({ code: 'FOLLOW_UP_RISK_NOT_LOW', ref: String(state.followUps.indexOf(last)) });
  }
  return blockers;
}

const notMet = (condition: StageCondition): Blocker[] => [
  { code: 'CONDITION_NOT_MET', ref: JSON.stringify(condition) },
];
const unless = (ok: boolean, blocker: Blocker): Blocker[] => (ok ? [] : [blocker]);

/** What keeps a condition from holding; empty if and only if it holds. */
export function conditionBlockers(condition: StageCondition, sop: SopDocument, state: CaseState): Blocker[] {
  if (typeof condition === 'string') {
    switch (condition) {
      case 'assigned':
        return unless(state.assigned, { code: 'NOT_ASSIGNED' });
      case 'category_confirmed':
        return unless(state.categoryConfirmed, { code: 'CATEGORY_NOT_CONFIRMED' });
      case 'procedure_open':
        return unless(
          state.procedures.some((p) => p.open),
          { code: 'NO_PROCEDURE_OPEN' },
        );
      case 'no_open_procedures':
        return state.procedures.filter((p) => p.open).map((p) => ({ code: 'PROCEDURE_OPEN', ref: p.id }));
      case 'required_referrals_answered':
        return requiredReferralBlockers(sop, state, true);
      case 'all_required_referrals_concluded':
        return requiredReferralBlockers(sop, state, false);
      case 'all_referrals_concluded':
        return state.referrals
          .filter((r) => !referralConcluded(r))
          .map((r) => ({ code: 'REFERRAL_NOT_CONCLUDED', ref: r.id }));
      case 'mandatory_tasks_done':
        return taskBlockers(sop, state, state.tasks);
      case 'resolution_recorded':
        return unless(state.resolutionRecorded, { code: 'NO_RESOLUTION' });
      case 'followups_done_and_low_risk':
        return followUpBlockers(sop, state);
      case 'closure_approved':
        return unless(state.closure.approved, { code: 'CLOSURE_NOT_APPROVED' });
    }
  }
  if ('allOf' in condition) return condition.allOf.flatMap((c) => conditionBlockers(c, sop, state));
  if ('anyOf' in condition)
    return condition.anyOf.some((c) => conditionHolds(c, sop, state)) ? [] : notMet(condition);
  if ('not' in condition) return conditionHolds(condition.not, sop, state) ? notMet(condition) : [];
  return factHolds(condition, state) ? [] : notMet(condition);
}

function factHolds(condition: StageCondition, state: CaseState): boolean {
  if (typeof condition === 'string') return false;
  if ('riskAtLeast' in condition) return riskAtLeast(state.risk, condition.riskAtLeast);
  if ('minor' in condition) return state.minor === condition.minor;
  if ('subtypeIn' in condition) return state.subtype !== null && condition.subtypeIn.includes(state.subtype);
  if ('flag' in condition) return state.flags.includes(condition.flag);
  if ('consentGiven' in condition) return consentFor(state, condition.consentGiven)?.status === 'given';
  if ('consentRefused' in condition) return consentRefused(state, condition.consentRefused);
  if ('procedure' in condition) return state.procedures.some((p) => p.kind === condition.procedure);
  if ('resolution' in condition) return state.resolutionRecorded && state.resolution === condition.resolution;
  return false;
}

/** Whether a condition holds for the case. */
export const conditionHolds = (condition: StageCondition, sop: SopDocument, state: CaseState): boolean =>
  conditionBlockers(condition, sop, state).length === 0;

/** Blockers without repeats (same code and ref), in first-seen order. */
export function dedupeBlockers(blockers: readonly Blocker[]): Blocker[] {
  const seen = new Set<string>();
  return blockers.filter((b) => {
    const key = `${b.code}\u0000${b.ref ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
