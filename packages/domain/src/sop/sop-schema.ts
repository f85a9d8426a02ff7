import { z } from 'zod';
import { CaseCategory, CaseSubtype, RiskLevel, subtypeFitsCategory } from '../case-vocabulary.js';
import { OrganisationKind, Role } from '../roles.js';
import { LocalizedText } from '../screening/questionnaire.js';
import {
  ConsentRef,
  conditionAtoms,
  conditionSubtypes,
  SELF_REFERENTIAL_ATOMS,
  StageCondition,
} from './conditions.js';
import {
  DeadlineTrigger,
  DeadlineUnit,
  LifecycleStage,
  lifecycleRank,
  ReferralPurpose,
  SopId,
  SopKey,
} from './vocabulary.js';

/** Longest duration an SOP may state: a year of business days, or of hours. */
const MAX_AMOUNT = { business_days: 260, hours: 24 * 366 } as const;

/** A plain duration in business days or elapsed hours (see `addDuration`). */
export const RiskDuration = z.strictObject({
  amount: z.number().int().positive(),
  unit: DeadlineUnit,
});
export type RiskDuration = z.infer<typeof RiskDuration>;

/**
 * Deadlines that differ by the case's risk level: an urgent police referral is acknowledged in
 * hours, a low-risk one in business days. A level not listed takes the general `amount`/`unit`.
 */
const ByRisk = z.partialRecord(RiskLevel, RiskDuration).optional();

/** A duration in business days or elapsed hours, optionally per risk level (`durationForRisk`). */
export const SopDuration = z.strictObject({
  amount: z.number().int().positive(),
  unit: DeadlineUnit,
  byRisk: ByRisk,
});
export type SopDuration = z.infer<typeof SopDuration>;

/** When a task is due: a duration from its trigger; `referral` names the SOP referral of a `referral_*` trigger. */
export const TaskDeadline = z.strictObject({
  amount: z.number().int().positive(),
  unit: DeadlineUnit,
  byRisk: ByRisk,
  from: DeadlineTrigger,
  referral: SopKey.optional(),
});
export type TaskDeadline = z.infer<typeof TaskDeadline>;

/** The duration that applies to a case at this risk level: its own entry in `byRisk`, else the general one. */
export function durationForRisk(d: SopDuration | TaskDeadline, risk: RiskLevel | undefined): RiskDuration {
  const own = risk ? d.byRisk?.[risk] : undefined;
  return own ?? { amount: d.amount, unit: d.unit };
}

/** Hours a duration lasts at most, to compare durations without a calendar (a business day may span a weekend: 4 days). */
const longestHours = (d: RiskDuration): number => (d.unit === 'hours' ? d.amount : d.amount * 24 * 4);
/** Hours a duration lasts at least (a business day lasts at least a day). */
const shortestHours = (d: RiskDuration): number => (d.unit === 'hours' ? d.amount : d.amount * 24);

/** Who owns a task: any organisation of a kind, or any user holding a role (at the coordinator). */
export const TaskOwner = z.union([
  z.strictObject({ organisationKind: OrganisationKind }),
  z.strictObject({ role: Role }),
]);
export type TaskOwner = z.infer<typeof TaskOwner>;

export const SopTask = z.strictObject({
  id: SopKey,
  title: LocalizedText,
  owner: TaskOwner,
  /** Absent where the pace is set outside the NRM (a court's hearing dates): no due date. */
  deadline: TaskDeadline.optional(),
  mandatory: z.boolean(),
  /** The task is mandatory also when this holds (re-evaluated as the case changes). */
  mandatoryWhen: StageCondition.optional(),
  /** Not mandatory while this consent is refused or withdrawn (the refusal is the record). */
  mandatoryUnless: z.strictObject({ consentRefused: ConsentRef }).optional(),
  /** The task is only created when this holds as its trigger happens. */
  createWhen: StageCondition.optional(),
  /** A cancelled instance no longer blocks closure (otherwise a cancelled mandatory task does). */
  cancellable: z.boolean().optional(),
  /** What completes the task. */
  evidence: LocalizedText.optional(),
  /** The referral of this SOP whose sending (or acceptance) completes the task by itself. */
  doneBy: z.strictObject({ referral: SopKey, on: z.enum(['sent', 'accepted']) }).optional(),
});
export type SopTask = z.infer<typeof SopTask>;

