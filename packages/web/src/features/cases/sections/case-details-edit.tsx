import type { Case } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../../components/error-summary';
import { CaseDetailsFields, caseDetailsFieldIds, isStaleCase, useCaseDetailsForm } from '../../intake';
import { ChangeFailed } from '../case-mutations';

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
  const { organisations, draft, setDraft, form, save, onSubmit } = useCaseDetailsForm(found, etag, onDone);

  return (
    <div className="edit-panel">
      {isStaleCase(save.error) ? <ChangeFailed error={save.error} caseId={found.id} /> : null}
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
