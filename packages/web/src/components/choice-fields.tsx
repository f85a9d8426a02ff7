import type { InputHTMLAttributes, ReactNode } from 'react';
import { describedBy, HintAndError } from './fields';

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

/** A fieldset with its legend, hint and error, GOV.UK style. */
export function FieldGroup({ id, legend, hint, error, inline, small, lang, children }: GroupProps) {
  return (
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <fieldset className="fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className={small ? 'fieldset__legend fieldset__legend--s' : 'fieldset__legend'} lang={lang}>
          {legend}
        </legend>
        <HintAndError id={id} hint={hint} error={error} />
        <div className={inline ? 'choices choices--inline' : 'choices'}>{children}</div>
      </fieldset>
    </div>
  );
}

/** One radio or checkbox of a group, with its label and hint. */
function Choice({
  option,
  inputId,
  input,
}: {
  option: ChoiceOption;
  inputId: string;
  input: InputHTMLAttributes<HTMLInputElement>;
}) {
  return (
    <div className="choice">
      <input
        {...input}
        id={inputId}
        value={option.value}
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
}

/** The first option's input takes the group's id (the error summary links to it). */
const inputIdOf = (groupId: string, value: string, index: number) =>
  index === 0 ? groupId : `${groupId}-${value}`;

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
      {options.map((option, index) => (
        <Choice
          key={option.value}
          option={option}
          inputId={inputIdOf(group.id, option.value, index)}
          input={{
            type: 'radio',
            className: 'choice__input',
            name,
            checked: value === option.value,
            onChange: () => onValueChange(option.value),
            disabled,
          }}
        />
      ))}
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
      {options.map((option, index) => (
        <Choice
          key={option.value}
          option={option}
          inputId={inputIdOf(group.id, option.value, index)}
          input={{
            type: 'checkbox',
            className: 'choice__input choice__input--checkbox',
            name,
            checked: values.includes(option.value),
            onChange: (event) => toggle(option.value, event.target.checked),
            disabled,
          }}
        />
      ))}
    </FieldGroup>
  );
}
