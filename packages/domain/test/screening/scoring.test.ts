import { describe, expect, it } from 'vitest';
import { DEFAULT_QUESTIONNAIRE } from '../../src/screening/default-questionnaire.js';
import { DEFAULT_SCORING_RULES } from '../../src/screening/default-scoring.js';
import { type Answers, validateAnswers } from '../../src/screening/questionnaire.js';
import { validateScoringRules } from '../../src/screening/rules-check.js';
import { ScoringRules, ScreeningSuggestion, scoreScreening } from '../../src/screening/scoring.js';

/** Scores valid answers with the defaults, checking the result against its schema. */
const score = (answers: Answers, ageYears?: number | null) => {
  expect(validateAnswers(DEFAULT_QUESTIONNAIRE, answers)).toEqual([]);
  const suggestion = scoreScreening(DEFAULT_QUESTIONNAIRE, DEFAULT_SCORING_RULES, answers, { ageYears });
  expect(ScreeningSuggestion.safeParse(suggestion).success).toBe(true);
  return suggestion;
};

const codes = (s: ScreeningSuggestion) => s.reasons.map((r) => r.code);
const reason = (s: ScreeningSuggestion, code: string) => s.reasons.find((r) => r.code === code);

const ACT_MEANS_PURPOSE: Answers = {
  act_elements: ['recruitment', 'transportation'],
  means_elements: ['deception'],
  purpose_elements: ['forced_labour_or_services'],
};

