import { type Organisation, ROLES, type User } from '@opennrm/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { USERS_KEY, useAllOrganisations } from '../../api/admin';
import { useSession } from '../../api/auth';
import { usePagedList } from '../../api/lists';
import { DataTable } from '../../components/data-table';
import { DateTime } from '../../components/date-time';
import { SelectField, TextField } from '../../components/fields';
import { FilterPanel } from '../../components/filter-panel';
import { Flash } from '../../components/flash';
import { errorMessage } from '../../components/form-errors';
import { ListFooter } from '../../components/load-more';
import { SkeletonRows } from '../../components/loading';
import { Ltr } from '../../components/ltr';
import { Notice } from '../../components/notice';
import { organisationName } from '../../components/organisation-labels';
import { usePageTitle } from '../../components/page-title';
import { type Filters, useUrlFilters } from '../../components/url-filters';
import { hasPermission } from '../../lib/permissions';
import { MfaBadge, UserStatusBadges } from './user-labels';

const FILTER_KEYS = ['q', 'role', 'organisationId', 'active'] as const;
type Key = (typeof FILTER_KEYS)[number];

interface FilterProps {
  initial: Filters<Key>;
  organisations: Organisation[];
  onApply: (filters: Filters<Key>) => void;
  onClear: () => void;
}

function UserFilters({ initial, organisations, onApply, onClear }: FilterProps) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState(initial);
  const set = (key: Key) => (value: string) => setValues((old) => ({ ...old, [key]: value }));
  return (
    <FilterPanel
      label={t('users.filtersLabel')}
      active={Object.values(initial).some(Boolean)}
      onApply={() => onApply(values)}
      onClear={onClear}
    >
      <TextField
        id="filter-q"
        type="search"
        label={t('users.search')}
        hint={t('users.searchHint')}
        value={values.q}
        onValueChange={set('q')}
      />
      <SelectField
        id="filter-role"
        label={t('users.role')}
        value={values.role}
        onValueChange={set('role')}
        placeholderOption={t('users.allRoles')}
        options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
      />
      <SelectField
        id="filter-organisation"
        label={t('users.organisation')}
        value={values.organisationId}
        onValueChange={set('organisationId')}
        placeholderOption={t('users.allOrganisations')}
        options={organisations.map((org) => ({ value: org.id, label: organisationName(org, i18n.language) }))}
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

function UserRow({ user, orgName }: { user: User; orgName: string }) {
  const { t } = useTranslation();
  return (
    <tr>
      <td>
        <Link to={`/users/${user.id}`}>{user.displayName}</Link>
        <span className="table__secondary">
          <Ltr>{user.username}</Ltr>
        </span>
      </td>
      <td>{t(`roles.${user.role}`)}</td>
      <td>{orgName}</td>
      <td>
        <UserStatusBadges user={user} />
      </td>
      <td>
        <MfaBadge enabled={user.mfaEnabled} />
      </td>
      <td>{user.lastLoginAt ? <DateTime iso={user.lastLoginAt} /> : t('users.never')}</td>
    </tr>
  );
}

export function UsersPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { me } = useSession();
  const canManage = hasPermission(me, 'users.manage');
  const url = useUrlFilters(FILTER_KEYS);
  const list = usePagedList<User>(USERS_KEY, '/users', url.query);
  const organisations = useAllOrganisations(hasPermission(me, 'organisations.read'));
  const orgs = organisations.data ?? [];
  const nameOf = (user: User) => {
    const org = orgs.find((candidate) => candidate.id === user.organisationId);
    return org ? organisationName(org, i18n.language) : user.organisationName;
  };
  usePageTitle(t('users.title'));

  return (
    <>
      <div className="page-heading">
        <h1 className="heading-xl">{t('users.title')}</h1>
        {canManage ? (
          <button type="button" className="button" onClick={() => navigate('/users/new')}>
            {t('users.new')}
          </button>
        ) : null}
      </div>
      <Flash />
      <div className="list-layout">
        <UserFilters
          key={`${url.version}:${orgs.length}`}
          initial={url.filters}
          organisations={orgs}
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
              <h2 className="heading-m">{t('users.emptyTitle')}</h2>
              <p>{url.active ? t('users.emptyFiltered') : t('users.emptyAll')}</p>
            </div>
          ) : (
            <>
              <DataTable caption={t('users.title')}>
                <thead>
                  <tr>
                    <th scope="col">{t('users.name')}</th>
                    <th scope="col">{t('users.role')}</th>
                    <th scope="col">{t('users.organisation')}</th>
                    <th scope="col">{t('common.status')}</th>
                    <th scope="col">{t('users.secondFactor')}</th>
                    <th scope="col">{t('users.lastSignIn')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((user) => (
                    <UserRow key={user.id} user={user} orgName={nameOf(user)} />
                  ))}
                </tbody>
              </DataTable>
              <ListFooter
                countKey="users.count"
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
