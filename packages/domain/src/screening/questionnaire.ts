import { z } from 'zod';
import { IloIndicator, PalermoElement } from './vocabulary.js';

/** Language keys of a `LocalizedText`: ISO 639-1 or 639-3, lower case (as `LanguageCode`). */
const LANGUAGE_KEY = /^[a-z]{2,3}$/;
const localized = z.string().trim().min(1).max(2000);

/**
 * Text in several languages, keyed by language code. English is required; the shipped
 * content also carries Arabic, and an interpreter may add any other language (`hi`, `ne`,
 * `tl`, `am`, ...). Use `localize` to pick a language with a fallback to English.
 */
export const LocalizedText = z
  .object({ en: localized })
  .catchall(localized)
  .superRefine((text, ctx) => {
    for (const key of Object.keys(text)) {
      if (!LANGUAGE_KEY.test(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: `not a language code: ${key}` });
      }
    }
  });
export type LocalizedText = z.infer<typeof LocalizedText>;

/** The text in `language`, else in English. */
export function localize(text: LocalizedText, language: string): string {
  return Object.hasOwn(text, language) ? (text[language] ?? text.en) : text.en;
}

/** Stable snake_case identifier of a section, question or option value. */
export const ScreeningId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/, 'must be snake_case');

export const QUESTION_KINDS = ['yes_no_unknown', 'single_choice', 'multi_choice', 'text', 'number'] as const;
export const QuestionKind = z.enum(QUESTION_KINDS);
export type QuestionKind = z.infer<typeof QuestionKind>;

export const CHOICE_KINDS: readonly QuestionKind[] = ['single_choice', 'multi_choice'];
export const isChoiceKind = (kind: QuestionKind): boolean => CHOICE_KINDS.includes(kind);

export const QuestionOption = z.strictObject({ value: ScreeningId, label: LocalizedText });
export type QuestionOption = z.infer<typeof QuestionOption>;

export const Question = z
  .strictObject({
    id: ScreeningId,
    kind: QuestionKind,
    text: LocalizedText,
    /** Guidance for the interviewer, in plain language. */
    hint: LocalizedText.optional(),
    /** Present if and only if `kind` is a choice kind; values unique. */
    options: z.array(QuestionOption).min(1).max(100).optional(),
    /** The Palermo element this question gives evidence of (yes/no and choice questions). */
    element: PalermoElement.optional(),
    /** The ILO indicator a "yes" to this question fires (yes/no questions only). */
    indicator: IloIndicator.optional(),
    /** Must be answered (possibly "unknown") before the screening is completed. */
    required: z.boolean().optional(),
    /** Bounds of a number answer, inclusive. */
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .superRefine((q, ctx) => {
    const choice = isChoiceKind(q.kind);
    if (choice && !q.options)
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'options required' });
    if (!choice && q.options) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: `no options for kind ${q.kind}` });
    }
    const seen = new Set<string>();
    q.options?.forEach((option, i) => {
      if (seen.has(option.value)) {
        ctx.addIssue({ code: 'custom', path: ['options', i, 'value'], message: 'duplicate option value' });
      }
      seen.add(option.value);
    });
    if (q.indicator && q.kind !== 'yes_no_unknown') {
      ctx.addIssue({
        code: 'custom',
        path: ['indicator'],
        message: 'indicator needs a yes_no_unknown question',
      });
    }
    if (q.element && (q.kind === 'text' || q.kind === 'number')) {
      ctx.addIssue({
        code: 'custom',
        path: ['element'],
        message: 'element needs a yes/no or choice question',
      });
    }
    if ((q.min !== undefined || q.max !== undefined) && q.kind !== 'number') {
      ctx.addIssue({ code: 'custom', path: ['min'], message: 'min/max apply to number questions only' });
    }
    if (q.min !== undefined && q.max !== undefined && q.min > q.max) {
      ctx.addIssue({ code: 'custom', path: ['max'], message: 'max below min' });
    }
  });
export type Question = z.infer<typeof Question>;

export const QuestionnaireSection = z.strictObject({
  id: ScreeningId,
  title: LocalizedText,
  description: LocalizedText.optional(),
  questions: z.array(Question).min(1).max(200),
});
export type QuestionnaireSection = z.infer<typeof QuestionnaireSection>;

export const Questionnaire = z
  .strictObject({
    version: z.number().int().positive(),
    title: LocalizedText,
    sections: z.array(QuestionnaireSection).min(1).max(50),
  })
  .superRefine((questionnaire, ctx) => {
    const sections = new Set<string>();
    const questions = new Set<string>();
    questionnaire.sections.forEach((section, s) => {
      if (sections.has(section.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['sections', s, 'id'],
          message: `duplicate section ${section.id}`,
        });
      }
      sections.add(section.id);
      section.questions.forEach((question, q) => {
        if (questions.has(question.id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['sections', s, 'questions', q, 'id'],
            message: `duplicate question ${question.id}`,
          });
        }
        questions.add(question.id);
      });
    });
  });
