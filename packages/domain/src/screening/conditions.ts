import { z } from 'zod';
import { type Answers, answerOf, ScreeningId } from './questionnaire.js';
import { IloIndicator, PalermoElement } from './vocabulary.js';

/**
 * The condition language of scoring rules: JSON data an administrator can edit.
 *
 * Answers (an unanswered, null or mistyped answer never satisfies these):
 * - `{ answer, is }`: the answer equals the value ('yes' | 'no' | 'unknown', an option, a text).
 * - `{ answer, includes }`: a multi-choice answer contains the value, or a single choice equals it.
 * - `{ answer, includesAny }`: as `includes`, for any one of the values.
 * - `{ answer, answered }`: the question has (true) or has not (false) a non-empty answer.
 * - `{ answer, atLeast }` / `{ answer, atMost }`: a number answer is >= / <= the bound.
 * - `{ answer, lessThanAnswer }`: both are numbers and the first is smaller (wage paid < promised).
 *
 * Derived facts:
 * - `{ element, present }`: whether the Palermo element has evidence (see `scoreScreening`).
 * - `{ indicator }`: the ILO indicator fired.
 * - `{ indicatorCountAtLeast, among? }`: at least n indicators fired (of `among`, or of all 11).
 * - `{ minor }`: whether the person is under 18 (from the screening context).
 *
 * Logic: `{ allOf: [...] }`, `{ anyOf: [...] }`, `{ not: ... }`.
 */
export type Condition =
  | { answer: string; is: string }
  | { answer: string; includes: string }
  | { answer: string; includesAny: string[] }
  | { answer: string; answered: boolean }
  | { answer: string; atLeast: number }
  | { answer: string; atMost: number }
  | { answer: string; lessThanAnswer: string }
  | { element: PalermoElement; present: boolean }
  | { indicator: IloIndicator }
  | { indicatorCountAtLeast: number; among?: IloIndicator[] }
  | { minor: boolean }
  | { allOf: Condition[] }
  | { anyOf: Condition[] }
  | { not: Condition };

const value = z.string().min(1).max(200);
const bound = z.number().refine(Number.isFinite, 'must be finite');

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ answer: ScreeningId, is: value }),
    z.strictObject({ answer: ScreeningId, includes: value }),
    z.strictObject({ answer: ScreeningId, includesAny: z.array(value).min(1).max(100) }),
    z.strictObject({ answer: ScreeningId, answered: z.boolean() }),
    z.strictObject({ answer: ScreeningId, atLeast: bound }),
    z.strictObject({ answer: ScreeningId, atMost: bound }),
    z.strictObject({ answer: ScreeningId, lessThanAnswer: ScreeningId }),
    z.strictObject({ element: PalermoElement, present: z.boolean() }),
    z.strictObject({ indicator: IloIndicator }),
    z.strictObject({
      indicatorCountAtLeast: z.number().int().min(1).max(11),
      among: z.array(IloIndicator).min(1).max(11).optional(),
    }),
    z.strictObject({ minor: z.boolean() }),
    z.strictObject({ allOf: z.array(Condition).min(1).max(50) }),
    z.strictObject({ anyOf: z.array(Condition).min(1).max(50) }),
    z.strictObject({ not: Condition }),
  ]),
);

/** What conditions are evaluated against; evidence lists are question ids (empty: absent). */
export interface ScreeningFacts {
  answers: Answers;
  minor: boolean;
  elements: Readonly<Record<PalermoElement, readonly string[]>>;
  /** Fired indicators only, with the questions that fired them. */
  indicators: ReadonlyMap<IloIndicator, readonly string[]>;
}

/** Whether a condition holds, and the questions whose answers made it hold (for "why"). */
export interface Evaluation {
  holds: boolean;
  questionIds: string[];
}

const NO: Evaluation = { holds: false, questionIds: [] };
const yes = (...questionIds: string[]): Evaluation => ({ holds: true, questionIds });
const test = (holds: boolean, ...questionIds: string[]): Evaluation => (holds ? yes(...questionIds) : NO);

