import type { ReactNode } from 'react';
import { ErrorSummary } from '../../components/error-summary';
import { ChangeFailed } from '../cases';
import { CaseDetailsFields, caseDetailsFieldIds } from './case-details-fields';
import { isStaleCase, type useCaseDetailsForm } from './use-case-details-form';

interface Props {
  idPrefix: string;
  caseId: string;
  details: ReturnType<typeof useCaseDetailsForm>;
  /** The form's buttons. */
  children: ReactNode;
}

/**
 * How the case came in and the narrative, saved with If-Match: when someone else changed the
 * case first, that is said and what was typed stays to save again.
 */
export function CaseDetailsForm({ idPrefix, caseId, details, children }: Props) {
  const { organisations, draft, setDraft, form, save, onSubmit } = details;
  return (
    <>
      {isStaleCase(save.error) ? <ChangeFailed error={save.error} caseId={caseId} /> : null}
      <ErrorSummary
        errors={form.errors}
        fieldIds={caseDetailsFieldIds(idPrefix)}
        summaryRef={form.summaryRef}
      />
      <form onSubmit={onSubmit} noValidate>
        <CaseDetailsFields
          idPrefix={idPrefix}
          draft={draft}
          update={(patch) => setDraft((old) => ({ ...old, ...patch }))}
          errorFor={form.errorFor}
          organisations={organisations.data ?? []}
        />
        <div className="button-group">{children}</div>
      </form>
    </>
  );
}