describe('scoreScreening: category', () => {
  it('suggests trafficking for an adult with act, means and purpose', () => {
    const s = score({ ...ACT_MEANS_PURPOSE, ilo_deception: 'yes' }, 34);
    expect([s.category, s.subtype]).toEqual(['trafficking', 'forced_labour']);
    expect(s.elements).toEqual({ act: true, means: true, purpose: true });
    expect(s.meansRequired).toBe(true);
    expect(reason(s, 'trafficking_forced_labour')?.questionIds).toEqual([
      'act_elements',
      'means_elements',
      'purpose_elements',
    ]);
  });

  it('takes element evidence from yes/no questions as well as from the checklists', () => {
    const s = score(
      { travel_arranged_by_others: 'yes', means_threat_or_force: 'yes', forced_sexual_acts: 'yes' },
      25,
    );
    expect([s.category, s.subtype]).toEqual(['trafficking', 'sexual_exploitation']);
    expect(reason(s, 'element.act')?.questionIds).toEqual(['travel_arranged_by_others']);
  });

  it('does not count "none" or "unknown" answers as evidence', () => {
    const s = score({
      act_elements: [],
      means_threat_or_force: 'unknown',
      purpose_elements: [],
      forced_work: 'no',
    });
    expect(s.elements).toEqual({ act: false, means: false, purpose: false });
    expect([s.category, s.subtype, s.risk]).toEqual([null, null, 'low']);
    expect(s.reasons).toEqual([]);
  });

  it('suggests trafficking for a child with act and purpose but no means', () => {
    const s = score({ act_elements: ['recruitment'], purpose_elements: ['forced_begging'] }, 15);
    expect([s.category, s.subtype]).toEqual(['trafficking', 'forced_begging']);
    expect(s.elements.means).toBe(false);
    expect(s.meansRequired).toBe(false);
  });

  it('does not suggest trafficking for an adult without means: other exploitation, refer to inspection', () => {
    const answers = { act_elements: ['recruitment'], purpose_elements: ['forced_labour_or_services'] };
    const s = score(answers, 18);
    expect([s.category, s.subtype]).toEqual(['labour_case', 'other']);
    expect(codes(s)[0]).toBe('other_exploitation_refer_inspection');
    // An unknown age is not presumed to be a child.
    expect(score(answers, null).category).toBe('labour_case');
    expect(score(answers).category).toBe('labour_case');
  });

  it('suggests other exploitation for forced-labour indicators without act or means', () => {
    const s = score({ ilo_retention_of_identity_documents: 'yes', ilo_excessive_overtime: 'yes' }, 40);
    expect([s.category, s.subtype]).toEqual(['labour_case', 'other']);
    expect(reason(s, 'other_exploitation_refer_inspection')?.questionIds).toEqual([
      'ilo_excessive_overtime',
      'ilo_retention_of_identity_documents',
    ]);
    expect(s.indicators).toEqual(['retention_of_identity_documents', 'excessive_overtime']);
  });

  it('picks the trafficking sub-type from the purpose', () => {
    const subtype = (answers: Answers) => score({ act_elements: ['receipt'], ...answers }, 16).subtype;
    expect(subtype({ purpose_elements: ['sexual_exploitation', 'forced_labour_or_services'] })).toBe(
      'sexual_exploitation',
    );
    expect(subtype({ purpose_elements: ['removal_of_organs', 'sexual_exploitation'] })).toBe('organ_removal');
    expect(subtype({ organ_removal: 'yes' })).toBe('organ_removal');
    expect(subtype({ purpose_elements: ['servitude'], work_sector: 'domestic_work' })).toBe(
      'domestic_servitude',
    );
    expect(
      subtype({ purpose_elements: ['slavery_or_similar_practices'], lives_in_employer_home: 'yes' }),
    ).toBe('domestic_servitude');
    expect(subtype({ purpose_elements: ['servitude'], work_sector: 'construction' })).toBe('forced_labour');
    expect(subtype({ forced_crimes: 'yes', forced_to_beg: 'yes' })).toBe('forced_criminality');
    expect(subtype({ forced_to_beg: 'yes' })).toBe('forced_begging');
    expect(subtype({ forced_work: 'yes' })).toBe('forced_labour');
  });

  it('suggests a labour case for wage issues only', () => {
    const s = score({ wage_promised_monthly: 150, wage_paid_monthly: 90, still_in_situation: 'yes' }, 30);
    expect([s.category, s.subtype, s.risk]).toEqual(['labour_case', 'unpaid_wages', 'medium']);
    expect(s.indicators).toEqual(['withholding_of_wages']);
    expect(reason(s, 'labour_unpaid_wages')?.questionIds).toEqual([
      'wage_paid_monthly',
      'wage_promised_monthly',
    ]);
    expect(score({ wage_promised_monthly: 150, wage_paid_monthly: 150 }).indicators).toEqual([]);
    expect(score({ ilo_withholding_of_wages: 'yes' }).subtype).toBe('unpaid_wages');
  });

  it('suggests the labour sub-type from contract and working-condition answers', () => {
    expect(score({ contract_substituted: 'yes' }).subtype).toBe('contract_violation');
    expect(score({ working_hours_per_day: 14 }).subtype).toBe('working_conditions');
    expect(score({ rest_days_per_week: 0 }).subtype).toBe('working_conditions');
    expect(score({ working_hours_per_day: 9, rest_days_per_week: 1 }).category).toBeNull();
    expect(score({ recruitment_fee_paid: 'yes' }).subtype).toBe('other');
  });

  it('suggests abuse for violence without exploitation', () => {
    const physical = score({ violence_experienced: ['physical'] }, 29);
    expect([physical.category, physical.subtype]).toEqual(['abuse', 'physical']);
    expect(physical.indicators).toEqual(['physical_sexual_violence']);
    expect(score({ violence_experienced: ['physical', 'sexual'] }).subtype).toBe('sexual');
    expect(score({ violence_experienced: ['psychological'] }).subtype).toBe('psychological');
    expect(score({ ilo_physical_sexual_violence: 'yes' }).subtype).toBe('other');
    expect(score({ ilo_intimidation_threats: 'yes', ilo_physical_sexual_violence: 'yes' }).category).toBe(
      'abuse',
    );
    // Threats alone are psychological abuse; threats in a wage dispute stay a labour case.
    expect(score({ threats_to_family: 'yes' }).subtype).toBe('psychological');
    expect(score({ threats_to_family: 'yes', ilo_withholding_of_wages: 'yes' }).subtype).toBe('unpaid_wages');
  });

  it('treats violence with exploitation as exploitation, not abuse', () => {
    const s = score({ violence_experienced: ['physical'], ilo_abusive_working_living_conditions: 'yes' });
    expect(codes(s)[0]).toBe('other_exploitation_refer_inspection');
  });
});