export const SopReferral = z.strictObject({
  id: SopKey,
  organisationKind: OrganisationKind,
  purpose: ReferralPurpose,
  title: LocalizedText.optional(),
  required: z.boolean(),
  /** Also required when this holds. */
  requiredWhen: StageCondition.optional(),
  /** Not required while this consent is refused or withdrawn. */
  requiredUnless: z.strictObject({ consentRefused: ConsentRef }).optional(),
  /** From the referral being sent. */
  acknowledgeWithin: SopDuration.optional(),
  /** From the referral being accepted. */
  completeWithin: SopDuration.optional(),
});
export type SopReferral = z.infer<typeof SopReferral>;

export const SopStage = z.strictObject({
  id: LifecycleStage,
  title: LocalizedText,
  canSkip: z.boolean().optional(),
  /** A skippable stage may only be skipped while this holds. */
  skipWhen: StageCondition.optional(),
  enterWhen: StageCondition.optional(),
  leaveWhen: StageCondition.optional(),
  tasks: z.array(SopTask).max(100),
  referrals: z.array(SopReferral).max(50),
});
export type SopStage = z.infer<typeof SopStage>;

export const SopFollowUp = z.strictObject({
  after: z.strictObject({ amount: z.number().int().positive().max(120), unit: z.enum(['days', 'months']) }),
  note: LocalizedText.optional(),
});
export type SopFollowUp = z.infer<typeof SopFollowUp>;

/** Days a follow-up delay stands for, to compare delays (a month counts 30 days here). */
export const followUpDays = (f: SopFollowUp): number => f.after.amount * (f.after.unit === 'months' ? 30 : 1);

const SopDocumentShape = z.strictObject({
  id: SopId,
  version: z.number().int().positive(),
  category: CaseCategory,
  /** Distinguishes documents of one category: `adult`, `child`, a sub-type family. */
  variant: SopKey.optional(),
  /** Which cases of the category this document is for; absent: all of them. */
  appliesWhen: z
    .strictObject({ minor: z.boolean().optional(), subtypes: z.array(CaseSubtype).min(1).optional() })
    .optional(),
  title: LocalizedText,
  description: LocalizedText.optional(),
  stages: z.array(SopStage).min(2).max(LifecycleStage.options.length),
  followUps: z.array(SopFollowUp).max(20),
});

type Ctx = z.core.$RefinementCtx<z.infer<typeof SopDocumentShape>>;
const issue = (ctx: Ctx, path: (string | number)[], message: string) =>
  ctx.addIssue({ code: 'custom', path, message });

/**
 * One SOP, as versioned configuration (issue #4 "SOPs as versioned data"). Beyond the shape:
 * stages follow the lifecycle order, start at `received` and end at `closed`; ids are unique;
 * a referral trigger names a referral of the document; sub-types fit the category; follow-ups
 * come in increasing order.
 */
export const SopDocument = SopDocumentShape.superRefine((sop, ctx) => {
  checkStages(sop, ctx);
  checkIds(sop, ctx);
  checkConditions(sop, ctx);
  let previous = 0;
  sop.followUps.forEach((followUp, i) => {
    const days = followUpDays(followUp);
    if (days <= previous) issue(ctx, ['followUps', i], 'follow-ups must come later and later');
    previous = days;
  });
});
export type SopDocument = z.infer<typeof SopDocument>;

function checkStages(sop: z.infer<typeof SopDocumentShape>, ctx: Ctx): void {
  const stages = sop.stages;
  if (stages[0]?.id !== 'received') issue(ctx, ['stages', 0, 'id'], 'the first stage must be received');
  const last = stages.length - 1;
  if (stages[last]?.id !== 'closed') issue(ctx, ['stages', last, 'id'], 'the last stage must be closed');
  stages.forEach((stage, i) => {
    const before = stages[i - 1];
    if (before && lifecycleRank(stage.id) <= lifecycleRank(before.id)) {
      issue(ctx, ['stages', i, 'id'], `stage ${stage.id} out of lifecycle order (after ${before.id})`);
    }
    if (stage.canSkip && (i === 0 || i >= last - 1)) {
      issue(
        ctx,
        ['stages', i, 'canSkip'],
        'the first stage, the last stage and the one before it cannot be skipped',
      );
    }
    if (stage.skipWhen && !stage.canSkip) issue(ctx, ['stages', i, 'skipWhen'], 'skipWhen needs canSkip');
    if (stage.id === 'closed' && (stage.tasks.length > 0 || stage.referrals.length > 0)) {
      issue(ctx, ['stages', i], 'the closed stage has no tasks or referrals');
    }
  });
}

