import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A choice; its label may hold markup, for example the same words in a second language. */
export interface ChoiceOption {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
  lang?: string;
}

interface GroupProps {
  /** Id of the first input, so the error summary can link to the group. */
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** Options side by side (short answers such as yes / no / unknown). */
  inline?: boolean;
  /** Smaller legend, for a question inside a larger form. */
  small?: boolean;
  lang?: string;
  children: ReactNode;
}

function describedBy(id: string, hint?: ReactNode, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** A fieldset with its legend, hint and error, GOV.UK style. */
export function FieldGroup({ id, legend, hint, error, inline, small, lang, children }: GroupProps) {
  const { t } = useTranslation();
  return (
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <fieldset className="fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className={small ? 'fieldset__legend fieldset__legend--s' : 'fieldset__legend'} lang={lang}>
          {legend}
        </legend>
        {hint ? (
          <div className="hint" id={`${id}-hint`}>
            {hint}
          </div>
        ) : null}
        {error ? (
          <p className="error-message" id={`${id}-error`}>
            <span className="visually-hidden">{t('common.errorPrefix')}</span> {error}
          </p>
        ) : null}
        <div className={inline ? 'choices choices--inline' : 'choices'}>{children}</div>
      </fieldset>
    </div>
  );
}

type ChoiceGroupProps = Omit<GroupProps, 'children'> & {
  name: string;
  options: readonly ChoiceOption[];
  disabled?: boolean;
};

/** One answer among a few: radios. */
export function RadioGroup({
  value,
  onValueChange,
  name,
  options,
  disabled,
  ...group
}: ChoiceGroupProps & { value: string; onValueChange: (value: string) => void }) {
  return (
    <FieldGroup {...group}>
      {options.map((option, index) => {
        const inputId = index === 0 ? group.id : `${group.id}-${option.value}`;
        return (
          <div className="choice" key={option.value}>
            <input
              type="radio"
              className="choice__input"
              id={inputId}
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onValueChange(option.value)}
              disabled={disabled}
              aria-describedby={option.hint ? `${inputId}-hint` : undefined}
            />
            <label className="choice__label" htmlFor={inputId} lang={option.lang}>
              {option.label}
            </label>
            {option.hint ? (
              <div className="choice__hint hint" id={`${inputId}-hint`}>
                {option.hint}
              </div>
            ) : null}
          </div>
        );
      })}
    </FieldGroup>
  );
}

/** Any number of answers: checkboxes. */
export function CheckboxGroup({
  values,
  onValuesChange,
  name,
  options,
  disabled,
  ...group
}: ChoiceGroupProps & { values: readonly string[]; onValuesChange: (values: string[]) => void }) {
  function toggle(value: string, checked: boolean): void {
    const next = checked ? [...values, value] : values.filter((v) => v !== value);
    // Keep the options' order, so saved answers do not depend on the order of clicks.
    onValuesChange(options.map((o) => o.value).filter((v) => next.includes(v)));
  }
  return (
    <FieldGroup {...group}>
      {options.map((option, index) => {
        const inputId = index === 0 ? group.id : `${group.id}-${option.value}`;
        return (
          <div className="choice" key={option.value}>
            <input
              type="checkbox"
              className="choice__input choice__input--checkbox"
              id={inputId}
              name={name}
              value={option.value}
              checked={values.includes(option.value)}
              onChange={(event) => toggle(option.value, event.target.checked)}
              disabled={disabled}
              aria-describedby={option.hint ? `${inputId}-hint` : undefined}
            />
            <label className="choice__label" htmlFor={inputId} lang={option.lang}>
              {option.label}
            </label>
            {option.hint ? (
              <div className="choice__hint hint" id={`${inputId}-hint`}>
                {option.hint}
              </div>
            ) : null}
          </div>
        );
      })}
    </FieldGroup>
  );
}
