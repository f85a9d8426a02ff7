import { ORGANISATION_KINDS, type Organisation } from '@opennrm/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ORGANISATIONS_KEY } from '../../api/admin';
import { useSession } from '../../api/auth';
import { usePagedList } from '../../api/lists';
import { Badge } from '../../components/badge';
import { DataTable } from '../../components/data-table';
import { SelectField, TextField } from '../../components/fields';
import { FilterPanel } from '../../components/filter-panel';
import { Flash } from '../../components/flash';
import { errorMessage } from '../../components/form-errors';
import { ListFooter } from '../../components/load-more';
import { SkeletonRows } from '../../components/loading';
import { Ltr } from '../../components/ltr';
import { Notice } from '../../components/notice';
import { activeTone } from '../../components/organisation-labels';
import { usePageTitle } from '../../components/page-title';
import { type Filters, useUrlFilters } from '../../components/url-filters';
import { hasPermission } from '../../lib/permissions';

const FILTER_KEYS = ['q', 'kind', 'active'] as const;
type Key = (typeof FILTER_KEYS)[number];

function OrganisationFilters({
  initial,
  onApply,
  onClear,
}: {
  initial: Filters<Key>;
  onApply: (filters: Filters<Key>) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const set = (key: Key) => (value: string) => setValues((old) => ({ ...old, [key]: value }));
  return (
    <FilterPanel
      label={t('organisations.filtersLabel')}
      active={Object.values(initial).some(Boolean)}
      onApply={() => onApply(values)}
      onClear={onClear}
    >
      <TextField
        id="filter-q"
        type="search"
        label={t('organisations.search')}
        value={values.q}
        onValueChange={set('q')}
      />
      <SelectField
        id="filter-kind"
        label={t('organisations.kind')}
        value={values.kind}
        onValueChange={set('kind')}
        placeholderOption={t('organisations.allKinds')}
        options={ORGANISATION_KINDS.map((kind) => ({ value: kind, label: t(`organisationKinds.${kind}`) }))}
      />
      <SelectField
        id="filter-active"
        label={t('common.status')}
        value={values.active}
        onValueChange={set('active')}
        placeholderOption={t('common.anyStatus')}
        options={[
          { value: 'true', label: t('common.active') },
          { value: 'false', label: t('common.inactive') },
        ]}
      />
    </FilterPanel>
  );
}

/** Names in both scripts, the reader's own script first; the link is on the first name present. */
function NameCells({
  organisation,
  arabicFirst,
  canManage,
}: {
  organisation: Organisation;
  arabicFirst: boolean;
  canManage: boolean;
}) {
  const names = [
    { lang: 'en', text: organisation.name },
    { lang: 'ar', text: organisation.nameAr },
  ];
  if (arabicFirst) names.reverse();
  const linked = names.find((name) => name.text)?.lang;
  return (
    <>
      {names.map(({ lang, text }) => (
        <td key={lang}>
          {text && canManage && lang === linked ? (
            <Link to={`/organisations/${organisation.id}`}>
              <bdi lang={lang}>{text}</bdi>
            </Link>
          ) : text ? (
            <bdi lang={lang}>{text}</bdi>
          ) : null}
        </td>
      ))}
    </>
  );
}

function OrganisationRow({ organisation, canManage }: { organisation: Organisation; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <tr>
      <NameCells organisation={organisation} arabicFirst={i18n.language === 'ar'} canManage={canManage} />
      <td>
        <Badge tone="blue">{t(`organisationKinds.${organisation.kind}`)}</Badge>
      </td>
      <td>{organisation.countryCode ? <Ltr>{organisation.countryCode}</Ltr> : ''}</td>
      <td>
        <Badge tone={activeTone(organisation.active)}>
          {organisation.active ? t('common.active') : t('common.inactive')}
        </Badge>
      </td>
      <td className="table__numeric">{organisation.userCount}</td>
    </tr>
  );
}

export function OrganisationsPage() {
  const { t, i18n } = useTranslation();
  const nameHeaders = [t('organisations.nameEn'), t('organisations.nameAr')];
  if (i18n.language === 'ar') nameHeaders.reverse();
  const navigate = useNavigate();
  const { me } = useSession();
  const canManage = hasPermission(me, 'organisations.manage');
  const url = useUrlFilters(FILTER_KEYS);
  const list = usePagedList<Organisation>(ORGANISATIONS_KEY, '/organisations', url.query);
  usePageTitle(t('organisations.title'));

  return (
    <>
      <div className="page-heading">
        <h1 className="heading-xl">{t('organisations.title')}</h1>
        {canManage ? (
          <button type="button" className="button" onClick={() => navigate('/organisations/new')}>
            {t('organisations.new')}
          </button>
        ) : null}
      </div>
      <Flash />
      <div className="list-layout">
        <OrganisationFilters
          key={url.version}
          initial={url.filters}
          onApply={url.apply}
          onClear={url.clear}
        />
        <div className="list-layout__results">
          {list.isPending ? (
            <SkeletonRows />
          ) : list.isError ? (
            <Notice tone="error" title={errorMessage(t, list.error)} />
          ) : list.items.length === 0 ? (
            <div className="empty-state">
              <h2 className="heading-m">{t('organisations.emptyTitle')}</h2>
              <p>{url.active ? t('organisations.emptyFiltered') : t('organisations.emptyAll')}</p>
            </div>
          ) : (
            <>
              <DataTable caption={t('organisations.title')}>
                <thead>
                  <tr>
                    {nameHeaders.map((header) => (
                      <th scope="col" key={header}>
                        {header}
                      </th>
                    ))}
                    <th scope="col">{t('organisations.kind')}</th>
                    <th scope="col">{t('organisations.country')}</th>
                    <th scope="col">{t('common.status')}</th>
                    <th scope="col" className="table__numeric">
                      {t('organisations.users')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((organisation) => (
                    <OrganisationRow
                      key={organisation.id}
                      organisation={organisation}
                      canManage={canManage}
                    />
                  ))}
                </tbody>
              </DataTable>
              <ListFooter
                countKey="organisations.count"
                count={list.items.length}
                hasMore={list.hasNextPage}
                loading={list.isFetchingNextPage}
                onLoadMore={() => void list.fetchNextPage()}
              />
            </>
          )}
        </div>
      </div>
    </>
  );
}
