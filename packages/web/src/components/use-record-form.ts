import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiErrorToFieldErrors, type FieldError, useFormErrors } from './form-errors';

type Mapping = Parameters<typeof apiErrorToFieldErrors>[2];

interface Options<V> {
  initial: V;
  /** What is wrong with the values; messages are translation keys. */
  validate: (values: V) => FieldError[];
  submit: (values: V) => Promise<unknown>;
  onSaved: (values: V) => void;
  /** Told whether errors are shown (the page prefixes its title). */
  onErrorsChange: (hasErrors: boolean) => void;
  /** How the server's refusals map to the fields. */
  mapping: Mapping;
}

/**
 * The create and edit forms of an administered record (an organisation, a user account): the
 * values as typed, checked before sending, saved, and the server's refusals shown by field.
 */
export function useRecordForm<V extends object>({
  initial,
  validate,
  submit,
  onSaved,
  onErrorsChange,
  mapping,
}: Options<V>) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const form = useFormErrors();
  const set = (key: keyof V) => (value: string) => setValues((old) => ({ ...old, [key]: value }));

  function show(problems: FieldError[]): void {
    form.show(problems);
    onErrorsChange(problems.length > 0);
  }

  const save = useMutation({
    mutationFn: () => submit(values),
    onSuccess: () => {
      onErrorsChange(false);
      onSaved(values);
    },
    onError: (error) => show(apiErrorToFieldErrors(t, error, mapping)),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const problems = validate(values).map((problem) => ({ ...problem, message: t(problem.message) }));
    if (problems.length > 0) {
      show(problems);
      return;
    }
    form.clear();
    save.mutate();
  }

  return { values, setValues, set, form, save, onSubmit };
}
