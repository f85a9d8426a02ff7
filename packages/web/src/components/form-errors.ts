import type { TFunction } from 'i18next';
import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError } from '../api/client';

/** One problem to report; `field` is empty when the problem concerns the whole form. */
export interface FieldError {
  field: string;
  message: string;
}

export function useFormErrors() {
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [focusRequest, setFocusRequest] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (focusRequest > 0) summaryRef.current?.focus();
  }, [focusRequest]);

  const show = useCallback((list: FieldError[]) => {
    setErrors(list);
    if (list.length > 0) setFocusRequest((n) => n + 1);
  }, []);
  const clear = useCallback(() => setErrors([]), []);
  const errorFor = useCallback(
    (field: string) => errors.find((error) => error.field === field)?.message,
    [errors],
  );

  return { errors, show, clear, errorFor, summaryRef };
}

export function errorMessage(t: TFunction, error: unknown): string {
  if (isApiError(error)) return t([`errors.${error.code}`, 'errors.UNKNOWN']);
  return t('errors.UNKNOWN');
}

interface Mapping {
  /** Translation namespace of the form: `forms.<form>.errors.<field>.<issueCode>`. */
  form: string;
  /** Fields the form shows; issues for other paths are reported for the whole form. */
  fields: readonly string[];
  /** Which field an error code belongs to, e.g. USERNAME_TAKEN → username. */
  codeFields?: Readonly<Record<string, string>>;
  /** Fields of nested paths, e.g. `person.nameLatin` → nameLatin (matched with its sub-paths). */
  pathFields?: Readonly<Record<string, string>>;
}

function fieldOfPath(path: (string | number)[], mapping: Mapping): string {
  const joined = path.join('.');
  const prefixes = Object.entries(mapping.pathFields ?? {}).sort((a, b) => b[0].length - a[0].length);
  for (const [prefix, field] of prefixes) {
    if (joined === prefix || joined.startsWith(`${prefix}.`)) return field;
  }
  const first = path[0];
  return typeof first === 'string' && mapping.fields.includes(first) ? first : '';
}

/** Turns an API failure into messages next to fields, translated by code. */
export function apiErrorToFieldErrors(t: TFunction, error: unknown, mapping: Mapping): FieldError[] {
  if (!isApiError(error)) return [{ field: '', message: t('errors.UNKNOWN') }];
  const issues = error.issues;
  if (issues.length === 0) {
    const field = mapping.codeFields?.[error.code] ?? '';
    return [{ field, message: errorMessage(t, error) }];
  }
  const result: FieldError[] = [];
  for (const issue of issues) {
    const field = fieldOfPath(issue.path, mapping);
    if (result.some((existing) => existing.field === field)) continue;
    const keys = [
      `forms.${mapping.form}.errors.${field || 'form'}.${issue.code}`,
      `forms.${mapping.form}.errors.${field || 'form'}.invalid`,
      `validation.${issue.code}`,
      'validation.invalid',
    ];
    const custom = issue.params?.i18n;
    if (typeof custom === 'string') keys.unshift(custom);
    result.push({ field, message: t(keys) });
  }
  return result;
}
