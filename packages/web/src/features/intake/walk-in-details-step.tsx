import type { Case } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorSummary } from '../../components/error-summary';
import { useWarnBeforeLeaving } from '../../lib/use-warn-before-leaving';
import { ChangeFailed } from '../cases';
import { CaseDetailsFields, caseDetailsFieldIds } from './case-details-fields';
import { isStaleCase, useCaseDetailsForm } from './use-case-details-form';

const PREFIX = 'walkin-case';

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
  const { organisations, initial, draft, setDraft, form, save, onSubmit } = useCaseDetailsForm(
    found,
    etag,
    onSaved,
  );
  useWarnBeforeLeaving(draft !== initial && !save.isSuccess);

  return (
    <div className="narrow-form">
      <h2 className="heading-l">{t('walkIn.steps.case')}</h2>
      <p className="lead">{t('walkIn.caseIntro')}</p>
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
            {t('walkIn.saveDetails')}
          </button>
          <Link to={`/cases/${found.id}`}>{t('walkIn.later')}</Link>
        </div>
      </form>
    </div>
  );
}