describe('scoreScreening: risk', () => {
  it('is urgent for a child, whatever the answers', () => {
    const s = score({}, 17);
    expect(s.risk).toBe('urgent');
    expect(codes(s)).toEqual(['risk_child']);
    expect(score({}, 18).risk).toBe('low');
  });

  it('is urgent when still in the situation with violence or confinement', () => {
    expect(score({ still_in_situation: 'yes', violence_experienced: ['psychological'] }).risk).toBe('urgent');
    expect(score({ still_in_situation: 'yes', ilo_physical_sexual_violence: 'yes' }).risk).toBe('urgent');
    expect(score({ still_in_situation: 'yes', confined: 'yes' }).risk).toBe('urgent');
    expect(score({ still_in_situation: 'yes', can_leave_workplace: 'no' }).risk).toBe('urgent');
    expect(score({ still_in_situation: 'no', confined: 'yes' }).risk).toBe('medium');
    expect(score({ still_in_situation: 'unknown', violence_experienced: ['physical'] }).risk).toBe('medium');
  });

  it('is high with document retention or threats', () => {
    const retained = score({ passport_holder: 'employer' }, 30);
    expect(retained.risk).toBe('high');
    expect(reason(retained, 'risk_document_retention')?.questionIds).toEqual(['passport_holder']);
    expect(score({ work_permit_holder: 'recruitment_agency' }).risk).toBe('high');
    expect(score({ ilo_retention_of_identity_documents: 'yes' }).risk).toBe('high');
    expect(score({ passport_holder: 'person' }).risk).toBe('low');
    expect(score({ ilo_intimidation_threats: 'yes' }).risk).toBe('high');
    expect(score({ threats_to_family: 'yes' }).risk).toBe('high');
  });

  it('is medium with any indicator, low without', () => {
    expect(score({ ilo_isolation: 'yes' }).risk).toBe('medium');
    expect(score({ ilo_isolation: 'no', ilo_deception: 'unknown' }).risk).toBe('low');
  });

  it('gives every reason that held, with its questions', () => {
    const s = score(
      { ...ACT_MEANS_PURPOSE, passport_holder: 'employer', still_in_situation: 'yes', confined: 'yes' },
      30,
    );
    expect(codes(s)).toEqual([
      'trafficking_forced_labour',
      'risk_still_in_situation_confinement',
      'risk_document_retention',
      'risk_indicator',
      'element.act',
      'element.means',
      'element.purpose',
      'indicator.restriction_of_movement',
      'indicator.retention_of_identity_documents',
    ]);
    expect(reason(s, 'risk_still_in_situation_confinement')?.questionIds).toEqual([
      'still_in_situation',
      'confined',
    ]);
  });
});

describe('scoreScreening: robustness', () => {
  it('ignores answers of the wrong type and inherited keys', () => {
    const s = scoreScreening(DEFAULT_QUESTIONNAIRE, DEFAULT_SCORING_RULES, {
      act_elements: 'recruitment',
      means_elements: [],
      ilo_deception: ['yes'],
      working_hours_per_day: '14',
      wage_paid_monthly: 10,
    });
    expect(s.elements.act).toBe(true);
    expect(s.indicators).toEqual([]);
    const inherited = scoreScreening(
      DEFAULT_QUESTIONNAIRE,
      DEFAULT_SCORING_RULES,
      Object.create({ confined: 'yes' }),
    );
    expect(inherited.indicators).toEqual([]);
  });

  it('is deterministic', () => {
    const answers = { ...ACT_MEANS_PURPOSE, ilo_isolation: 'yes', threats_to_family: 'yes' };
    const a = scoreScreening(DEFAULT_QUESTIONNAIRE, DEFAULT_SCORING_RULES, answers, { ageYears: 20 });
    const b = scoreScreening(DEFAULT_QUESTIONNAIRE, DEFAULT_SCORING_RULES, { ...answers }, { ageYears: 20 });
    expect(a).toEqual(b);
  });
});

