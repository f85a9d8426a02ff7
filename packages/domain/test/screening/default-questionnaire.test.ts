import { describe, expect, it } from 'vitest';
import { DEFAULT_QUESTIONNAIRE } from '../../src/screening/default-questionnaire.js';
import { DEFAULT_SCORING_RULES } from '../../src/screening/default-scoring.js';
import { type LocalizedText, Questionnaire, questionIndex } from '../../src/screening/questionnaire.js';
import { validateScoringRules } from '../../src/screening/rules-check.js';
import { ScoringRules } from '../../src/screening/scoring.js';
import {
  ILO_INDICATORS,
  PALERMO_ACTS,
  PALERMO_MEANS,
  PALERMO_PURPOSES,
} from '../../src/screening/vocabulary.js';

const questions = [...questionIndex(DEFAULT_QUESTIONNAIRE).values()];

/** Every LocalizedText in a data tree. */
function texts(value: unknown): LocalizedText[] {
  if (Array.isArray(value)) return value.flatMap(texts);
  if (value === null || typeof value !== 'object') return [];
  if ('en' in value && typeof value.en === 'string') return [value as LocalizedText];
  return Object.values(value).flatMap(texts);
}

describe('DEFAULT_QUESTIONNAIRE', () => {
  it('is a valid version 1 questionnaire', () => {
    const parsed = Questionnaire.safeParse(DEFAULT_QUESTIONNAIRE);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(DEFAULT_QUESTIONNAIRE.version).toBe(1);
  });

  it('has English and Arabic for every text', () => {
    const all = texts(DEFAULT_QUESTIONNAIRE);
    expect(all.length).toBeGreaterThan(150);
    for (const text of all) {
      expect(text.ar, text.en).toMatch(/[\u0600-\u06FF]/);
      expect(Object.keys(text).sort(), text.en).toEqual(['ar', 'en']);
    }
  });

  it('has one required yes/no/unknown question with a hint for each ILO indicator', () => {
    for (const indicator of ILO_INDICATORS) {
      const tagged = questions.filter((q) => q.indicator === indicator);
      expect(tagged.map((q) => [q.id, q.kind, q.required, Boolean(q.hint)])).toEqual([
        [`ilo_${indicator}`, 'yes_no_unknown', true, true],
      ]);
    }
  });

  it('lists every Palermo act, means and purpose in a multi-choice question', () => {
    const values = (id: string) =>
      questionIndex(DEFAULT_QUESTIONNAIRE)
        .get(id)
        ?.options?.map((o) => o.value);
    expect(values('act_elements')).toEqual([...PALERMO_ACTS]);
    expect(values('means_elements')).toEqual([...PALERMO_MEANS]);
    expect(values('purpose_elements')).toEqual([...PALERMO_PURPOSES]);
    for (const element of ['act', 'means', 'purpose'] as const) {
      expect(questions.filter((q) => q.element === element).length).toBeGreaterThan(2);
    }
  });

  it('covers the other facts of the SOP', () => {
    const ids = new Set(questions.map((q) => q.id));
    for (const id of [
      'recruitment_fee_paid',
      'owes_debt_for_job',
      'contract_signed',
      'contract_language_understood',
      'contract_substituted',
      'working_hours_per_day',
      'rest_days_per_week',
      'wage_promised_monthly',
      'wage_paid_monthly',
      'passport_holder',
      'work_permit_holder',
      'can_leave_workplace',
      'threats_to_family',
      'still_in_situation',
      'others_in_same_situation',
      'violence_experienced',
      'confined',
    ]) {
      expect(ids.has(id), id).toBe(true);
    }
    expect(questionIndex(DEFAULT_QUESTIONNAIRE).get('wage_paid_monthly')?.kind).toBe('number');
  });

  it('is frozen', () => {
    expect(Object.isFrozen(DEFAULT_QUESTIONNAIRE.sections[0]?.questions[0]?.text)).toBe(true);
    expect(() => {
      (DEFAULT_QUESTIONNAIRE as { version: number }).version = 2;
    }).toThrow();
  });
});

describe('DEFAULT_SCORING_RULES', () => {
  it('is valid, and fits the default questionnaire', () => {
    const parsed = ScoringRules.safeParse(DEFAULT_SCORING_RULES);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(validateScoringRules(DEFAULT_QUESTIONNAIRE, DEFAULT_SCORING_RULES)).toEqual([]);
  });

  it('explains every rule in English and Arabic', () => {
    for (const rule of DEFAULT_SCORING_RULES.rules) {
      expect(rule.description?.ar, rule.id).toMatch(/[\u0600-\u06FF]/);
    }
  });
});
