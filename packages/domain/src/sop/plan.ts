import type { RiskLevel } from '../case-vocabulary.js';
import type { LocalizedText } from '../screening/questionnaire.js';
import {
  addCalendarPeriod,
  addDuration,
  type BusinessCalendar,
  DEFAULT_BUSINESS_CALENDAR,
  type InstantInput,
  instantToDate,
  rollToBusinessDay,
} from './calendar.js';
import { conditionHolds, sopReferralFor, sopTaskMandatory } from './evaluate.js';
import {
  durationForRisk,
  type SopDocument,
  type SopReferral,
  type SopTask,
  type TaskOwner,
} from './sop-schema.js';
import type { CaseFacts, CaseReferral, CaseState } from './state.js';
import type { LifecycleStage } from './vocabulary.js';

/**
 * The SOP for a case: same category, `appliesWhen` matching (minor, sub-type), the most
 * specific match first (a child variant beats a document for all cases), then the highest
 * version of that document. Undefined when none applies.
 */
export function selectSop(sops: readonly SopDocument[], facts: CaseFacts): SopDocument | undefined {
  const specificity = (sop: SopDocument): number =>
    (sop.appliesWhen?.minor === undefined ? 0 : 1) + (sop.appliesWhen?.subtypes === undefined ? 0 : 1);
  const fits = sops.filter((sop) => {
    if (sop.category !== facts.category) return false;
    const when = sop.appliesWhen;
    if (when?.minor !== undefined && when.minor !== facts.minor) return false;
    if (when?.subtypes && (!facts.subtype || !when.subtypes.includes(facts.subtype))) return false;
    return true;
  });
  let best: SopDocument | undefined;
  for (const sop of fits) {
    if (!best) best = sop;
    else if (specificity(sop) !== specificity(best)) best = specificity(sop) > specificity(best) ? sop : best;
    else if (sop.id === best.id && sop.version > best.version) best = sop;
  }
  return best;
}

/** A task to create, with its due date (ISO UTC) when the SOP gives it a deadline. */
export interface PlannedTask {
  sopTaskId: string;
  stage: LifecycleStage;
  title: LocalizedText;
  owner: TaskOwner;
  mandatory: boolean;
  dueAt?: string;
  evidence?: LocalizedText;
}

function plan(
  sop: SopDocument,
  stage: LifecycleStage,
  task: SopTask,
  trigger: InstantInput,
  calendar: BusinessCalendar,
  state: CaseState | undefined,
): PlannedTask {
  const planned: PlannedTask = {
    sopTaskId: task.id,
    stage,
    title: task.title,
    owner: task.owner,
    mandatory: state ? sopTaskMandatory(sop, state, task) : task.mandatory,
  };
  if (task.deadline) {
    const duration = durationForRisk(task.deadline, state?.risk);
    planned.dueAt = addDuration(trigger, duration, calendar).toISOString();
  }
  if (task.evidence) planned.evidence = task.evidence;
  return planned;
}

/**
 * The tasks to create when a case enters a stage at `enteredAt`: the stage's tasks whose clock
 * starts with the stage (`stage_entered`) or with the case (`case_received`, from
 * `state.receivedAt`, else `enteredAt`). Tasks started by a referral come from
 * `tasksForReferral`. With a `state`, `createWhen` filters the tasks and `mandatory` follows
 * the case (`mandatoryWhen`, `mandatoryUnless`); without one, every task is listed as written.
 */
export function tasksForStage(
  sop: SopDocument,
  stage: LifecycleStage,
  enteredAt: InstantInput,
  calendar: BusinessCalendar,
  state?: CaseState,
): PlannedTask[] {
  const sopStage = sop.stages.find((s) => s.id === stage);
  if (!sopStage) return [];
  return sopStage.tasks
    .filter((task) => {
      const from = task.deadline?.from ?? 'stage_entered';
      if (from !== 'stage_entered' && from !== 'case_received') return false;
      return !state || !task.createWhen || conditionHolds(task.createWhen, sop, state);
    })
    .map((task) => {
      const trigger = task.deadline?.from === 'case_received' ? (state?.receivedAt ?? enteredAt) : enteredAt;
      return plan(sop, stage, task, trigger, calendar, state);
    });
}

/** The tasks a referral starts when it is sent or accepted (deadline `referral_sent` / `referral_accepted`). */
export function tasksForReferral(
  sop: SopDocument,
  referral: Pick<CaseReferral, 'organisationKind' | 'purpose' | 'embassyOfNationality'>,
  event: 'referral_sent' | 'referral_accepted',
  at: InstantInput,
  calendar: BusinessCalendar,
  state?: CaseState,
): PlannedTask[] {
  const sopReferral = sopReferralFor(sop, referral);
  if (!sopReferral) return [];
  return sop.stages.flatMap((stage) =>
    stage.tasks
      .filter((task) => task.deadline?.from === event && task.deadline.referral === sopReferral.id)
      .filter((task) => !state || !task.createWhen || conditionHolds(task.createWhen, sop, state))
      .map((task) => plan(sop, stage.id, task, at, calendar, state)),
  );
}

