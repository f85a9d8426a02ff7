import { AUDIT_ACTIONS } from '@opennrm/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../components/fields';
import { FilterPanel } from '../../components/filter-panel';
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
  const [values, setValues] = useState(initial);
  const set = (key: AuditFilterKey) => (value: string) => setValues((old) => ({ ...old, [key]: value }));
  return (
    <FilterPanel
      label={t('audit.filtersLabel')}
      active={Object.values(initial).some(Boolean)}
      onApply={() => onApply(values)}
      onClear={onClear}
    >
      <SelectField
        id="filter-action"
        label={t('audit.action')}
        value={values.action}
        onValueChange={set('action')}
        placeholderOption={t('audit.allActions')}
        options={AUDIT_ACTIONS.map((action) => ({ value: action, label: t(`auditActions.${action}`) }))}
      />
      <TextField
        id="filter-actor"
        label={t('audit.actorFilter')}
        value={values.actor}
        onValueChange={set('actor')}
        dir="ltr"
        autoCapitalize="none"
        spellCheck={false}
      />
      <SelectField
        id="filter-outcome"
        label={t('audit.outcome')}
        value={values.outcome}
        onValueChange={set('outcome')}
        placeholderOption={t('audit.allOutcomes')}
        options={OUTCOMES.map((outcome) => ({ value: outcome, label: t(`auditOutcomes.${outcome}`) }))}
      />
      <TextField
        id="filter-target-type"
        label={t('audit.targetType')}
        hint={t('audit.targetTypeHint')}
        value={values.targetType}
        onValueChange={set('targetType')}
        dir="ltr"
        autoCapitalize="none"
        spellCheck={false}
      />
      <TextField
        id="filter-target-id"
        label={t('audit.targetId')}
        value={values.targetId}
        onValueChange={set('targetId')}
        dir="ltr"
        autoCapitalize="none"
        spellCheck={false}
      />
      <TextField
        id="filter-from"
        type="date"
        label={t('audit.from')}
        value={values.from}
        onValueChange={set('from')}
      />
      <TextField
        id="filter-to"
        type="date"
        label={t('audit.to')}
        value={values.to}
        onValueChange={set('to')}
      />
    </FilterPanel>
  );
}
