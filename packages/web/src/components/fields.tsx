import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

interface FieldShellProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}

export function describedBy(id: string, hint?: ReactNode, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** A field's hint and error message, with the ids `describedBy` points at. */
export function HintAndError({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  const { t } = useTranslation();
  return (
    <>
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
    </>
  );
}

/** A labelled field, GOV.UK style: label, hint, error, then the control. */
export function FieldShell({ id, label, hint, error, children }: FieldShellProps) {
  return (
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      <HintAndError id={id} hint={hint} error={error} />
      {children}
    </div>
  );
}

/** What every control of a field carries: its value, and what describes it. */
function controlProps(
  id: string,
  hint: string | undefined,
  error: string | undefined,
  value: string,
  onValueChange: (value: string) => void,
) {
  return {
    id,
    value,
    onChange: (event: { target: { value: string } }) => onValueChange(event.target.value),
    'aria-describedby': describedBy(id, hint, error),
    'aria-invalid': error ? true : undefined,
  };
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'value'> & {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onValueChange: (value: string) => void;
  width?: 'full' | 'medium' | 'short';
};

export function TextField({
  id,
  label,
  hint,
  error,
  value,
  onValueChange,
  width = 'medium',
  ...rest
}: InputProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <input
        {...rest}
        className={`input input--${width}${error ? ' input--error' : ''}`}
        {...controlProps(id, hint, error, value, onValueChange)}
      />
    </FieldShell>
  );
}

export interface Option {
  value: string;
  label: string;
  lang?: string;
}

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'onChange' | 'value'> & {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onValueChange: (value: string) => void;
  options: readonly Option[];
  /** Text of a first, empty choice ("Choose a role", "All kinds"). */
  placeholderOption?: string;
};

export function SelectField({
  id,
  label,
  hint,
  error,
  value,
  onValueChange,
  options,
  placeholderOption,
  ...rest
}: SelectProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <select
        {...rest}
        className={`select${error ? ' select--error' : ''}`}
        {...controlProps(id, hint, error, value, onValueChange)}
      >
        {placeholderOption !== undefined ? <option value="">{placeholderOption}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value} lang={option.lang}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'onChange' | 'value'> & {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onValueChange: (value: string) => void;
};

export function TextAreaField({
  id,
  label,
  hint,
  error,
  value,
  onValueChange,
  rows = 5,
  ...rest
}: TextAreaProps) {
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <textarea
        {...rest}
        rows={rows}
        className={`textarea${error ? ' textarea--error' : ''}`}
        {...controlProps(id, hint, error, value, onValueChange)}
      />
    </FieldShell>
  );
}

/** A password: typed left to right whatever the page's direction, never shown. */
export function PasswordField(props: Omit<InputProps, 'type' | 'dir'>) {
  return <TextField {...props} type="password" dir="ltr" />;
}
