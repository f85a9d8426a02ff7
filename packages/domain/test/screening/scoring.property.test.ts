import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RiskLevel, subtypeFitsCategory } from '../../src/case-vocabulary.js';
import type { Condition } from '../../src/screening/conditions.js';
import { DEFAULT_QUESTIONNAIRE } from '../../src/screening/default-questionnaire.js';
import { DEFAULT_SCORING_RULES } from '../../src/screening/default-scoring.js';
import {
  type Answers,
  type AnswerValue,
  type Question,
  type Questionnaire,
  questionIndex,
  validateAnswers,
} from '../../src/screening/questionnaire.js';
import { validateScoringRules } from '../../src/screening/rules-check.js';
import { riskRank, ScoringRules, ScreeningSuggestion, scoreScreening } from '../../src/screening/scoring.js';
import { ILO_INDICATORS, PALERMO_ELEMENTS } from '../../src/screening/vocabulary.js';
import { PROPERTY_TIMEOUT_MS, runs } from '../support/property-runs.js';

const QUESTIONS = [...questionIndex(DEFAULT_QUESTIONNAIRE).values()];
const INDICATOR_QUESTIONS = QUESTIONS.filter((q) => q.indicator).map((q) => q.id);
const YES_NO_QUESTIONS = QUESTIONS.filter((q) => q.kind === 'yes_no_unknown').map((q) => q.id);

/** A valid answer (or null) to one question. */
function answerArbitrary(question: Question): fc.Arbitrary<AnswerValue> {
  const values = question.options?.map((o) => o.value) ?? [];
  const value = ((): fc.Arbitrary<AnswerValue> => {
    switch (question.kind) {
      case 'yes_no_unknown':
        return fc.constantFrom('yes', 'no', 'unknown');
      case 'single_choice':
        return fc.constantFrom(...values);
      case 'multi_choice':
        return fc.subarray(values);
      case 'text':
        return fc.string({ maxLength: 40 });
      case 'number':
        return fc.integer({ min: question.min ?? -1000, max: question.max ?? 5000 });
    }
  })();
  return fc.option(value, { nil: null, freq: 5 });
}

/** Answers that pass `validateAnswers`: any subset of the questions, each with a valid answer. */
const validAnswers = (questionnaire: Questionnaire): fc.Arbitrary<Answers> =>
  fc
    .record(
      Object.fromEntries([...questionIndex(questionnaire).values()].map((q) => [q.id, answerArbitrary(q)])),
      { requiredKeys: [] },
    )
    .map((record) => {
      const answers: Answers = {};
      for (const [id, value] of Object.entries(record)) if (value !== undefined) answers[id] = value;
      return answers;
    });

const age = fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer({ min: 0, max: 90 }));

const score = (
  answers: Answers,
  ageYears: number | null | undefined,
  rules: ScoringRules = DEFAULT_SCORING_RULES,
) => scoreScreening(DEFAULT_QUESTIONNAIRE, rules, answers, { ageYears });

describe('scoreScreening properties', () => {
  it('never throws on valid answers and returns a valid suggestion', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(validAnswers(DEFAULT_QUESTIONNAIRE), age, (answers, ageYears) => {
        expect(validateAnswers(DEFAULT_QUESTIONNAIRE, answers)).toEqual([]);
        const s = score(answers, ageYears);
        expect(ScreeningSuggestion.safeParse(s).success).toBe(true);
        expect(RiskLevel.options).toContain(s.risk);
        if (s.category && s.subtype) expect(subtypeFitsCategory(s.category, s.subtype)).toBe(true);
        expect(s.category === null).toBe(s.subtype === null);
        if (s.category === 'trafficking') expect(s.elements.act && s.elements.purpose).toBe(true);
        if (s.category === 'trafficking' && s.meansRequired) expect(s.elements.means).toBe(true);
        expect(s.meansRequired).toBe(!(typeof ageYears === 'number' && ageYears < 18));
      }),
      runs(200),
    );
  });

  it('never lowers the risk, nor drops an indicator, when an indicator question becomes yes', {
    timeout: PROPERTY_TIMEOUT_MS,
  }, () => {
    fc.assert(
      fc.property(
        validAnswers(DEFAULT_QUESTIONNAIRE),
        age,
        fc.constantFrom(...INDICATOR_QUESTIONS),
        (answers, ageYears, question) => {
          const before = score(answers, ageYears);
          const after = score({ ...answers, [question]: 'yes' }, ageYears);
          expect(riskRank(after.risk)).toBeGreaterThanOrEqual(riskRank(before.risk));
          for (const indicator of before.indicators) expect(after.indicators).toContain(indicator);
        },
      ),
      runs(200),
    );
  });

  it('never throws on answers that do not fit the questionnaire', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    const junk = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.array(fc.string({ maxLength: 20 }), { maxLength: 5 }),
      fc.double(),
      fc.constant(null),
    );
    const ids = fc.oneof(
      fc.constantFrom(...QUESTIONS.map((q) => q.id), 'constructor', 'to_string'),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.dictionary(ids, junk), age, (answers, ageYears) => {
        const s = score(answers as Answers, ageYears);
        expect(RiskLevel.options).toContain(s.risk);
        validateAnswers(DEFAULT_QUESTIONNAIRE, answers as Answers);
      }),
    );
  });
});

/** Random conditions over the default questionnaire, for the monotonicity checker. */
const leaf: fc.Arbitrary<Condition> = fc.oneof(
  fc.record({ answer: fc.constantFrom(...YES_NO_QUESTIONS), is: fc.constantFrom('yes', 'no', 'unknown') }),
  fc.record({ answer: fc.constantFrom(...YES_NO_QUESTIONS), answered: fc.boolean() }),
  fc.record({ indicator: fc.constantFrom(...ILO_INDICATORS) }),
  fc.record({ indicatorCountAtLeast: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ element: fc.constantFrom(...PALERMO_ELEMENTS), present: fc.boolean() }),
  fc.record({ minor: fc.boolean() }),
  fc.record({ answer: fc.constant('working_hours_per_day'), atLeast: fc.integer({ min: 0, max: 24 }) }),
);
const { condition } = fc.letrec<{ condition: Condition }>((tie) => ({
  condition: fc.oneof(
    { maxDepth: 3, depthSize: 'small' },
    leaf,
    fc.record({ allOf: fc.array(tie('condition'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ anyOf: fc.array(tie('condition'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie('condition') }),
  ),
}));

describe('validateScoringRules monotonicity check', () => {
  it('accepts only risk rules under which a new yes to an indicator question never lowers the risk', {
    timeout: PROPERTY_TIMEOUT_MS,
  }, () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        condition,
        condition,
        validAnswers(DEFAULT_QUESTIONNAIRE),
        age,
        fc.constantFrom(...INDICATOR_QUESTIONS),
        (when, evidence, answers, ageYears, question) => {
          const parsed = ScoringRules.safeParse({
            version: 1,
            indicatorEvidence: { isolation: evidence },
            rules: [{ id: 'r', when, outcome: { risk: 'urgent' }, reason: 'r' }],
          });
          if (!parsed.success) return; // evidence that refers to indicators
          const rules = parsed.data;
          if (validateScoringRules(DEFAULT_QUESTIONNAIRE, rules).length > 0) return;
          accepted++;
          const before = score(answers, ageYears, rules);
          const after = score({ ...answers, [question]: 'yes' }, ageYears, rules);
          expect(riskRank(after.risk)).toBeGreaterThanOrEqual(riskRank(before.risk));
        },
      ),
      runs(400),
    );
    expect(accepted).toBeGreaterThan(50);
  });
});