function checkIds(sop: z.infer<typeof SopDocumentShape>, ctx: Ctx): void {
  const taskIds = new Set<string>();
  const referralIds = new Set<string>();
  const recipients = new Set<string>();
  sop.stages.forEach((stage, s) => {
    stage.referrals.forEach((referral, r) => {
      if (referralIds.has(referral.id))
        issue(ctx, ['stages', s, 'referrals', r, 'id'], 'duplicate referral id');
      referralIds.add(referral.id);
      const key = `${referral.organisationKind}/${referral.purpose}`;
      if (recipients.has(key)) {
        issue(ctx, ['stages', s, 'referrals', r], `a referral to ${key} is already listed`);
      }
      recipients.add(key);
      for (const field of ['acknowledgeWithin', 'completeWithin'] as const) {
        const d = referral[field];
        if (d) checkDuration(ctx, ['stages', s, 'referrals', r, field], d);
      }
    });
  });
  sop.stages.forEach((stage, s) => {
    stage.tasks.forEach((task, t) => {
      const path = ['stages', s, 'tasks', t];
      if (taskIds.has(task.id)) issue(ctx, [...path, 'id'], 'duplicate task id');
      taskIds.add(task.id);
      if (task.doneBy && !referralIds.has(task.doneBy.referral))
        issue(ctx, [...path, 'doneBy', 'referral'], `unknown referral ${task.doneBy.referral}`);
      const deadline = task.deadline;
      if (!deadline) return;
      checkDuration(ctx, [...path, 'deadline'], deadline);
      const needsReferral = deadline.from === 'referral_sent' || deadline.from === 'referral_accepted';
      if (needsReferral && !deadline.referral) {
        issue(ctx, [...path, 'deadline', 'referral'], 'name the referral that starts the clock');
      } else if (needsReferral && deadline.referral && !referralIds.has(deadline.referral)) {
        issue(ctx, [...path, 'deadline', 'referral'], `unknown referral ${deadline.referral}`);
      } else if (!needsReferral && deadline.referral) {
        issue(ctx, [...path, 'deadline', 'referral'], `no referral for a ${deadline.from} deadline`);
      }
    });
  });
}

/**
 * A duration's amounts stay within a year, and a risk level's own deadline is never clearly
 * longer than the one for every level (more risk, less time): hours against business days are
 * compared generously, a business day counting up to four days.
 */
function checkDuration(ctx: Ctx, path: (string | number)[], d: SopDuration | TaskDeadline): void {
  if (d.amount > MAX_AMOUNT[d.unit]) issue(ctx, [...path, 'amount'], 'too long');
  for (const [risk, own] of Object.entries(d.byRisk ?? {})) {
    if (!own) continue;
    if (own.amount > MAX_AMOUNT[own.unit]) issue(ctx, [...path, 'byRisk', risk, 'amount'], 'too long');
    else if (shortestHours(own) > longestHours(d)) {
      issue(ctx, [...path, 'byRisk', risk], 'longer than the deadline for every risk level');
    }
  }
}

function checkConditions(sop: z.infer<typeof SopDocumentShape>, ctx: Ctx): void {
  sop.appliesWhen?.subtypes?.forEach((subtype, i) => {
    if (!subtypeFitsCategory(sop.category, subtype)) {
      issue(ctx, ['appliesWhen', 'subtypes', i], `${subtype} is not a sub-type of ${sop.category}`);
    }
  });
  sop.stages.forEach((stage, s) => {
    const conditions: [(string | number)[], StageCondition | undefined][] = [
      [['skipWhen'], stage.skipWhen],
      [['enterWhen'], stage.enterWhen],
      [['leaveWhen'], stage.leaveWhen],
      ...stage.tasks.flatMap((t, i): [(string | number)[], StageCondition | undefined][] => [
        [['tasks', i, 'mandatoryWhen'], t.mandatoryWhen],
        [['tasks', i, 'createWhen'], t.createWhen],
      ]),
      ...stage.referrals.map((r, i): [(string | number)[], StageCondition | undefined] => [
        ['referrals', i, 'requiredWhen'],
        r.requiredWhen,
      ]),
    ];
    for (const [path, condition] of conditions) {
      const own = path[0] === 'tasks' || path[0] === 'referrals';
      for (const atom of own && condition ? conditionAtoms(condition) : []) {
        if (SELF_REFERENTIAL_ATOMS.includes(atom)) {
          issue(ctx, ['stages', s, ...path], `${atom} cannot decide a task or referral (circular)`);
        }
      }
      for (const subtype of condition ? conditionSubtypes(condition) : []) {
        if (!subtypeFitsCategory(sop.category, subtype)) {
          issue(ctx, ['stages', s, ...path], `${subtype} is not a sub-type of ${sop.category}`);
        }
      }
    }
  });
}
