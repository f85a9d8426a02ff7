import { AUDIT_ACTIONS } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../components/fields';
import { DateRangeFilter, FilterForm } from '../../components/filter-panel';
import type { Filters } from '../../components/url-filters';

export const AUDIT_FILTER_KEYS = [
  'action',
  'actor',
  'outcome',
  'targetType',
  'targetId',
  'from',
  'to',
] as const;
export type AuditFilterKey = (typeof AUDIT_FILTER_KEYS)[number];
export const OUTCOMES = ['success', 'denied', 'failure'] as const;

interface Props {
  initial: Filters<AuditFilterKey>;
  onApply: (filters: Filters<AuditFilterKey>) => void;
  onClear: () => void;
}

export function AuditFilters({ initial, onApply, onClear }: Props) {
  const { t } = useTranslation();
  return (
    <FilterForm label={t('audit.filtersLabel')} initial={initial} onApply={onApply} onClear={onClear}>
      {(values, set) => {
        /** Names and identifiers, typed as the system writes them. */
        const code = (key: AuditFilterKey, id: string, label: string, hint?: string) => (
          <TextField
            id={id}
            label={label}
            hint={hint}
            value={values[key]}
            onValueChange={set(key)}
            dir="ltr"
            autoCapitalize="none"
            spellCheck={false}
          />
        );
        return (
          <>
            <SelectField
              id="filter-action"
              label={t('audit.action')}
              value={values.action}
              onValueChange={set('action')}
              placeholderOption={t('audit.allActions')}
              options={AUDIT_ACTIONS.map((action) => ({ value: action, label: t(`auditActions.${action}`) }))}
            />
            {code('actor', 'filter-actor', t('audit.actorFilter'))}
            <SelectField
              id="filter-outcome"
              label={t('audit.outcome')}
              value={values.outcome}
              onValueChange={set('outcome')}
              placeholderOption={t('audit.allOutcomes')}
              options={OUTCOMES.map((outcome) => ({ value: outcome, label: t(`auditOutcomes.${outcome}`) }))}
            />
            {code('targetType', 'filter-target-type', t('audit.targetType'), t('audit.targetTypeHint'))}
            {code('targetId', 'filter-target-id', t('audit.targetId'))}
            <DateRangeFilter
              labels={{ from: t('audit.from'), to: t('audit.to') }}
              values={values}
              set={set}
            />
          </>
        );
      }}
    </FilterForm>
  );
}
