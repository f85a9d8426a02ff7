import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { Notice } from '../../components/notice';
import { documentErrorMessage } from './document-labels';

/** Why a change to a document failed: someone changed it first (stale), or the server's reason. */
export function DocumentChangeError({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const stale = isApiError(error, 'PRECONDITION_FAILED');
  return (
    <Notice
      tone="error"
      title={stale ? t('documents.edit.stale') : documentErrorMessage(t, error, i18n.language)}
    />
  );
}
