import { type Condition, conditionLeaves, evaluateCondition } from './conditions.js';
import { type Question, type Questionnaire, questionIndex, YesNoUnknown } from './questionnaire.js';
import type { ScoringRules } from './scoring.js';

export interface ScoringRulesProblem {
  /** Where: `rules.<rule id>` or `indicatorEvidence.<indicator>`. */
  where: string;
  message: string;
}

type AnswerLeaf = Extract<Condition, { answer: string }>;

/** Problems of one answer condition against the question it names. */
function answerProblems(leaf: AnswerLeaf, questions: ReadonlyMap<string, Question>): string[] {
  const question = questions.get(leaf.answer);
  if (!question) return [`unknown question ${leaf.answer}`];
  const { kind, id } = question;
  const misfit = (operator: string) => [`${operator} does not apply to ${kind} question ${id}`];
  const allowed = new Set<string>(
    kind === 'yes_no_unknown' ? YesNoUnknown.options : (question.options?.map((o) => o.value) ?? []),
  );
  const notAnswers = (values: readonly string[]) =>
    values.filter((v) => !allowed.has(v)).map((v) => `${v} is not an answer to ${id}`);
  const choice = kind === 'single_choice' || kind === 'multi_choice';
  if ('is' in leaf) {
    if (kind === 'multi_choice' || kind === 'number') return misfit('is');
    return kind === 'text' ? [] : notAnswers([leaf.is]);
  }
  if ('includes' in leaf) return choice ? notAnswers([leaf.includes]) : misfit('includes');
  if ('includesAny' in leaf) return choice ? notAnswers(leaf.includesAny) : misfit('includesAny');
  if ('answered' in leaf) return [];
  if ('lessThanAnswer' in leaf) {
    if (kind !== 'number') return misfit('lessThanAnswer');
    const other = questions.get(leaf.lessThanAnswer);
    return other?.kind === 'number'
      ? []
      : [`lessThanAnswer needs a number question, not ${leaf.lessThanAnswer}`];
  }
  return kind === 'number' ? [] : misfit('atLeast' in leaf ? 'atLeast' : 'atMost');
}

/**
 * Monotonicity: setting an indicator question to 'yes' must never make a risk rule (or an
 * indicator's evidence) stop holding. Walks the condition with its polarity (flipped under
 * `not`) and requires each leaf that can change when an indicator question becomes 'yes' to
 * move the same way as its polarity: fired indicators and element evidence only grow then, and
 * an answer leaf on an indicator question must hold (positive) or fail (negative) for 'yes'.
 */
function monotonicProblems(
  condition: Condition,
  positive: boolean,
  indicatorQuestions: ReadonlySet<string>,
): string[] {
  if ('allOf' in condition || 'anyOf' in condition) {
    const children = 'allOf' in condition ? condition.allOf : condition.anyOf;
    return children.flatMap((c) => monotonicProblems(c, positive, indicatorQuestions));
  }
  if ('not' in condition) return monotonicProblems(condition.not, !positive, indicatorQuestions);
  const growing = 'indicator' in condition || 'indicatorCountAtLeast' in condition;
  if (growing || 'element' in condition) {
    const up = growing || ('element' in condition && condition.present);
    return up === positive ? [] : ['an indicator or element is used so that more evidence lowers the risk'];
  }
  if (!('answer' in condition) || !indicatorQuestions.has(condition.answer)) return [];
  const facts = {
    answers: { [condition.answer]: 'yes' },
    minor: false,
    elements: { act: [], means: [], purpose: [] },
    indicators: new Map(),
  };
  return evaluateCondition(condition, facts).holds === positive
    ? []
    : [`an answer of yes to ${condition.answer} would lower the risk`];
}

/**
 * Checks scoring rules against the questionnaire they will score: every question named
 * exists and the test fits its kind and options; risk rules and indicator evidence are
 * monotonic (a new 'yes' to an indicator never lowers the risk). An administrator's new
 * version is published only when this is empty.
 */
export function validateScoringRules(
  questionnaire: Questionnaire,
  rules: ScoringRules,
): ScoringRulesProblem[] {
  const questions = questionIndex(questionnaire);
  const indicatorQuestions = new Set([...questions.values()].filter((q) => q.indicator).map((q) => q.id));
  const problems: ScoringRulesProblem[] = [];
  const check = (where: string, condition: Condition, mustBeMonotonic: boolean) => {
    for (const leaf of conditionLeaves(condition)) {
      if ('answer' in leaf)
        for (const message of answerProblems(leaf, questions)) problems.push({ where, message });
    }
    if (mustBeMonotonic) {
      for (const message of new Set(monotonicProblems(condition, true, indicatorQuestions))) {
        problems.push({ where, message });
      }
    }
  };
  for (const [indicator, condition] of Object.entries(rules.indicatorEvidence ?? {})) {
    if (condition) check(`indicatorEvidence.${indicator}`, condition, true);
  }
  for (const rule of rules.rules) check(`rules.${rule.id}`, rule.when, 'risk' in rule.outcome);
  return problems;
}
