import type { CaseListItem } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSession } from '../../api/auth';
import { CASES_KEY } from '../../api/cases';
import { usePagedList } from '../../api/lists';
import { Flash } from '../../components/flash';
import { errorMessage } from '../../components/form-errors';
import { PagedListFooter } from '../../components/load-more';
import { SkeletonRows } from '../../components/loading';
import { Notice } from '../../components/notice';
import { usePageTitle } from '../../components/page-title';
import { type Filters, useUrlFilters } from '../../components/url-filters';
import { ViewTabs } from '../../components/view-tabs';
import { hasPermission } from '../../lib/permissions';
import { CASE_FILTER_KEYS, type CaseFilterKey, CaseFilters } from './case-filters';
import { type CaseSort, CaseTable } from './case-table';
import { useKnownAssignees } from './use-assignees';

const URL_KEYS = [...CASE_FILTER_KEYS, 'view', 'sort'] as const;
type UrlKey = (typeof URL_KEYS)[number];
const VIEWS = ['mine', 'intake', 'unassigned', 'all'] as const;
type View = (typeof VIEWS)[number];

function isView(value: string): value is View {
  return (VIEWS as readonly string[]).includes(value);
}

function EmptyState({ view, filtered, canCreate }: { view: View; filtered: boolean; canCreate: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="empty-state">
      <h2 className="heading-m">{t('cases.emptyTitle')}</h2>
      <p>{filtered ? t('cases.emptyFiltered') : t(`cases.emptyView.${view}`)}</p>
      {!filtered && canCreate ? (
        <p>
          <Link to="/intake">{t('cases.emptyStartIntake')}</Link>
        </p>
      ) : null}
    </div>
  );
}

export function CaseListPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const nrm = hasPermission(me, 'cases.manage');
  const url = useUrlFilters<UrlKey>(URL_KEYS);
  const view: View = nrm && isView(url.filters.view) ? url.filters.view : 'all';
  const sort: CaseSort = url.filters.sort === 'received_asc' ? 'received_asc' : 'received_desc';
  const { assignees } = useKnownAssignees(nrm);
  const query = { ...url.query, view, sort };
  const list = usePagedList<CaseListItem>(CASES_KEY, '/cases', query);
  const filtered = CASE_FILTER_KEYS.some((key) => url.filters[key] !== '');
  const title = nrm ? `${t('cases.title')}: ${t(`cases.views.${view}`)}` : t('cases.title');
  usePageTitle(title);

  const apply = (values: Filters<CaseFilterKey>) => url.apply({ ...url.filters, ...values });
  const clear = () => {
    const empty = Object.fromEntries(CASE_FILTER_KEYS.map((key) => [key, ''])) as Filters<CaseFilterKey>;
    url.apply({ ...url.filters, ...empty });
  };
  const filterValues = Object.fromEntries(
    CASE_FILTER_KEYS.map((key) => [key, url.filters[key]]),
  ) as Filters<CaseFilterKey>;

  return (
    <>
      <h1 className="heading-xl">{t('cases.title')}</h1>
      <Flash />
      {nrm ? (
        <ViewTabs
          views={VIEWS}
          current={view}
          label={t('cases.viewsLabel')}
          text={(v) => t(`cases.views.${v}`)}
        />
      ) : null}
      {view === 'intake' ? <p className="hint">{t('cases.intakeUrgentFirst')}</p> : null}
      <div className="list-layout">
        <CaseFilters
          key={`${url.version}:${assignees.length}`}
          initial={filterValues}
          assignees={nrm ? assignees : []}
          onApply={apply}
          onClear={clear}
        />
        <div className="list-layout__results">
          {list.isPending ? (
            <SkeletonRows rows={8} />
          ) : list.isError ? (
            <Notice tone="error" title={errorMessage(t, list.error)} />
          ) : list.items.length === 0 ? (
            <EmptyState view={view} filtered={filtered} canCreate={hasPermission(me, 'cases.create')} />
          ) : (
            <>
              <CaseTable
                items={list.items}
                sort={sort}
                onSort={(next) => url.apply({ ...url.filters, sort: next === 'received_desc' ? '' : next })}
              />
              <PagedListFooter list={list} countKey="cases.count" shownKey="cases.countShown" />
            </>
          )}
        </div>
      </div>
    </>
  );
}
