import type { Person } from '@opennrm/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { caseKey, personsApi } from '../../api/cases';
import { isApiError } from '../../api/client';
import { ErrorSummary } from '../../components/error-summary';
import { apiErrorToFieldErrors, useFormErrors } from '../../components/form-errors';
import { ChangeFailed, changedFields } from '../cases';
import {
  AliasesField,
  BirthFields,
  CircumstanceFields,
  NameFields,
  NationalityField,
  PERSON_FIELDS,
  type PersonDraft,
  PhoneField,
  personDraftOf,
  personFieldIds,
  toPersonInput,
  validatePerson,
} from '../intake';

const PREFIX = 'edit-person';

interface Props {
  person: Person;
  caseId: string;
  onDone: () => void;
  onCancel: () => void;
}

/** Changes the person's details (not their documents); sent with If-Match on the person's version. */
export function PersonEdit({ person, caseId, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [initial] = useState<PersonDraft>(() => personDraftOf(person));
  const [draft, setDraft] = useState<PersonDraft>(initial);
  const form = useFormErrors();
  const save = useMutation({
    mutationFn: async () => {
      const { documents: _before, ...before } = toPersonInput(initial);
      const { documents: _after, ...after } = toPersonInput(draft);
      const changes = changedFields(before, after);
      if (Object.keys(changes).length === 0) return null;
      return personsApi.update(person.id, `"v${person.version}"`, changes);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: caseKey(caseId) });
      onDone();
    },
    onError: (error) => {
      if (isApiError(error, 'PRECONDITION_FAILED')) return;
      form.show(apiErrorToFieldErrors(t, error, { form: 'intake', fields: PERSON_FIELDS }));
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const problems = validatePerson(draft).map((p) => ({ ...p, message: t(p.message) }));
    if (problems.length > 0) {
      form.show(problems);
      return;
    }
    form.clear();
    save.mutate();
  }

  const props = {
    idPrefix: PREFIX,
    draft,
    update: (patch: Partial<PersonDraft>) => setDraft((old) => ({ ...old, ...patch })),
    errorFor: form.errorFor,
  };
  return (
    <div className="edit-panel">
      {isApiError(save.error, 'PRECONDITION_FAILED') ? (
        <ChangeFailed error={save.error} caseId={caseId} />
      ) : null}
      <ErrorSummary errors={form.errors} fieldIds={personFieldIds(PREFIX)} summaryRef={form.summaryRef} />
      <form onSubmit={onSubmit} noValidate>
        <NameFields {...props} />
        <AliasesField {...props} />
        <BirthFields {...props} />
        <NationalityField {...props} />
        <PhoneField {...props} />
        <CircumstanceFields {...props} />
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
