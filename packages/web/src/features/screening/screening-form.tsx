import { type Answers, answerOf, localize, type Questionnaire } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { QuestionField } from './question-field';
import type { useScreeningAutosave } from './use-screening-autosave';

interface Props {
  questionnaire: Questionnaire;
  answers: Answers;
  onChange: ReturnType<typeof useScreeningAutosave>['change'];
  errorFor: (questionId: string) => string | undefined;
  second: string | null;
}

const answered = (value: unknown) =>
  value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');

/**
 * The questionnaire drawn from its data: one headed part per section, one question each
 * (yes / no / unknown, choices, numbers, text), in the UI language and, when asked for,
 * the person's language too.
 */
export function ScreeningForm({ questionnaire, answers, onChange, errorFor, second }: Props) {
  const { t, i18n } = useTranslation();
  return (
    <div className="questionnaire">
      {questionnaire.sections.map((section) => {
        const done = section.questions.filter((q) => answered(answerOf(answers, q.id))).length;
        const titleId = `section-${section.id}`;
        return (
          <section className="questionnaire__section" key={section.id} aria-labelledby={titleId}>
            <h3 className="questionnaire__title" id={titleId}>
              {localize(section.title, i18n.language)}
              {second && Object.hasOwn(section.title, second) && second !== i18n.language ? (
                <span className="second-language" lang={second} dir={i18n.dir(second)}>
                  {section.title[second]}
                </span>
              ) : null}
            </h3>
            <p className="questionnaire__progress">
              {t('screening.sectionProgress', { done, count: section.questions.length })}
            </p>
            {section.description ? (
              <p className="hint">{localize(section.description, i18n.language)}</p>
            ) : null}
            {section.questions.map((question) => (
              <QuestionField
                key={question.id}
                question={question}
                value={answerOf(answers, question.id)}
                onChange={(value) => onChange(question.id, value)}
                error={errorFor(question.id)}
                second={second}
              />
            ))}
          </section>
        );
      })}
    </div>
  );
}
