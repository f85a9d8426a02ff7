import type { OrganisationKind } from '@opennrm/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { adminApi, ORGANISATIONS_KEY } from '../../api/admin';
import { BackLink } from '../../components/back-link';
import { usePageTitle } from '../../components/page-title';
import { OrganisationForm } from './organisation-form';

export function OrganisationNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [hasErrors, setHasErrors] = useState(false);
  usePageTitle(t('organisations.newTitle'), hasErrors);

  return (
    <>
      <BackLink to="/organisations" />
      <h1 className="heading-l">{t('organisations.newTitle')}</h1>
      <OrganisationForm
        mode="create"
        initial={{ name: '', nameAr: '', kind: '', countryCode: '' }}
        onErrorsChange={setHasErrors}
        submit={(values) =>
          adminApi.createOrganisation({
            name: values.name.trim(),
            nameAr: values.nameAr.trim() || null,
            // The form refuses to submit without a kind.
            kind: values.kind as OrganisationKind,
            countryCode: values.countryCode.trim() || null,
          })
        }
        onSaved={(values) => {
          void queryClient.invalidateQueries({ queryKey: [ORGANISATIONS_KEY] });
          navigate('/organisations', {
            state: { flash: t('organisations.created', { name: values.name.trim() }) },
          });
        }}
      />
    </>
  );
}
