import { CaseCategory, CaseStage, IntakeChannel, RiskLevel } from '@opennrm/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField, TextField } from '../../components/fields';
import { FilterPanel } from '../../components/filter-panel';
import type { Filters } from '../../components/url-filters';
import { useDisplayNames } from '../../i18n/display-names';
import type { Assignee } from './use-assignees';

export const CASE_FILTER_KEYS = [
  'q',
  'stage',
  'category',
  'risk',
  'nationality',
  'channel',
  'assignee',
  'from',
  'to',
] as const;
export type CaseFilterKey = (typeof CASE_FILTER_KEYS)[number];

interface Props {
  initial: Filters<CaseFilterKey>;
  assignees: readonly Assignee[];
  onApply: (filters: Filters<CaseFilterKey>) => void;
  onClear: () => void;
}

export function CaseFilters({ initial, assignees, onApply, onClear }: Props) {
  const { t } = useTranslation();
  const names = useDisplayNames();
  const [values, setValues] = useState(initial);
  const set = (key: CaseFilterKey) => (value: string) => setValues((old) => ({ ...old, [key]: value }));
  const choices = (prefix: string, list: readonly string[]) =>
    list.map((value) => ({ value, label: t(`${prefix}.${value}`) }));
  return (
    <FilterPanel
      label={t('cases.filtersLabel')}
      active={Object.values(initial).some(Boolean)}
      onApply={() => onApply(values)}
      onClear={onClear}
    >
      <TextField
        id="filter-q"
        type="search"
        label={t('cases.search')}
        hint={t('cases.searchHint')}
        value={values.q}
        onValueChange={set('q')}
        maxLength={100}
        spellCheck={false}
      />
      <SelectField
        id="filter-stage"
        label={t('cases.stage')}
        value={values.stage}
        onValueChange={set('stage')}
        placeholderOption={t('cases.anyStage')}
        options={choices('caseStages', CaseStage.options)}
      />
      <SelectField
        id="filter-category"
        label={t('cases.category')}
        value={values.category}
        onValueChange={set('category')}
        placeholderOption={t('cases.anyCategory')}
        options={choices('caseCategories', CaseCategory.options)}
      />
      <SelectField
        id="filter-risk"
        label={t('cases.risk')}
        value={values.risk}
        onValueChange={set('risk')}
        placeholderOption={t('cases.anyRisk')}
        options={choices('riskLevels', RiskLevel.options)}
      />
      <SelectField
        id="filter-nationality"
        label={t('cases.nationality')}
        value={values.nationality}
        onValueChange={set('nationality')}
        placeholderOption={t('cases.anyNationality')}
        options={names.countryOptions}
      />
      <SelectField
        id="filter-channel"
        label={t('cases.channel')}
        value={values.channel}
        onValueChange={set('channel')}
        placeholderOption={t('cases.anyChannel')}
        options={choices('intakeChannels', IntakeChannel.options)}
      />
      {assignees.length > 0 ? (
        <SelectField
          id="filter-assignee"
          label={t('cases.assignee')}
          value={values.assignee}
          onValueChange={set('assignee')}
          placeholderOption={t('cases.anyAssignee')}
          options={assignees.map((a) => ({ value: a.id, label: a.displayName }))}
        />
      ) : null}
      <TextField
        id="filter-from"
        type="date"
        label={t('cases.receivedFrom')}
        value={values.from}
        onValueChange={set('from')}
      />
      <TextField
        id="filter-to"
        type="date"
        label={t('cases.receivedTo')}
        value={values.to}
        onValueChange={set('to')}
      />
    </FilterPanel>
  );
}
