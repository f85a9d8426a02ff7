import { z } from 'zod';
import { CaseCategory, CaseSubtype, RiskLevel, subtypeFitsCategory } from '../case-vocabulary.js';
import {
  Condition,
  conditionDepth,
  conditionLeaves,
  evaluateCondition,
  type ScreeningFacts,
} from './conditions.js';
import {
  type Answers,
  answerOf,
  LocalizedText,
  type Question,
  type Questionnaire,
  questionIndex,
  ScreeningId,
} from './questionnaire.js';
import {
  ILO_INDICATORS,
  IloIndicator,
  PALERMO_ELEMENT_VALUES,
  PALERMO_ELEMENTS,
  type PalermoElement,
} from './vocabulary.js';

/** A reason code: snake_case, optionally dotted (`element.act`, `indicator.deception`). */
export const ReasonCode = z
  .string()
  .max(100)
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/);

/** What a rule decides: a category (and sub-type), or a risk level. */
export const RuleOutcome = z.union([
  z.strictObject({ category: CaseCategory, subtype: CaseSubtype.optional() }),
  z.strictObject({ risk: RiskLevel }),
]);
export type RuleOutcome = z.infer<typeof RuleOutcome>;

export const ScoringRule = z.strictObject({
  id: ScreeningId,
  when: Condition,
  outcome: RuleOutcome,
  /** Shown to the case manager as the reason (translated by code, or by `description`). */
  reason: ReasonCode,
  /** Text for the reason, so an administrator's new rule needs no code change to be explained. */
  description: LocalizedText.optional(),
});
export type ScoringRule = z.infer<typeof ScoringRule>;

/** Deepest nesting of a rule's condition; keeps evaluation cheap and rules readable. */
export const MAX_CONDITION_DEPTH = 12;

/**
 * Versioned scoring rules (see `scoreScreening` for their semantics). `indicatorEvidence`
 * fires an ILO indicator from other answers too (for example the passport held by the
 * employer fires retention of identity documents); those conditions may not refer to
 * indicators themselves.
 */
export const ScoringRules = z
  .strictObject({
    version: z.number().int().positive(),
    indicatorEvidence: z.partialRecord(IloIndicator, Condition).optional(),
    rules: z.array(ScoringRule).min(1).max(500),
  })
  .superRefine((scoring, ctx) => {
    const ids = new Set<string>();
    scoring.rules.forEach((rule, i) => {
      if (ids.has(rule.id))
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: 'duplicate rule id' });
      ids.add(rule.id);
      const { outcome } = rule;
      if (
        'category' in outcome &&
        outcome.subtype &&
        !subtypeFitsCategory(outcome.category, outcome.subtype)
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'outcome', 'subtype'],
          message: `${outcome.subtype} is not a sub-type of ${outcome.category}`,
        });
      }
      if (conditionDepth(rule.when) > MAX_CONDITION_DEPTH) {
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'when'], message: 'condition nested too deeply' });
      }
    });
    for (const [indicator, condition] of Object.entries(scoring.indicatorEvidence ?? {})) {
      if (!condition) continue;
      if (conditionDepth(condition) > MAX_CONDITION_DEPTH) {
        ctx.addIssue({
          code: 'custom',
          path: ['indicatorEvidence', indicator],
          message: 'nested too deeply',
        });
      }
      if (conditionLeaves(condition).some((leaf) => 'indicator' in leaf || 'indicatorCountAtLeast' in leaf)) {
        ctx.addIssue({
          code: 'custom',
          path: ['indicatorEvidence', indicator],
          message: 'indicator evidence may not refer to indicators',
        });
      }
    }
  });
export type ScoringRules = z.infer<typeof ScoringRules>;

export const ScreeningContext = z.strictObject({
  /** Age in whole years at screening (from the date of birth or the estimate); null if unknown. */
  ageYears: z.number().min(0).max(150).nullable().optional(),
});
export type ScreeningContext = z.infer<typeof ScreeningContext>;

export const ScreeningReason = z.object({ code: ReasonCode, questionIds: z.array(z.string()) });
export type ScreeningReason = z.infer<typeof ScreeningReason>;

export const ScreeningSuggestion = z.object({
  category: CaseCategory.nullable(),
  subtype: CaseSubtype.nullable(),
  risk: RiskLevel,
  elements: z.object({ act: z.boolean(), means: z.boolean(), purpose: z.boolean() }),
  /** False for a person under 18: the means element is not required for a child. */
  meansRequired: z.boolean(),
  indicators: z.array(IloIndicator),
  reasons: z.array(ScreeningReason),
});
export type ScreeningSuggestion = z.infer<typeof ScreeningSuggestion>;

/** Risk levels from lowest to highest. */
export const RISK_ASCENDING: readonly RiskLevel[] = ['low', 'medium', 'high', 'urgent'];
export const riskRank = (risk: RiskLevel): number => RISK_ASCENDING.indexOf(risk);

