import type { CaseListItem } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { DataTable } from '../../components/data-table';
import { DateTime } from '../../components/date-time';
import { Ltr } from '../../components/ltr';
import { CategoryBadge, CountryName, PersonNames, RiskBadge, StageBadge } from './case-labels';

export type CaseSort = 'received_desc' | 'received_asc';

interface Props {
  items: readonly CaseListItem[];
  sort: CaseSort;
  onSort: (sort: CaseSort) => void;
}

function Row({ item }: { item: CaseListItem }) {
  const { t } = useTranslation();
  return (
    <tr>
      <td data-label={t('cases.reference')}>
        <Link to={`/cases/${item.id}`} className="case-ref">
          <Ltr>{item.reference}</Ltr>
        </Link>
        <span className="table__secondary">{t(`intakeChannels.${item.channel}`)}</span>
      </td>
      <td data-label={t('cases.personAndNationality')}>
        <PersonNames person={item.person} />
        {item.person ? (
          <span className="table__secondary">
            <CountryName code={item.person.nationality} />
          </span>
        ) : null}
      </td>
      <td data-label={t('cases.category')}>
        <CategoryBadge category={item.category} subtype={item.subtype} />
      </td>
      <td data-label={t('cases.risk')}>
        <RiskBadge risk={item.risk} />
      </td>
      <td data-label={t('cases.stage')}>
        <StageBadge stage={item.stage} />
      </td>
      <td data-label={t('cases.assignee')}>
        {item.assignedTo ? (
          item.assignedTo.displayName
        ) : (
          <span className="muted">{t('cases.unassigned')}</span>
        )}
      </td>
      <td data-label={t('cases.received')}>
        <DateTime iso={item.receivedAt} dateOnly />
      </td>
    </tr>
  );
}

/** The case list; the received column sorts newest or oldest first. */
export function CaseTable({ items, sort, onSort }: Props) {
  const { t } = useTranslation();
  const descending = sort === 'received_desc';
  return (
    <DataTable caption={t('cases.tableCaption')} variant="cards">
      <thead>
        <tr>
          <th scope="col">{t('cases.reference')}</th>
          <th scope="col">{t('cases.person')}</th>
          <th scope="col">{t('cases.category')}</th>
          <th scope="col">{t('cases.risk')}</th>
          <th scope="col">{t('cases.stage')}</th>
          <th scope="col">{t('cases.assignee')}</th>
          <th scope="col" aria-sort={descending ? 'descending' : 'ascending'}>
            <button
              type="button"
              className="sort-button"
              onClick={() => onSort(descending ? 'received_asc' : 'received_desc')}
            >
              {t('cases.received')}
              <span className="sort-button__state">
                {descending ? t('cases.sortNewestFirst') : t('cases.sortOldestFirst')}
              </span>
            </button>
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <Row key={item.id} item={item} />
        ))}
      </tbody>
    </DataTable>
  );
}