describe('ScoringRules and validateScoringRules', () => {
  const base = { version: 2, rules: [] as unknown[] };
  const parse = (rules: unknown[], extra: object = {}) =>
    ScoringRules.safeParse({ ...base, ...extra, rules });

  it('rejects duplicate ids, sub-types of another category, and cyclic indicator evidence', () => {
    const rule = { id: 'r', when: { minor: true }, outcome: { risk: 'urgent' }, reason: 'child' };
    expect(parse([rule]).success).toBe(true);
    expect(parse([rule, rule]).success).toBe(false);
    expect(parse([{ ...rule, outcome: { category: 'abuse', subtype: 'forced_labour' } }]).success).toBe(
      false,
    );
    expect(parse([{ ...rule, outcome: { risk: 'extreme' } }]).success).toBe(false);
    expect(parse([{ ...rule, when: { answer: 'x', is: 'yes', extra: 1 } }]).success).toBe(false);
    expect(parse([rule], { indicatorEvidence: { isolation: { indicator: 'deception' } } }).success).toBe(
      false,
    );
    let deep: object = { minor: true };
    for (let i = 0; i < 20; i++) deep = { not: deep };
    expect(parse([{ ...rule, when: deep }]).success).toBe(false);
  });

  it('reports questions that do not exist or do not fit the test', () => {
    const rules = ScoringRules.parse({
      version: 2,
      rules: [
        { id: 'a', when: { answer: 'no_such_question', is: 'yes' }, outcome: { risk: 'high' }, reason: 'a' },
        { id: 'b', when: { answer: 'ilo_isolation', atLeast: 3 }, outcome: { risk: 'high' }, reason: 'b' },
        {
          id: 'c',
          when: { answer: 'passport_holder', is: 'neighbour' },
          outcome: { risk: 'high' },
          reason: 'c',
        },
        {
          id: 'd',
          when: { answer: 'act_elements', is: 'recruitment' },
          outcome: { risk: 'high' },
          reason: 'd',
        },
        {
          id: 'e',
          when: { answer: 'wage_paid_monthly', lessThanAnswer: 'wage_currency' },
          outcome: { category: 'labour_case', subtype: 'unpaid_wages' },
          reason: 'e',
        },
      ],
    });
    expect(validateScoringRules(DEFAULT_QUESTIONNAIRE, rules).map((p) => `${p.where}: ${p.message}`)).toEqual(
      [
        'rules.a: unknown question no_such_question',
        'rules.b: atLeast does not apply to yes_no_unknown question ilo_isolation',
        // A number test on an indicator question is false for 'yes': not monotonic either.
        'rules.b: an answer of yes to ilo_isolation would lower the risk',
        'rules.c: neighbour is not an answer to passport_holder',
        'rules.d: is does not apply to multi_choice question act_elements',
        'rules.e: lessThanAnswer needs a number question, not wage_currency',
      ],
    );
  });

  it('reports risk rules and indicator evidence under which a new yes could lower the risk', () => {
    const rules = ScoringRules.parse({
      version: 2,
      indicatorEvidence: { isolation: { answer: 'ilo_deception', is: 'no' } },
      rules: [
        { id: 'a', when: { not: { indicator: 'isolation' } }, outcome: { risk: 'high' }, reason: 'a' },
        {
          id: 'b',
          when: { answer: 'ilo_isolation', answered: false },
          outcome: { risk: 'high' },
          reason: 'b',
        },
        {
          id: 'c',
          when: { not: { answer: 'ilo_isolation', is: 'no' } },
          outcome: { risk: 'high' },
          reason: 'c',
        },
        { id: 'd', when: { element: 'means', present: false }, outcome: { risk: 'high' }, reason: 'd' },
        { id: 'e', when: { not: { minor: false } }, outcome: { risk: 'high' }, reason: 'e' },
        { id: 'f', when: { not: { indicator: 'isolation' } }, outcome: { category: 'abuse' }, reason: 'f' },
      ],
    });
    expect(validateScoringRules(DEFAULT_QUESTIONNAIRE, rules).map((p) => p.where)).toEqual([
      'indicatorEvidence.isolation',
      'rules.a',
      'rules.b',
      'rules.d',
    ]);
  });
});
