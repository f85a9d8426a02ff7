import type { Case } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useWarnBeforeLeaving } from '../../lib/use-warn-before-leaving';
import { CaseDetailsForm } from './case-details-form';
import { useCaseDetailsForm } from './use-case-details-form';

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
  const details = useCaseDetailsForm(found, etag, onSaved);
  const { initial, draft, save } = details;
  useWarnBeforeLeaving(draft !== initial && !save.isSuccess);

  return (
    <div className="narrow-form">
      <h2 className="heading-l">{t('walkIn.steps.case')}</h2>
      <p className="lead">{t('walkIn.caseIntro')}</p>
      <CaseDetailsForm idPrefix={PREFIX} caseId={found.id} details={details}>
        <button type="submit" className="button" disabled={save.isPending}>
          {t('walkIn.saveDetails')}
        </button>
        <Link to={`/cases/${found.id}`}>{t('walkIn.later')}</Link>
      </CaseDetailsForm>
    </div>
  );
}
