import type { Case } from '@opennrm/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAllOrganisations } from '../../api/admin';
import { useSession } from '../../api/auth';
import { casesApi } from '../../api/cases';
import { isApiError } from '../../api/client';
import { ErrorSummary } from '../../components/error-summary';
import { apiErrorToFieldErrors, useFormErrors } from '../../components/form-errors';
import { ChangeFailed, changedFields, storeCase } from '../cases/case-mutations';
import { hasPermission } from '../shell/sections';
import {
  CASE_DETAILS_FIELDS,
  type CaseDetailsDraft,
  CaseDetailsFields,
  caseDetailsFieldIds,
  caseDetailsOf,
  toCaseDetails,
  validateCaseDetails,
} from './case-details-fields';
import { useWarnBeforeLeaving } from './use-warn-before-leaving';

const PREFIX = 'walkin-case';

function isStale(error: unknown): boolean {
  return isApiError(error, 'PRECONDITION_FAILED') || isApiError(error, 'PRECONDITION_REQUIRED');
}

interface Props {
  found: Case;
  etag: string | null;
  onSaved: () => void;
}

/**
 * The walk-in interview, step 2, for the case created at step 1: how the case came in and
 * what the person says happened. Saved with If-Match; when someone else changed the case
 * first, what was typed stays in the form to save again after reloading the case.
 */
export function WalkInDetailsStep({ found, etag, onSaved }: Props) {
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
      onSaved();
    },
    onError: (error) => {
      if (isStale(error)) return;
      form.show(apiErrorToFieldErrors(t, error, { form: 'intake', fields: CASE_DETAILS_FIELDS }));
    },
  });
  useWarnBeforeLeaving(draft !== initial && !save.isSuccess);

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
    <div className="narrow-form">
      <h2 className="heading-l">{t('walkIn.steps.case')}</h2>
      <p className="lead">{t('walkIn.caseIntro')}</p>
      {isStale(save.error) ? <ChangeFailed error={save.error} caseId={found.id} /> : null}
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
            {t('walkIn.saveDetails')}
          </button>
          <Link to={`/cases/${found.id}`}>{t('walkIn.later')}</Link>
        </div>
      </form>
    </div>
  );
}