const unique = (ids: readonly string[]): string[] => [...new Set(ids)];

function hasValue(answer: unknown, wanted: string): boolean {
  return answer === wanted || (Array.isArray(answer) && answer.includes(wanted));
}

const numberOf = (answer: unknown): number | undefined =>
  typeof answer === 'number' && Number.isFinite(answer) ? answer : undefined;

function isAnswered(answer: unknown): boolean {
  if (answer === undefined || answer === null) return false;
  if (typeof answer === 'string') return answer.trim() !== '';
  return !Array.isArray(answer) || answer.length > 0;
}

/** Evaluates a condition. Pure and total: any `Answers` (valid or not) is evaluated without throwing. */
export function evaluateCondition(condition: Condition, facts: ScreeningFacts): Evaluation {
  if ('answer' in condition) {
    const id = condition.answer;
    const answer = answerOf(facts.answers, id);
    if ('is' in condition) return test(answer === condition.is, id);
    if ('includes' in condition) return test(hasValue(answer, condition.includes), id);
    if ('includesAny' in condition)
      return test(
        condition.includesAny.some((v) => hasValue(answer, v)),
        id,
      );
    if ('answered' in condition) {
      return condition.answered ? test(isAnswered(answer), id) : test(!isAnswered(answer));
    }
    const n = numberOf(answer);
    if (n === undefined) return NO;
    if ('atLeast' in condition) return test(n >= condition.atLeast, id);
    if ('atMost' in condition) return test(n <= condition.atMost, id);
    const other = numberOf(answerOf(facts.answers, condition.lessThanAnswer));
    return test(other !== undefined && n < other, id, condition.lessThanAnswer);
  }
  if ('element' in condition) {
    const evidence = facts.elements[condition.element];
    return condition.present ? test(evidence.length > 0, ...evidence) : test(evidence.length === 0);
  }
  if ('indicator' in condition) {
    const evidence = facts.indicators.get(condition.indicator);
    return evidence ? yes(...evidence) : NO;
  }
  if ('indicatorCountAtLeast' in condition) {
    const among = condition.among ? new Set(condition.among) : undefined;
    const fired = [...facts.indicators].filter(([indicator]) => !among || among.has(indicator));
    return test(fired.length >= condition.indicatorCountAtLeast, ...unique(fired.flatMap(([, ids]) => ids)));
  }
  if ('minor' in condition) return test(facts.minor === condition.minor);
  if ('allOf' in condition) {
    const ids: string[] = [];
    for (const child of condition.allOf) {
      const result = evaluateCondition(child, facts);
      if (!result.holds) return NO;
      ids.push(...result.questionIds);
    }
    return yes(...unique(ids));
  }
  if ('anyOf' in condition) {
    // Every true branch is evaluated, so the reasons name all the answers that support it.
    const held = condition.anyOf.map((child) => evaluateCondition(child, facts)).filter((r) => r.holds);
    return held.length > 0 ? yes(...unique(held.flatMap((r) => r.questionIds))) : NO;
  }
  // A negation holds because something is absent: no answer to point at.
  return test(!evaluateCondition(condition.not, facts).holds);
}

/** Nesting depth of a condition (a leaf is 1). */
export function conditionDepth(condition: Condition): number {
  if ('allOf' in condition) return 1 + Math.max(...condition.allOf.map(conditionDepth));
  if ('anyOf' in condition) return 1 + Math.max(...condition.anyOf.map(conditionDepth));
  if ('not' in condition) return 1 + conditionDepth(condition.not);
  return 1;
}

/** Every leaf of a condition, depth first. */
export function conditionLeaves(condition: Condition): Condition[] {
  if ('allOf' in condition) return condition.allOf.flatMap(conditionLeaves);
  if ('anyOf' in condition) return condition.anyOf.flatMap(conditionLeaves);
  if ('not' in condition) return conditionLeaves(condition.not);
  return [condition];
}
