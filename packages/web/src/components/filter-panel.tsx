import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from './fields';
import type { Filters } from './url-filters';

interface Props {
  label: string;
  /** Whether any filter is applied: then the panel starts open even on a phone. */
  active: boolean;
  onApply: () => void;
  onClear: () => void;
  children: ReactNode;
}

function startsOpen(active: boolean): boolean {
  return active || !window.matchMedia('(max-width: 40rem)').matches;
}

/** The MoJ filter pattern: fields, then "Apply filters" and "Clear filters"; folded on phones. */
export function FilterPanel({ label, active, onApply, onClear, children }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(() => startsOpen(active));
  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    onApply();
  }
  return (
    <search className="filter" aria-label={label}>
      <details open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary className="filter__summary">
          <h2 className="filter__title">{t('common.filters')}</h2>
        </summary>
        <form onSubmit={submit} noValidate>
          <div className="filter__fields">{children}</div>
          <div className="button-group">
            <button type="submit" className="button button--secondary">
              {t('common.applyFilters')}
            </button>
            <button type="button" className="button button--link" onClick={onClear}>
              {t('common.clearFilters')}
            </button>
          </div>
        </form>
      </details>
    </search>
  );
}

interface FormProps<K extends string> {
  label: string;
  /** The filters applied now (from the address): the fields start from them. */
  initial: Filters<K>;
  onApply: (filters: Filters<K>) => void;
  onClear: () => void;
  /** The fields, given the values as typed and a setter per filter. */
  children: (values: Filters<K>, set: (key: K) => (value: string) => void) => ReactNode;
}

/** A filter panel over the list's URL filters: the fields edit a copy, applied with the button. */
export function FilterForm<K extends string>({ label, initial, onApply, onClear, children }: FormProps<K>) {
  const [values, setValues] = useState(initial);
  const set = (key: K) => (value: string) => setValues((old) => ({ ...old, [key]: value }));
  return (
    <FilterPanel
      label={label}
      active={Object.values(initial).some(Boolean)}
      onApply={() => onApply(values)}
      onClear={onClear}
    >
      {children(values, set)}
    </FilterPanel>
  );
}

/** "Status: any / active / inactive", for lists of accounts and organisations. */
export function ActiveFilter({
  value,
  onValueChange,
}: {
  value: string;
  onValueChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <SelectField
      id="filter-active"
      label={t('common.status')}
      value={value}
      onValueChange={onValueChange}
      placeholderOption={t('common.anyStatus')}
      options={[
        { value: 'true', label: t('common.active') },
        { value: 'false', label: t('common.inactive') },
      ]}
    />
  );
}

interface DateRangeProps {
  labels: { from: string; to: string };
  /** The filter form's values, with `from` and `to`, and its setter. */
  values: { from: string; to: string };
  set: (key: 'from' | 'to') => (value: string) => void;
}

/** "From" and "to" dates of a list's filters. */
export function DateRangeFilter({ labels, values, set }: DateRangeProps) {
  return (
    <>
      <TextField
        id="filter-from"
        type="date"
        label={labels.from}
        value={values.from}
        onValueChange={set('from')}
      />
      <TextField id="filter-to" type="date" label={labels.to} value={values.to} onValueChange={set('to')} />
    </>
  );
}
