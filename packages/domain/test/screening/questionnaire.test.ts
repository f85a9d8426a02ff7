import { describe, expect, it } from 'vitest';
import { DEFAULT_QUESTIONNAIRE } from '../../src/screening/default-questionnaire.js';
import {
  Answers,
  LocalizedText,
  localize,
  Questionnaire,
  validateAnswers,
} from '../../src/screening/questionnaire.js';

const text = (en: string) => ({ en, ar: `ع ${en}` });

const small = (): Questionnaire => ({
  version: 1,
  title: text('Test'),
  sections: [
    {
      id: 'one',
      title: text('One'),
      questions: [
        { id: 'q_yes', kind: 'yes_no_unknown', text: text('Yes?'), required: true },
        {
          id: 'q_single',
          kind: 'single_choice',
          text: text('Single?'),
          options: [
            { value: 'a', label: text('A') },
            { value: 'b', label: text('B') },
          ],
        },
        {
          id: 'q_multi',
          kind: 'multi_choice',
          text: text('Multi?'),
          options: [
            { value: 'x', label: text('X') },
            { value: 'y', label: text('Y') },
          ],
          required: true,
        },
        { id: 'q_text', kind: 'text', text: text('Text?') },
        { id: 'q_number', kind: 'number', text: text('Number?'), min: 0, max: 24 },
      ],
    },
  ],
});

const issues = (value: unknown) => {
  const result = Questionnaire.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe('LocalizedText', () => {
  it('requires English and accepts any other language code', () => {
    expect(
      LocalizedText.safeParse({ en: 'Hello', ar: 'مرحبا', ne: 'नमस्ते', tl: 'Kumusta', fil: 'x' }).success,
    ).toBe(true);
    expect(LocalizedText.safeParse({ ar: 'مرحبا' }).success).toBe(false);
    expect(LocalizedText.safeParse({ en: '' }).success).toBe(false);
    expect(LocalizedText.safeParse({ en: 'Hello', 'not a code': 'x' }).success).toBe(false);
    expect(LocalizedText.safeParse({ en: 'Hello', ar: 3 }).success).toBe(false);
  });

  it('falls back to English', () => {
    expect(localize({ en: 'Hello', ar: 'مرحبا' }, 'ar')).toBe('مرحبا');
    expect(localize({ en: 'Hello', ar: 'مرحبا' }, 'hi')).toBe('Hello');
    expect(localize({ en: 'Hello' }, 'constructor')).toBe('Hello');
  });
});

describe('Questionnaire', () => {
  it('accepts a well-formed questionnaire', () => {
    expect(issues(small())).toEqual([]);
  });

  it('rejects duplicate section and question ids', () => {
    const q = small();
    const section = q.sections[0]!;
    q.sections.push({ ...section, questions: [{ ...section.questions[0]! }] });
    expect(issues(q)).toEqual(['duplicate section one', 'duplicate question q_yes']);
  });

  it('requires options exactly for choice questions, with unique values', () => {
    const q = small();
    const [yes, single, multi] = q.sections[0]!.questions;
    yes!.options = [{ value: 'a', label: text('A') }];
    delete single!.options;
    multi!.options = [
      { value: 'x', label: text('X') },
      { value: 'x', label: text('X again') },
    ];
    expect(issues(q)).toEqual([
      'no options for kind yes_no_unknown',
      'options required',
      'duplicate option value',
    ]);
  });

  it('rejects ids that are not snake_case, and misplaced tags', () => {
    const q = small();
    const [yes, , , textQ, numberQ] = q.sections[0]!.questions;
    yes!.id = 'Q-Yes';
    textQ!.indicator = 'deception';
    textQ!.element = 'act';
    numberQ!.min = 30;
    expect(issues(q)).toEqual([
      'must be snake_case',
      'indicator needs a yes_no_unknown question',
      'element needs a yes/no or choice question',
      'max below min',
    ]);
  });

  it('rejects unknown keys and a bad version', () => {
    expect(issues({ ...small(), extra: true }).length).toBeGreaterThan(0);
    expect(issues({ ...small(), version: 0 }).length).toBeGreaterThan(0);
    expect(issues({ ...small(), version: 1.5 }).length).toBeGreaterThan(0);
  });
});

describe('Answers and validateAnswers', () => {
  const codes = (answers: Answers, complete = false) =>
    validateAnswers(small(), answers, { complete }).map((p) => `${p.questionId}:${p.code}`);

  it('accepts valid and null answers', () => {
    expect(
      codes({ q_yes: 'unknown', q_single: 'b', q_multi: ['x', 'y'], q_text: 'free text', q_number: 8 }, true),
    ).toEqual([]);
    expect(codes({ q_yes: null, q_single: null, q_multi: [], q_number: 0 })).toEqual([]);
  });

  it('reports unknown questions, wrong types, unknown or repeated options, out of range numbers', () => {
    expect(
      codes({
        nope: 'yes',
        constructor: 'yes',
        q_yes: 'maybe',
        q_single: 'c',
        q_multi: ['x', 'x'],
        q_text: 3,
        q_number: 25,
      }),
    ).toEqual([
      'nope:unknown_question',
      'constructor:unknown_question',
      'q_yes:wrong_type',
      'q_single:unknown_option',
      'q_multi:duplicate_option',
      'q_text:wrong_type',
      'q_number:out_of_range',
    ]);
    expect(codes({ q_yes: ['yes'], q_single: ['a'], q_multi: 'x', q_number: '3' })).toEqual([
      'q_yes:wrong_type',
      'q_single:wrong_type',
      'q_multi:wrong_type',
      'q_number:wrong_type',
    ]);
    expect(codes({ q_multi: ['x', 'z'], q_number: Number.NaN })).toEqual([
      'q_multi:unknown_option',
      'q_number:wrong_type',
    ]);
  });

  it('reports unanswered required questions only when the screening is complete', () => {
    expect(codes({ q_text: 'x' })).toEqual([]);
    expect(codes({ q_text: 'x', q_yes: null }, true)).toEqual(['q_yes:required', 'q_multi:required']);
  });

  it('rejects a malformed shape before the questionnaire is consulted', () => {
    expect(Answers.safeParse({ q_yes: 'yes', q_multi: ['x'], q_number: 3, q_text: null }).success).toBe(true);
    expect(Answers.safeParse({ 'Bad Id': 'yes' }).success).toBe(false);
    expect(Answers.safeParse({ q_yes: { nested: true } }).success).toBe(false);
    expect(Answers.safeParse({ q_yes: [1, 2] }).success).toBe(false);
    expect(Answers.safeParse({ q_number: Number.POSITIVE_INFINITY }).success).toBe(false);
    expect(Answers.safeParse({ q_text: 'x'.repeat(4001) }).success).toBe(false);
  });

  it('validates against the default questionnaire', () => {
    const problems = validateAnswers(DEFAULT_QUESTIONNAIRE, {
      act_elements: ['recruitment', 'kidnapping'],
      ilo_deception: 'yes',
      working_hours_per_day: 30,
    });
    expect(problems.map((p) => p.code)).toEqual(['unknown_option', 'out_of_range']);
  });
});