/** Under 18 by the context's age; an unknown age is not presumed to be a minor here. */
export function isMinor(context: ScreeningContext): boolean {
  const age = context.ageYears;
  return typeof age === 'number' && Number.isFinite(age) && age < 18;
}

/** Whether the answer to an element-tagged question is evidence of its element. */
function isElementEvidence(question: Question, element: PalermoElement, answer: unknown): boolean {
  if (question.kind === 'yes_no_unknown') return answer === 'yes';
  const vocabulary = PALERMO_ELEMENT_VALUES[element];
  if (typeof answer === 'string') return vocabulary.includes(answer);
  return Array.isArray(answer) && answer.some((v) => typeof v === 'string' && vocabulary.includes(v));
}

/** The facts the rules are evaluated against: element evidence and fired indicators. */
export function screeningFacts(
  questionnaire: Questionnaire,
  rules: ScoringRules,
  answers: Answers,
  context: ScreeningContext = {},
): ScreeningFacts {
  const elements: Record<PalermoElement, string[]> = { act: [], means: [], purpose: [] };
  const evidence = new Map<IloIndicator, string[]>();
  const addEvidence = (indicator: IloIndicator, ids: readonly string[]) =>
    evidence.set(indicator, [...new Set([...(evidence.get(indicator) ?? []), ...ids])]);
  for (const question of questionIndex(questionnaire).values()) {
    const answer = answerOf(answers, question.id);
    if (question.element && isElementEvidence(question, question.element, answer)) {
      elements[question.element].push(question.id);
    }
    if (question.indicator && answer === 'yes') addEvidence(question.indicator, [question.id]);
  }
  const minor = isMinor(context);
  const base: ScreeningFacts = { answers, minor, elements, indicators: new Map() };
  for (const indicator of ILO_INDICATORS) {
    const condition = rules.indicatorEvidence?.[indicator];
    const result = condition ? evaluateCondition(condition, base) : undefined;
    if (result?.holds) addEvidence(indicator, result.questionIds);
  }
  const indicators = new Map<IloIndicator, string[]>();
  for (const indicator of ILO_INDICATORS) {
    const ids = evidence.get(indicator);
    if (ids) indicators.set(indicator, ids);
  }
  return { answers, minor, elements, indicators };
}

/**
 * Suggests a category, sub-type and risk level from the answers. Pure and deterministic.
 *
 * - Element evidence: a question tagged with a Palermo element answered 'yes' (yes/no), or
 *   with one of the element's values selected (choice). Indicators fire on 'yes' to a
 *   question tagged with the indicator, or when the rules' `indicatorEvidence` holds.
 * - Category: the first rule, in order, that sets a category and whose condition holds
 *   (null if none does: the case manager decides).
 * - Risk: the highest level among all rules that set a risk and hold; `low` if none does.
 * - Reasons: the deciding category rule, then every risk rule that held (rule order), then
 *   `element.<element>` and `indicator.<indicator>` for the evidence found; each with the
 *   questions whose answers made it hold.
 *
 * Answers are expected to have passed `validateAnswers`; anything else is still scored
 * without throwing, an answer of the wrong type counting as no answer.
 */
export function scoreScreening(
  questionnaire: Questionnaire,
  rules: ScoringRules,
  answers: Answers,
  context: ScreeningContext = {},
): ScreeningSuggestion {
  const facts = screeningFacts(questionnaire, rules, answers, context);
  let category: CaseCategory | null = null;
  let subtype: CaseSubtype | null = null;
  let risk: RiskLevel = 'low';
  const categoryReasons: ScreeningReason[] = [];
  const riskReasons: ScreeningReason[] = [];
  for (const rule of rules.rules) {
    const { outcome } = rule;
    if ('category' in outcome && category !== null) continue;
    const result = evaluateCondition(rule.when, facts);
    if (!result.holds) continue;
    const reason = { code: rule.reason, questionIds: result.questionIds };
    if ('category' in outcome) {
      category = outcome.category;
      subtype = outcome.subtype ?? null;
      categoryReasons.push(reason);
    } else {
      if (riskRank(outcome.risk) > riskRank(risk)) risk = outcome.risk;
      riskReasons.push(reason);
    }
  }
  const evidenceReasons: ScreeningReason[] = [
    ...PALERMO_ELEMENTS.filter((e) => facts.elements[e].length > 0).map((e) => ({
      code: `element.${e}`,
      questionIds: [...facts.elements[e]],
    })),
    ...[...facts.indicators].map(([indicator, ids]) => ({
      code: `indicator.${indicator}`,
      questionIds: [...ids],
    })),
  ];
  return {
    category,
    subtype,
    risk,
    elements: {
      act: facts.elements.act.length > 0,
      means: facts.elements.means.length > 0,
      purpose: facts.elements.purpose.length > 0,
    },
    meansRequired: !facts.minor,
    indicators: [...facts.indicators.keys()],
    reasons: [...categoryReasons, ...riskReasons, ...evidenceReasons],
  };
}
