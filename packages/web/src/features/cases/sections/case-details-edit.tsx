import type { Case } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { CaseDetailsForm, useCaseDetailsForm } from '../../intake';

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
  const details = useCaseDetailsForm(found, etag, onDone);

  return (
    <div className="edit-panel">
      <CaseDetailsForm idPrefix={PREFIX} caseId={found.id} details={details}>
        <button type="submit" className="button" disabled={details.save.isPending}>
          {t('common.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </CaseDetailsForm>
    </div>
  );
}
