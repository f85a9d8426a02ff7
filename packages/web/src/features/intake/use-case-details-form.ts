import type { Case } from '@opennrm/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAllOrganisations } from '../../api/admin';
import { useSession } from '../../api/auth';
import { casesApi } from '../../api/cases';
import { isApiError } from '../../api/client';
import { apiErrorToFieldErrors, useFormErrors } from '../../components/form-errors';
import { hasPermission } from '../../lib/permissions';
import { changedFields, storeCase } from '../cases';
import {
  CASE_DETAILS_FIELDS,
  type CaseDetailsDraft,
  caseDetailsOf,
  toCaseDetails,
  validateCaseDetails,
} from './case-details-fields';

/** Someone else changed the case since it was read (412), or the version was not sent (428). */
export function isStaleCase(error: unknown): boolean {
  return isApiError(error, 'PRECONDITION_FAILED') || isApiError(error, 'PRECONDITION_REQUIRED');
}

/**
 * The case-details form shared by the walk-in interview's second step and the case page's
 * edit panel: sends only the changed fields with If-Match, keeps what was typed when the
 * save fails, and shows field errors next to the fields.
 */
export function useCaseDetailsForm(found: Case, etag: string | null, onSaved: () => void) {
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
      if (isStaleCase(error)) return;
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

  return { organisations, initial, draft, setDraft, form, save, onSubmit };
}
