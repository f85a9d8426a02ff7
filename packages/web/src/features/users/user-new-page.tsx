import type { Role } from '@opennrm/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { adminApi, USERS_KEY, useAllOrganisations } from '../../api/admin';
import { BackLink } from '../../components/back-link';
import { errorMessage } from '../../components/form-errors';
import { PageLoading } from '../../components/loading';
import { Notice } from '../../components/notice';
import { usePageTitle } from '../../components/page-title';
import { emailValue, UserForm } from './user-form';

export function UserNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const organisations = useAllOrganisations();
  const [hasErrors, setHasErrors] = useState(false);
  usePageTitle(t('users.newTitle'), hasErrors);

  return (
    <>
      <BackLink to="/users" />
      <h1 className="heading-l">{t('users.newTitle')}</h1>
      <p>{t('users.newIntro')}</p>
      {organisations.isPending ? (
        <PageLoading />
      ) : organisations.isError ? (
        <Notice tone="error" title={errorMessage(t, organisations.error)} />
      ) : (
        <UserForm
          mode="create"
          initial={{ username: '', displayName: '', role: '', organisationId: '', password: '', email: '' }}
          organisations={organisations.data}
          onErrorsChange={setHasErrors}
          submit={(values) =>
            adminApi.createUser({
              username: values.username.trim().toLowerCase(),
              displayName: values.displayName.trim(),
              // The form refuses to submit without a role.
              role: values.role as Role,
              organisationId: values.organisationId,
              password: values.password,
              email: emailValue(values),
            })
          }
          onSaved={(values) => {
            void queryClient.invalidateQueries({ queryKey: [USERS_KEY] });
            navigate('/users', {
              state: { flash: t('users.created', { username: values.username.trim().toLowerCase() }) },
            });
          }}
        />
      )}
    </>
  );
}
