import { CaseCategory, CaseStage, IntakeChannel, RiskLevel } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { type Option, SelectField, TextField } from '../../components/fields';
import { DateRangeFilter, FilterForm } from '../../components/filter-panel';
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
  const choices = (prefix: string, list: readonly string[]) =>
    list.map((value) => ({ value, label: t(`${prefix}.${value}`) }));
  return (
    <FilterForm label={t('cases.filtersLabel')} initial={initial} onApply={onApply} onClear={onClear}>
      {(values, set) => {
        const select = (key: CaseFilterKey, label: string, any: string, options: Option[]) => (
          <SelectField
            id={`filter-${key}`}
            label={t(`cases.${label}`)}
            value={values[key]}
            onValueChange={set(key)}
            placeholderOption={t(`cases.${any}`)}
            options={options}
          />
        );
        return (
          <>
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
            {select('stage', 'stage', 'anyStage', choices('caseStages', CaseStage.options))}
            {select('category', 'category', 'anyCategory', choices('caseCategories', CaseCategory.options))}
            {select('risk', 'risk', 'anyRisk', choices('riskLevels', RiskLevel.options))}
            {select('nationality', 'nationality', 'anyNationality', names.countryOptions)}
            {select('channel', 'channel', 'anyChannel', choices('intakeChannels', IntakeChannel.options))}
            {assignees.length > 0
              ? select(
                  'assignee',
                  'assignee',
                  'anyAssignee',
                  assignees.map((a) => ({ value: a.id, label: a.displayName })),
                )
              : null}
            <DateRangeFilter
              labels={{ from: t('cases.receivedFrom'), to: t('cases.receivedTo') }}
              values={values}
              set={set}
            />
          </>
        );
      }}
    </FilterForm>
  );
}
