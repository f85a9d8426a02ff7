import type { Role, User } from '@opennrm/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { adminApi, USERS_KEY, useAllOrganisations } from '../../api/admin';
import { useSession } from '../../api/auth';
import { BackLink } from '../../components/back-link';
import { DateTime } from '../../components/date-time';
import { errorMessage } from '../../components/form-errors';
import { PageLoading } from '../../components/loading';
import { Ltr } from '../../components/ltr';
import { Notice } from '../../components/notice';
import { usePageTitle } from '../../components/page-title';
import { hasPermission } from '../../lib/permissions';
import { UserAccountActions } from './user-account-actions';
import { emailValue, UserForm } from './user-form';
import { MfaBadge, UserStatusBadges } from './user-labels';

function Summary({ user }: { user: User }) {
  const { t } = useTranslation();
  return (
    <dl className="summary-list">
      <div className="summary-list__row">
        <dt>{t('users.username')}</dt>
        <dd>
          <Ltr>{user.username}</Ltr>
        </dd>
      </div>
      <div className="summary-list__row">
        <dt>{t('common.status')}</dt>
        <dd>
          <UserStatusBadges user={user} />
        </dd>
      </div>
      <div className="summary-list__row">
        <dt>{t('users.secondFactor')}</dt>
        <dd>
          <MfaBadge enabled={user.mfaEnabled} />
        </dd>
      </div>
      <div className="summary-list__row">
        <dt>{t('users.lastSignIn')}</dt>
        <dd>{user.lastLoginAt ? <DateTime iso={user.lastLoginAt} /> : t('users.never')}</dd>
      </div>
      <div className="summary-list__row">
        <dt>{t('users.createdAt')}</dt>
        <dd>
          <DateTime iso={user.createdAt} />
        </dd>
      </div>
    </dl>
  );
}

export function UserEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const { me } = useSession();
  const canManage = hasPermission(me, 'users.manage');
  const [hasErrors, setHasErrors] = useState(false);
  const [saved, setSaved] = useState(false);
  const query = useQuery({
    queryKey: [USERS_KEY, 'one', id],
    queryFn: ({ signal }) => adminApi.getUser(id, signal),
  });
  const organisations = useAllOrganisations(canManage);
  const user = query.data;
  usePageTitle(user?.displayName ?? t('users.title'), hasErrors);

  if (query.isPending || (canManage && organisations.isPending)) return <PageLoading />;
  if (!user) return <Notice tone="error" title={errorMessage(t, query.error)} />;

  const refresh = () => void queryClient.invalidateQueries({ queryKey: [USERS_KEY] });

  return (
    <>
      <BackLink to="/users" />
      <span className="caption">{t('users.editCaption')}</span>
      <h1 className="heading-l">{user.displayName}</h1>
      <Summary user={user} />
      {canManage && organisations.data ? (
        <>
          <section className="section" aria-labelledby="user-edit-heading">
            <h2 className="heading-m" id="user-edit-heading">
              {t('users.editTitle')}
            </h2>
            <p className="hint">{t('users.editHint')}</p>
            {saved ? <Notice tone="success" title={t('users.saved')} /> : null}
            <UserForm
              key={`${user.role}:${user.organisationId}:${user.displayName}:${user.email ?? ''}`}
              mode="edit"
              initial={{
                username: user.username,
                displayName: user.displayName,
                role: user.role,
                organisationId: user.organisationId,
                password: '',
                email: user.email ?? '',
              }}
              organisations={organisations.data}
              onErrorsChange={setHasErrors}
              submit={(values) =>
                adminApi.updateUser(user.id, {
                  displayName: values.displayName.trim(),
                  role: values.role as Role,
                  organisationId: values.organisationId,
                  email: emailValue(values),
                })
              }
              onSaved={() => {
                setSaved(true);
                refresh();
              }}
            />
          </section>
          <UserAccountActions user={user} onChanged={refresh} />
        </>
      ) : null}
    </>
  );
}
