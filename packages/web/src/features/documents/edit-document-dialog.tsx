import type { CaseDocument, DocumentType, DocumentUpdate } from '@opennrm/domain';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { documentsApi } from '../../api/documents';
import { CheckboxGroup } from '../../components/choice-fields';
import { Dialog } from '../../components/dialog';
import { SelectField, TextField } from '../../components/fields';
import { FormActions } from '../../components/form-actions';
import { DocumentChangeError } from './document-change-error';
import { useDocumentTypeOptions } from './document-labels';
import { useCaseLinks, useLanguageOptions } from './use-link-options';

interface Props {
  doc: CaseDocument | null;
  onClose: () => void;
  onSaved: (doc: CaseDocument) => void;
}

interface Form {
  type: DocumentType;
  title: string;
  date: string;
  language: string;
  sharedWith: string[];
}

const formOf = (doc: CaseDocument): Form => ({
  type: doc.type,
  title: doc.title,
  date: doc.date ?? '',
  language: doc.language ?? '',
  sharedWith: doc.sharedWith,
});

/** Only what changed is sent, so an edit does not overwrite what someone else set meanwhile. */
function changes(doc: CaseDocument, form: Form): DocumentUpdate {
  const body: DocumentUpdate = {};
  if (form.type !== doc.type) body.type = form.type;
  if (form.title.trim() !== doc.title) body.title = form.title.trim();
  if ((form.date || null) !== doc.date) body.date = form.date || null;
  if ((form.language || null) !== doc.language) body.language = form.language || null;
  const before = [...doc.sharedWith].sort().join(',');
  if ([...form.sharedWith].sort().join(',') !== before) body.sharedWith = form.sharedWith;
  return body;
}

/** The NRM's edit of a document: its description, and the organisations it is shared with. */
export function EditDocumentDialog({ doc, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const types = useDocumentTypeOptions();
  const languages = useLanguageOptions();
  const links = useCaseLinks(doc?.caseId ?? '', doc !== null);
  const [form, setForm] = useState<Form | null>(doc ? formOf(doc) : null);
  const [titleMissing, setTitleMissing] = useState(false);
  const mutation = useMutation({
    mutationFn: (body: DocumentUpdate) => documentsApi.update(doc as CaseDocument, body),
    onSuccess: (saved) => {
      onSaved(saved);
      onClose();
    },
  });
  const { reset } = mutation;

  useEffect(() => {
    setForm(doc ? formOf(doc) : null);
    setTitleMissing(false);
    reset();
  }, [doc, reset]);

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (!doc || !form) return;
    if (!form.title.trim()) {
      setTitleMissing(true);
      document.getElementById(`${id}-title`)?.focus();
      return;
    }
    setTitleMissing(false);
    const body = changes(doc, form);
    if (Object.keys(body).length === 0) {
      onClose();
      return;
    }
    mutation.mutate(body);
  }

  // Organisations it is shared with stay listed even if their referral ended, to be unticked.
  const organisations = links.organisations.map((o) => ({
    value: o.id,
    label: o.label,
    hint: o.revoked ? t('documents.edit.referralEnded') : undefined,
  }));
  for (const orgId of doc?.sharedWith ?? []) {
    if (!organisations.some((o) => o.value === orgId)) {
      organisations.push({ value: orgId, label: t('documents.edit.unknownOrganisation'), hint: undefined });
    }
  }

  return (
    <Dialog open={doc !== null} onClose={onClose} title={t('documents.edit.title')}>
      {doc && form ? (
        <form onSubmit={submit} noValidate>
          <DocumentChangeError error={mutation.isError ? mutation.error : null} />
          <div className="dialog__body">
            <SelectField
              id={`${id}-type`}
              label={t('documents.fields.type')}
              value={form.type}
              onValueChange={(value) => setForm({ ...form, type: value as DocumentType })}
              options={types}
            />
            <TextField
              id={`${id}-title`}
              label={t('documents.fields.title')}
              value={form.title}
              onValueChange={(title) => setForm({ ...form, title })}
              maxLength={300}
              width="full"
              dir="auto"
              error={titleMissing ? t('documents.edit.titleRequired') : undefined}
            />
            <TextField
              id={`${id}-date`}
              type="date"
              label={t('documents.fields.date')}
              hint={t('documents.fields.dateHint')}
              value={form.date}
              onValueChange={(date) => setForm({ ...form, date })}
              width="short"
            />
            <SelectField
              id={`${id}-language`}
              label={t('documents.fields.language')}
              value={form.language}
              onValueChange={(language) => setForm({ ...form, language })}
              options={languages}
              placeholderOption={t('documents.fields.notStated')}
            />
            {organisations.length > 0 ? (
              <CheckboxGroup
                id={`${id}-shared`}
                name={`${id}-shared`}
                legend={t('documents.edit.sharedWith')}
                hint={t('documents.edit.sharedWithHint')}
                small
                options={organisations}
                values={form.sharedWith}
                onValuesChange={(sharedWith) => setForm({ ...form, sharedWith })}
              />
            ) : (
              <p className="hint">{t('documents.edit.noReferrals')}</p>
            )}
          </div>
          <FormActions submit={t('documents.edit.save')} pending={mutation.isPending} onCancel={onClose} />
        </form>
      ) : null}
    </Dialog>
  );
}
