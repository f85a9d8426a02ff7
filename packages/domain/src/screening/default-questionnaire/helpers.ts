import type { LocalizedText, Question, QuestionOption } from '../questionnaire.js';

/** English and Arabic text. Arabic is written so that, unvocalised, it fits a man or a woman. */
export const t = (en: string, ar: string): LocalizedText => ({ en, ar });

export const option = (value: string, en: string, ar: string): QuestionOption => ({
  value,
  label: t(en, ar),
});

export const UNKNOWN_OPTION = option('unknown', 'Unknown', 'غير معروف');
export const OTHER_OPTION = option('other', 'Other', 'غير ذلك');

type Extra = Omit<Question, 'id' | 'kind' | 'text'>;

export const yesNo = (id: string, text: LocalizedText, extra: Extra = {}): Question => ({
  id,
  kind: 'yes_no_unknown',
  text,
  ...extra,
});