export type Questionnaire = z.infer<typeof Questionnaire>;

/** Every question of a questionnaire by id, in questionnaire order. */
export function questionIndex(questionnaire: Questionnaire): ReadonlyMap<string, Question> {
  return new Map(questionnaire.sections.flatMap((s) => s.questions.map((q) => [q.id, q] as const)));
}

export const YesNoUnknown = z.enum(['yes', 'no', 'unknown']);
export type YesNoUnknown = z.infer<typeof YesNoUnknown>;

/**
 * One answer: 'yes' | 'no' | 'unknown' for yes/no questions, an option value for single
 * choice, option values for multi choice, free text, a number, or null (not answered yet).
 */
export const AnswerValue = z.union([
  z.string().max(4000),
  z.array(z.string().max(64)).max(100),
  z.number(),
  z.null(),
]);
export type AnswerValue = z.infer<typeof AnswerValue>;

/** Answers by question id. Shape only: check them against a questionnaire with `validateAnswers`. */
export const Answers = z.record(ScreeningId, AnswerValue);
export type Answers = z.infer<typeof Answers>;

export const AnswerProblemCode = z.enum([
  'unknown_question',
  'wrong_type',
  'unknown_option',
  'duplicate_option',
  'out_of_range',
  'required',
]);
export type AnswerProblemCode = z.infer<typeof AnswerProblemCode>;

export const AnswerProblem = z.object({
  questionId: z.string(),
  code: AnswerProblemCode,
  message: z.string(),
});
export type AnswerProblem = z.infer<typeof AnswerProblem>;

/** The answer to a question, reading own keys only (an id such as `constructor` is not inherited). */
export function answerOf(answers: Answers, questionId: string): AnswerValue | undefined {
  return Object.hasOwn(answers, questionId) ? answers[questionId] : undefined;
}

/** Answered: not missing, not null, not blank text. An empty multi-choice list means "none of these". */
const isAnswered = (value: AnswerValue | undefined): boolean =>
  value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');

function problemsOf(question: Question, value: AnswerValue): AnswerProblem[] {
  const problem = (code: AnswerProblemCode, message: string): AnswerProblem[] => [
    { questionId: question.id, code, message },
  ];
  if (value === null) return [];
  const options = new Set(question.options?.map((o) => o.value));
  switch (question.kind) {
    case 'yes_no_unknown':
      return YesNoUnknown.safeParse(value).success
        ? []
        : problem('wrong_type', 'expected yes, no or unknown');
    case 'single_choice':
      if (typeof value !== 'string') return problem('wrong_type', 'expected one option value');
      return options.has(value) ? [] : problem('unknown_option', `not an option: ${value}`);
    case 'multi_choice': {
      if (!Array.isArray(value)) return problem('wrong_type', 'expected a list of option values');
      const unknown = value.filter((v) => !options.has(v));
      if (unknown.length > 0) return problem('unknown_option', `not options: ${unknown.join(', ')}`);
      return new Set(value).size === value.length ? [] : problem('duplicate_option', 'an option is repeated');
    }
    case 'text':
      return typeof value === 'string' ? [] : problem('wrong_type', 'expected text');
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value))
        return problem('wrong_type', 'expected a number');
      const { min, max } = question;
      if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
        return problem('out_of_range', `expected a number between ${min ?? '-∞'} and ${max ?? '∞'}`);
      }
      return [];
    }
  }
}

/**
 * The problems of `answers` against `questionnaire`: unknown question ids, values of the
 * wrong type, options not in the list, repeated options, numbers out of range, and (with
 * `complete`) required questions left unanswered. Empty when the answers may be stored.
 * Partial answers are fine while an interview is in progress; pass `complete: true` when
 * the screening is submitted as finished.
 */
export function validateAnswers(
  questionnaire: Questionnaire,
  answers: Answers,
  options: { complete?: boolean } = {},
): AnswerProblem[] {
  const questions = questionIndex(questionnaire);
  const problems: AnswerProblem[] = [];
  for (const [id, value] of Object.entries(answers)) {
    const question = questions.get(id);
    if (!question)
      problems.push({ questionId: id, code: 'unknown_question', message: `unknown question ${id}` });
    else problems.push(...problemsOf(question, value));
  }
  if (options.complete) {
    for (const question of questions.values()) {
      if (question.required && !isAnswered(answerOf(answers, question.id))) {
        problems.push({ questionId: question.id, code: 'required', message: 'an answer is required' });
      }
    }
  }
  return problems;
}
