import { type AnswerValue, localize, type Question } from '@opennrm/domain';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxGroup, RadioGroup } from '../../components/choice-fields';
import { TextAreaField, TextField } from '../../components/fields';

export const questionId = (id: string) => `q-${id}`;
const NONE = '__none';

interface Props {
  question: Question;
  value: AnswerValue | undefined;
  onChange: (value: AnswerValue) => void;
  error?: string;
  /** A second language to show each text in (the person's), or null. */
  second: string | null;
  disabled?: boolean;
}

/** A text in the UI language, and below it in the person's language when asked for. */
function Bilingual({ text, second }: { text: { en: string; [k: string]: string }; second: string | null }) {
  const { i18n } = useTranslation();
  const main = localize(text, i18n.language);
  const other = second && Object.hasOwn(text, second) ? text[second] : null;
  if (!other || other === main) return <>{main}</>;
  return (
    <>
      {main}
      <span className="second-language" lang={second ?? undefined} dir={i18n.dir(second ?? 'en')}>
        {other}
      </span>
    </>
  );
}

/** The yes / no / unknown labels in the UI language, and in the second language when we have it. */
function useAnswerLabel(second: string | null) {
  const { t, i18n } = useTranslation();
  const secondT = second && i18n.hasResourceBundle(second, 'translation') ? i18n.getFixedT(second) : null;
  return (key: string): ReactNode => {
    const main = t(`screening.answers.${key}`);
    const other = secondT ? secondT(`screening.answers.${key}`) : null;
    if (!other || other === main) return main;
    return (
      <>
        {main}
        <span className="second-language second-language--inline" lang={second ?? undefined}>
          {other}
        </span>
      </>
    );
  };
}

function NumberQuestion({ question, value, onChange, error, disabled, label, hint }: Props & Labels) {
  const { t } = useTranslation();
  const [text, setText] = useState(typeof value === 'number' ? String(value) : '');
  const [local, setLocal] = useState<string | undefined>();
  function change(next: string): void {
    setText(next);
    const trimmed = next.trim();
    if (trimmed === '') {
      setLocal(undefined);
      onChange(null);
      return;
    }
    const number = Number(trimmed.replace(',', '.'));
    if (!Number.isFinite(number)) {
      setLocal(t('screening.errors.number'));
      return;
    }
    if (
      (question.min !== undefined && number < question.min) ||
      (question.max !== undefined && number > question.max)
    ) {
      setLocal(t('screening.errors.range', { min: question.min ?? '', max: question.max ?? '' }));
      return;
    }
    setLocal(undefined);
    onChange(number);
  }
  return (
    <TextField
      id={questionId(question.id)}
      label={label as string}
      hint={hint as string | undefined}
      value={text}
      onValueChange={change}
      error={local ?? error}
      inputMode="decimal"
      dir="ltr"
      width="short"
      disabled={disabled}
    />
  );
}

interface Labels {
  label: ReactNode;
  hint: ReactNode;
}

/** One question of the questionnaire, drawn from its kind. */
export function QuestionField(props: Props) {
  const { question, value, onChange, error, second, disabled } = props;
  const { t, i18n } = useTranslation();
  const answerLabel = useAnswerLabel(second);
  const id = questionId(question.id);
  const legend = <Bilingual text={question.text} second={second} />;
  const hint = question.hint ? <Bilingual text={question.hint} second={second} /> : undefined;
  const group = { id, name: id, legend, hint, error, small: true };
  const optionsOf = () =>
    (question.options ?? []).map((option) => ({
      value: option.value,
      label: localize(option.label, i18n.language),
    }));
  switch (question.kind) {
    case 'yes_no_unknown':
      return (
        <RadioGroup
          {...group}
          inline
          disabled={disabled}
          value={typeof value === 'string' ? value : ''}
          onValueChange={onChange}
          options={['yes', 'no', 'unknown'].map((v) => ({ value: v, label: answerLabel(v) }))}
        />
      );
    case 'single_choice':
      return (
        <RadioGroup
          {...group}
          disabled={disabled}
          value={typeof value === 'string' ? value : ''}
          onValueChange={onChange}
          options={optionsOf()}
        />
      );
    case 'multi_choice': {
      const values = Array.isArray(value) ? value : [];
      const none = Array.isArray(value) && value.length === 0;
      return (
        <CheckboxGroup
          {...group}
          disabled={disabled}
          values={none ? [NONE] : values}
          onValuesChange={(next) => {
            const chosen = next.filter((v) => v !== NONE);
            if (next.includes(NONE) && !none) onChange([]);
            else onChange(chosen.length === 0 ? null : chosen);
          }}
          options={[...optionsOf(), { value: NONE, label: t('screening.answers.noneOfThese') }]}
        />
      );
    }
    case 'text':
      return (
        <TextAreaField
          id={id}
          label={localize(question.text, i18n.language)}
          hint={question.hint ? localize(question.hint, i18n.language) : undefined}
          value={typeof value === 'string' ? value : ''}
          onValueChange={(text) => onChange(text === '' ? null : text)}
          error={error}
          rows={3}
          maxLength={4000}
          disabled={disabled}
        />
      );
    case 'number':
      return (
        <NumberQuestion
          {...props}
          label={localize(question.text, i18n.language)}
          hint={question.hint ? localize(question.hint, i18n.language) : undefined}
        />
      );
  }
}
