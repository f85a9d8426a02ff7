import { ORGANISATION_KINDS, type Organisation } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ORGANISATIONS_KEY } from '../../api/admin';
import { useSession } from '../../api/auth';
import { usePagedList } from '../../api/lists';
import { AdminListPage } from '../../components/admin-list-page';
import { Badge } from '../../components/badge';
import { SelectField, TextField } from '../../components/fields';
import { ActiveFilter, FilterForm } from '../../components/filter-panel';
import { Ltr } from '../../components/ltr';
import { activeTone } from '../../components/organisation-labels';
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
  return (
    <FilterForm label={t('organisations.filtersLabel')} initial={initial} onApply={onApply} onClear={onClear}>
      {(values, set) => (
        <>
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
            options={ORGANISATION_KINDS.map((kind) => ({
              value: kind,
              label: t(`organisationKinds.${kind}`),
            }))}
          />
          <ActiveFilter value={values.active} onValueChange={set('active')} />
        </>
      )}
    </FilterForm>
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
  const { me } = useSession();
  const canManage = hasPermission(me, 'organisations.manage');
  const url = useUrlFilters(FILTER_KEYS);
  const list = usePagedList<Organisation>(ORGANISATIONS_KEY, '/organisations', url.query);

  return (
    <AdminListPage
      texts="organisations"
      newPath={canManage ? '/organisations/new' : null}
      list={list}
      filtered={url.active}
      filters={
        <OrganisationFilters
          key={url.version}
          initial={url.filters}
          onApply={url.apply}
          onClear={url.clear}
        />
      }
      head={
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
      }
      rows={list.items.map((organisation) => (
        <OrganisationRow key={organisation.id} organisation={organisation} canManage={canManage} />
      ))}
    />
  );
}
