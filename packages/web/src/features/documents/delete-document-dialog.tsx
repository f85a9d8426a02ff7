import type { CaseDocument } from '@opennrm/domain';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { documentsApi } from '../../api/documents';
import { Dialog } from '../../components/dialog';
import { TextAreaField } from '../../components/fields';
import { FormActions } from '../../components/form-actions';
import { DocumentChangeError } from './document-change-error';

interface Props {
  doc: CaseDocument | null;
  onClose: () => void;
  onDeleted: (doc: CaseDocument) => void;
}

/**
 * A supervisor's deletion: says what happens (hidden from the case, kept for audit with its
 * versions), asks for the reason, and asks to confirm by submitting it.
 */
export function DeleteDocumentDialog({ doc, onClose, onDeleted }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const mutation = useMutation({
    mutationFn: (text: string) => documentsApi.remove(doc as CaseDocument, text),
    onSuccess: () => {
      if (doc) onDeleted(doc);
      onClose();
    },
  });
  const { reset } = mutation;

  useEffect(() => {
    if (!doc) return;
    setReason('');
    setMissing(false);
    reset();
  }, [doc, reset]);

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    setMissing(false);
    mutation.mutate(reason.trim());
  }

  return (
    <Dialog open={doc !== null} onClose={onClose} title={t('documents.delete.title')} focusTitle>
      {doc ? (
        <form onSubmit={submit} noValidate>
          <DocumentChangeError error={mutation.isError ? mutation.error : null} />
          <div className="dialog__body">
            <p className="document-delete__name">
              <strong>
                <bdi>{doc.title}</bdi>
              </strong>
            </p>
            <p>{t('documents.delete.intro', { count: doc.versions.length })}</p>
            <TextAreaField
              id={`${id}-reason`}
              label={t('documents.delete.reason')}
              hint={t('documents.delete.reasonHint')}
              value={reason}
              onValueChange={setReason}
              error={missing ? t('documents.delete.reasonRequired') : undefined}
              maxLength={2000}
              rows={3}
            />
          </div>
          <FormActions
            submit={t('documents.delete.submit')}
            submitClass="button button--warning"
            pending={mutation.isPending}
            onCancel={onClose}
          />
        </form>
      ) : null}
    </Dialog>
  );
}
