import { type Organisation, ROLES, type User } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { USERS_KEY, useAllOrganisations } from '../../api/admin';
import { useSession } from '../../api/auth';
import { usePagedList } from '../../api/lists';
import { AdminListPage } from '../../components/admin-list-page';
import { DateTime } from '../../components/date-time';
import { SelectField, TextField } from '../../components/fields';
import { ActiveFilter, FilterForm } from '../../components/filter-panel';
import { Ltr } from '../../components/ltr';
import { organisationName } from '../../components/organisation-labels';
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
  return (
    <FilterForm label={t('users.filtersLabel')} initial={initial} onApply={onApply} onClear={onClear}>
      {(values, set) => (
        <>
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
            options={organisations.map((org) => ({
              value: org.id,
              label: organisationName(org, i18n.language),
            }))}
          />
          <ActiveFilter value={values.active} onValueChange={set('active')} />
        </>
      )}
    </FilterForm>
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

  return (
    <AdminListPage
      texts="users"
      newPath={canManage ? '/users/new' : null}
      list={list}
      filtered={url.active}
      filters={
        <UserFilters
          key={`${url.version}:${orgs.length}`}
          initial={url.filters}
          organisations={orgs}
          onApply={url.apply}
          onClear={url.clear}
        />
      }
      head={
        <tr>
          <th scope="col">{t('users.name')}</th>
          <th scope="col">{t('users.role')}</th>
          <th scope="col">{t('users.organisation')}</th>
          <th scope="col">{t('common.status')}</th>
          <th scope="col">{t('users.secondFactor')}</th>
          <th scope="col">{t('users.lastSignIn')}</th>
        </tr>
      }
      rows={list.items.map((user) => <UserRow key={user.id} user={user} orgName={nameOf(user)} />)}
    />
  );
}
