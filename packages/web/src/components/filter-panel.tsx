import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';

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
