import type { Case } from '@opennrm/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAllOrganisations } from '../../../api/admin';
import { useSession } from '../../../api/auth';
import { casesApi } from '../../../api/cases';
import { isApiError } from '../../../api/client';
import { ErrorSummary } from '../../../components/error-summary';
import { apiErrorToFieldErrors, useFormErrors } from '../../../components/form-errors';
import {
  CASE_DETAILS_FIELDS,
  type CaseDetailsDraft,
  CaseDetailsFields,
  caseDetailsFieldIds,
  caseDetailsOf,
  toCaseDetails,
  validateCaseDetails,
} from '../../intake/case-details-fields';
import { hasPermission } from '../../shell/sections';
import { ChangeFailed, changedFields, storeCase } from '../case-mutations';

const PREFIX = 'edit-case';

interface Props {
  found: Case;
  etag: string | null;
  onDone: () => void;
  onCancel: () => void;
}

/** Changes how the case came in and the narrative; sent with If-Match, typed text kept on failure. */
export function CaseDetailsEdit({ found, etag, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const { me } = useSession();
  const queryClient = useQueryClient();
  const organisations = useAllOrganisations(hasPermission(me, 'organisations.read'));
  const [initial] = useState<CaseDetailsDraft>(() => caseDetailsOf(found));
  const [draft, setDraft] = useState<CaseDetailsDraft>(initial);
  const form = useFormErrors();
  const save = useMutation({
    mutationFn: async () => {
      const changes = changedFields(toCaseDetails(initial), toCaseDetails(draft));
      if (Object.keys(changes).length === 0) return { data: found, etag };
      return casesApi.update(found.id, etag, changes);
    },
    onSuccess: (result) => {
      storeCase(queryClient, result);
      onDone();
    },
    onError: (error) => {
      if (isApiError(error, 'PRECONDITION_FAILED')) return;
      form.show(apiErrorToFieldErrors(t, error, { form: 'intake', fields: CASE_DETAILS_FIELDS }));
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const problems = validateCaseDetails(draft).map((p) => ({ ...p, message: t(p.message) }));
    if (problems.length > 0) {
      form.show(problems);
      return;
    }
    form.clear();
    save.mutate();
  }

  return (
    <div className="edit-panel">
      {isApiError(save.error, 'PRECONDITION_FAILED') ? (
        <ChangeFailed error={save.error} caseId={found.id} />
      ) : null}
      <ErrorSummary
        errors={form.errors}
        fieldIds={caseDetailsFieldIds(PREFIX)}
        summaryRef={form.summaryRef}
      />
      <form onSubmit={onSubmit} noValidate>
        <CaseDetailsFields
          idPrefix={PREFIX}
          draft={draft}
          update={(patch) => setDraft((old) => ({ ...old, ...patch }))}
          errorFor={form.errorFor}
          organisations={organisations.data ?? []}
        />
        <div className="button-group">
          <button type="submit" className="button" disabled={save.isPending}>
            {t('common.save')}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
