import {
  type Answers,
  type AnswerValue,
  answerOf,
  localize,
  type Question,
  type Questionnaire,
} from '@opennrm/domain';
import { useTranslation } from 'react-i18next';

function useAnswerText() {
  const { t, i18n } = useTranslation();
  return (question: Question, value: AnswerValue | undefined): string => {
    if (value === undefined || value === null || value === '') return t('screening.notAnswered');
    const label = (v: string) => {
      const option = question.options?.find((o) => o.value === v);
      return option ? localize(option.label, i18n.language) : v;
    };
    switch (question.kind) {
      case 'yes_no_unknown':
        return t([`screening.answers.${String(value)}`, 'screening.notAnswered']);
      case 'single_choice':
        return label(String(value));
      case 'multi_choice':
        return Array.isArray(value) && value.length > 0
          ? value.map(label).join(t('cases.listSeparator'))
          : t('screening.answers.noneOfThese');
      default:
        return String(value);
    }
  };
}

/** The answers given, read-only: after the screening was confirmed, or for readers who cannot screen. */
export function AnswersSummary({
  questionnaire,
  answers,
}: {
  questionnaire: Questionnaire;
  answers: Answers;
}) {
  const { i18n } = useTranslation();
  const answerText = useAnswerText();
  return (
    <div className="questionnaire">
      {questionnaire.sections.map((section) => (
        <section
          className="questionnaire__section"
          key={section.id}
          aria-labelledby={`summary-${section.id}`}
        >
          <h3 className="questionnaire__title" id={`summary-${section.id}`}>
            {localize(section.title, i18n.language)}
          </h3>
          <dl className="summary-list summary-list--answers">
            {section.questions.map((question) => (
              <div className="summary-list__row" key={question.id} id={`q-${question.id}`}>
                <dt>{localize(question.text, i18n.language)}</dt>
                <dd>{answerText(question, answerOf(answers, question.id))}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
