import type { Organisation } from '@opennrm/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { adminApi, ORGANISATIONS_KEY } from '../../api/admin';
import { useSession } from '../../api/auth';
import { BackLink } from '../../components/back-link';
import { Badge } from '../../components/badge';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { errorMessage } from '../../components/form-errors';
import { PageLoading } from '../../components/loading';
import { Ltr } from '../../components/ltr';
import { Notice } from '../../components/notice';
import { activeTone } from '../../components/organisation-labels';
import { usePageTitle } from '../../components/page-title';
import { hasPermission } from '../../lib/permissions';
import { OrganisationForm } from './organisation-form';

function Summary({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  return (
    <dl className="summary-list">
      <div className="summary-list__row">
        <dt>{t('organisations.kind')}</dt>
        <dd>{t(`organisationKinds.${organisation.kind}`)}</dd>
      </div>
      <div className="summary-list__row">
        <dt>{t('common.status')}</dt>
        <dd>
          <Badge tone={activeTone(organisation.active)}>
            {organisation.active ? t('common.active') : t('common.inactive')}
          </Badge>
        </dd>
      </div>
      <div className="summary-list__row">
        <dt>{t('organisations.users')}</dt>
        <dd>
          <Ltr>{organisation.userCount}</Ltr>
        </dd>
      </div>
    </dl>
  );
}

export function OrganisationEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { me } = useSession();
  const canManage = hasPermission(me, 'organisations.manage');
  const [hasErrors, setHasErrors] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [statusChanged, setStatusChanged] = useState(false);
  const query = useQuery({
    queryKey: [ORGANISATIONS_KEY, 'one', id],
    queryFn: ({ signal }) => adminApi.getOrganisation(id, signal),
  });
  const organisation = query.data;
  usePageTitle(organisation?.name ?? t('organisations.title'), hasErrors);

  if (query.isPending) return <PageLoading />;
  if (!organisation) return <Notice tone="error" title={errorMessage(t, query.error)} />;

  function refresh(): Promise<void> {
    return queryClient.invalidateQueries({ queryKey: [ORGANISATIONS_KEY] });
  }
  const deactivating = organisation.active;

  return (
    <>
      <BackLink to="/organisations" />
      <span className="caption">{t('organisations.editCaption')}</span>
      <h1 className="heading-l">
        <bdi>{organisation.name}</bdi>
        {organisation.nameAr ? (
          <span className="heading-secondary">
            <bdi lang="ar">{organisation.nameAr}</bdi>
          </span>
        ) : null}
      </h1>
      {statusChanged ? (
        <Notice
          tone="success"
          title={organisation.active ? t('organisations.reactivated') : t('organisations.deactivated')}
        />
      ) : null}
      <Summary organisation={organisation} />
      {canManage ? (
        <>
          <section className="section" aria-labelledby="org-edit-heading">
            <h2 className="heading-m" id="org-edit-heading">
              {t('organisations.editTitle')}
            </h2>
            <OrganisationForm
              key={organisation.updatedAt}
              mode="edit"
              initial={{
                name: organisation.name,
                nameAr: organisation.nameAr ?? '',
                kind: organisation.kind,
                countryCode: organisation.countryCode ?? '',
              }}
              onErrorsChange={setHasErrors}
              submit={(values) =>
                adminApi.updateOrganisation(organisation.id, {
                  name: values.name.trim(),
                  nameAr: values.nameAr.trim() || null,
                  countryCode: values.countryCode.trim() || null,
                })
              }
              onSaved={async (values) => {
                await refresh();
                navigate('/organisations', {
                  state: { flash: t('organisations.saved', { name: values.name.trim() }) },
                });
              }}
            />
          </section>
          <section className="section" aria-labelledby="org-status-heading">
            <h2 className="heading-m" id="org-status-heading">
              {t('organisations.statusTitle')}
            </h2>
            <p>{deactivating ? t('organisations.deactivateIntro') : t('organisations.reactivateIntro')}</p>
            <button
              type="button"
              className={deactivating ? 'button button--warning' : 'button button--secondary'}
              onClick={() => setConfirming(true)}
            >
              {deactivating ? t('organisations.deactivate') : t('organisations.reactivate')}
            </button>
          </section>
          <ConfirmDialog
            open={confirming}
            onClose={() => setConfirming(false)}
            title={
              deactivating
                ? t('organisations.deactivateTitle', { name: organisation.name })
                : t('organisations.reactivateTitle', { name: organisation.name })
            }
            confirmLabel={deactivating ? t('organisations.deactivate') : t('organisations.reactivate')}
            danger={deactivating}
            onConfirm={() => adminApi.updateOrganisation(organisation.id, { active: !organisation.active })}
            onDone={() => {
              setStatusChanged(true);
              void refresh();
            }}
          >
            <p>
              {deactivating
                ? t('organisations.deactivateBody', { count: organisation.userCount })
                : t('organisations.reactivateBody')}
            </p>
          </ConfirmDialog>
        </>
      ) : null}
    </>
  );
}