/**
 * When the follow-up contacts fall due after a resolution (ISO UTC, in order): calendar days
 * or months after `resolvedAt`, moved to the next working day when they fall on a day off.
 */
export function followUpSchedule(
  sop: SopDocument,
  resolvedAt: InstantInput,
  calendar: BusinessCalendar = DEFAULT_BUSINESS_CALENDAR,
): string[] {
  const start = instantToDate(resolvedAt);
  return sop.followUps.map((f) =>
    rollToBusinessDay(
      addCalendarPeriod(start, f.after.amount, f.after.unit, calendar),
      calendar,
    ).toISOString(),
  );
}

/**
 * A referral's deadline before the case has an SOP (an urgent case referred before screening:
 * the category, so the SOP, is not known yet): the earliest that any of `sops` sets for this
 * recipient at this risk level, to acknowledge from sending or to complete from acceptance.
 * Undefined when none names it (the installation's default then applies). The SOP, once
 * chosen, keeps the deadline given here.
 */
export function referralDeadlineBeforeSop(
  sops: readonly SopDocument[],
  referral: Pick<CaseReferral, 'organisationKind' | 'purpose' | 'embassyOfNationality'>,
  field: 'acknowledgeWithin' | 'completeWithin',
  risk: RiskLevel,
  at: InstantInput,
  calendar: BusinessCalendar,
): Date | undefined {
  let earliest: Date | undefined;
  for (const sop of sops) {
    const within = sopReferralFor(sop, referral)?.[field];
    if (!within) continue;
    const due = addDuration(at, durationForRisk(within, risk), calendar);
    if (!earliest || due < earliest) earliest = due;
  }
  return earliest;
}

/** The deadline of an SOP referral's step at a risk level (`acknowledgeWithin`, `completeWithin`). */
export function referralDeadline(
  sopReferral: SopReferral | undefined,
  field: 'acknowledgeWithin' | 'completeWithin',
  risk: RiskLevel,
  at: InstantInput,
  calendar: BusinessCalendar,
): string | undefined {
  const within = sopReferral?.[field];
  return within ? addDuration(at, durationForRisk(within, risk), calendar).toISOString() : undefined;
}

/** A new case's state at `received`, with the received stage's tasks created. */
export function startCase(
  sop: SopDocument,
  facts: CaseFacts & { risk: RiskLevel },
  receivedAt: InstantInput,
  calendar: BusinessCalendar,
): CaseState {
  const state: CaseState = {
    stage: 'received',
    receivedAt: instantToDate(receivedAt).toISOString(),
    category: facts.category,
    subtype: facts.subtype ?? null,
    minor: facts.minor,
    risk: facts.risk,
    flags: [...(facts.flags ?? [])],
    assigned: false,
    categoryConfirmed: false,
    consents: [],
    tasks: [],
    referrals: [],
    procedures: [],
    resolutionRecorded: false,
    followUps: [],
    closure: { requested: false, approved: false },
    skippedStages: [],
  };
  const tasks = tasksForStage(sop, 'received', receivedAt, calendar, state).map((t) => ({
    id: t.sopTaskId,
    sopTaskId: t.sopTaskId,
    mandatory: t.mandatory,
    status: 'open' as const,
    ...(t.dueAt ? { dueAt: t.dueAt } : {}),
  }));
  return { ...state, tasks };
}

/** What is past its deadline at `now`: open tasks, referrals not acknowledged or not completed, follow-ups not done. */
export interface Overdue {
  tasks: string[];
  referrals: { id: string; deadline: 'acknowledge' | 'complete' }[];
  followUps: number[];
}

export function overdue(state: CaseState, now: InstantInput): Overdue {
  const at = instantToDate(now).getTime();
  const past = (due: string | undefined) => due !== undefined && Date.parse(due) < at;
  const result: Overdue = { tasks: [], referrals: [], followUps: [] };
  if (state.stage === 'closed') return result;
  for (const task of state.tasks) if (task.status === 'open' && past(task.dueAt)) result.tasks.push(task.id);
  for (const r of state.referrals) {
    if (r.status === 'sent' && past(r.acknowledgeBy))
      result.referrals.push({ id: r.id, deadline: 'acknowledge' });
    else if ((r.status === 'accepted' || r.status === 'in_progress') && past(r.completeBy)) {
      result.referrals.push({ id: r.id, deadline: 'complete' });
    }
  }
  state.followUps.forEach((f, i) => {
    if (!f.done && past(f.dueAt)) result.followUps.push(i);
  });
  return result;
}
