import { DocumentHolder, type IdentityDocumentType, type Person } from '@opennrm/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASES_KEY, caseKey, personEtag, personsApi } from '../../api/cases';
import { isApiError } from '../../api/client';
import { Dialog } from '../../components/dialog';
import { ErrorSummary } from '../../components/error-summary';
import { SelectField } from '../../components/fields';
import { apiErrorToFieldErrors, type FieldError, useFormErrors } from '../../components/form-errors';
import { Ltr } from '../../components/ltr';
import { ChangeFailed, CountryName } from '../cases';
import { type DocumentDraft, DocumentFields, newDocument } from '../intake';

type IdentityDocument = Person['documents'][number];

interface Props {
  person: Person;
  caseId: string;
  /** May add, change and remove documents (`cases.manage`). */
  canEdit: boolean;
  onSaved: (message: string) => void;
}

const ADD_PREFIX = 'add-document';
const ADD_FIELD_IDS: Record<string, string> = {
  'documents.0.type': `${ADD_PREFIX}-documents-0-type`,
  'documents.0.number': `${ADD_PREFIX}-documents-0-number`,
  'documents.0.issuingCountry': `${ADD_PREFIX}-documents-0-country`,
  'documents.0.holder': `${ADD_PREFIX}-documents-0-holder`,
};

/** Keeps the case page current after a document changed: the person and the timeline. */
function useRefreshCase(caseId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: caseKey(caseId) });
    void queryClient.invalidateQueries({ queryKey: [CASES_KEY, 'timeline', caseId] });
  };
}

function useDocumentLabel() {
  const { t } = useTranslation();
  return (doc: IdentityDocument) => `${t(`documentTypes.${doc.type}`)} ${doc.number}`;
}

/** The person's identity documents; NRM staff may add one, change who holds it, or remove a mistake. */
export function PersonDocuments({ person, caseId, canEdit, onSaved }: Props) {
  const { t } = useTranslation();
  const [removingId, setRemovingId] = useState<string | null>(null);
  const removing = person.documents.find((doc) => doc.id === removingId) ?? null;
  return (
    <>
      {person.documents.length === 0 ? (
        t('cases.none')
      ) : (
        <ul className="plain-list">
          {person.documents.map((doc) => (
            <li key={doc.id}>
              <DocumentSummary doc={doc} />
              {canEdit ? (
                <DocumentActions
                  doc={doc}
                  person={person}
                  caseId={caseId}
                  onSaved={onSaved}
                  onRemove={() => setRemovingId(doc.id)}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit && person.documents.length < 10 ? (
        <AddDocument person={person} caseId={caseId} onSaved={onSaved} />
      ) : null}
      {canEdit && removing ? (
        <RemoveDocumentDialog
          doc={removing}
          person={person}
          caseId={caseId}
          onClose={() => setRemovingId(null)}
          onSaved={onSaved}
        />
      ) : null}
    </>
  );
}

function DocumentSummary({ doc }: { doc: IdentityDocument }) {
  const { t } = useTranslation();
  return (
    <p className="block">
      {t(`documentTypes.${doc.type}`)} <Ltr code>{doc.number}</Ltr>
      {doc.issuingCountry ? (
        <>
          {' · '}
          <CountryName code={doc.issuingCountry} />
        </>
      ) : null}
      {' · '}
      {t('person.heldBy', { holder: t(`documentHolders.${doc.holder}`) })}
    </p>
  );
}

/** "Who holds it now" and "Remove document", for one document; grouped under its name. */
function DocumentActions({
  doc,
  person,
  caseId,
  onSaved,
  onRemove,
}: {
  doc: IdentityDocument;
  person: Person;
  caseId: string;
  onSaved: (message: string) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const label = useDocumentLabel();
  const refresh = useRefreshCase(caseId);
  const [holder, setHolder] = useState<DocumentHolder>(doc.holder);
  const change = useMutation({
    mutationFn: (vars: { holder: DocumentHolder; etag: string }) =>
      personsApi.changeDocumentHolder(person.id, doc.id, vars.etag, { holder: vars.holder }),
    onSuccess: () => {
      refresh();
      onSaved(t('personDocuments.holderSaved'));
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (holder === doc.holder) return;
    change.mutate({ holder, etag: personEtag(person) });
  }

  return (
    // biome-ignore lint/a11y/useSemanticElements: a form per document, named after it for screen readers
    <div role="group" aria-label={label(doc)} className="edit-panel">
      {change.error ? <ChangeFailed error={change.error} caseId={caseId} /> : null}
      <form onSubmit={onSubmit} noValidate className="inline-add">
        <SelectField
          id={`document-${doc.id}-holder`}
          label={t('person.documentHolder')}
          value={holder}
          onValueChange={(value) => setHolder(DocumentHolder.options.find((o) => o === value) ?? doc.holder)}
          options={DocumentHolder.options.map((value) => ({ value, label: t(`documentHolders.${value}`) }))}
        />
        <div className="button-group">
          <button type="submit" className="button button--secondary" disabled={change.isPending}>
            {t('personDocuments.saveHolder')}
          </button>
          <button type="button" className="button button--warning" onClick={onRemove}>
            {t('personDocuments.remove')}
          </button>
        </div>
      </form>
    </div>
  );
}

/** "Add a document": the walk-in step's document fields, in a dialog. */
function AddDocument({
  person,
  caseId,
  onSaved,
}: {
  person: Person;
  caseId: string;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const refresh = useRefreshCase(caseId);
  const [open, setOpen] = useState(false);
  const [doc, setDoc] = useState<DocumentDraft>(newDocument);
  const form = useFormErrors();
  const add = useMutation({
    mutationFn: (vars: { etag: string; doc: DocumentDraft }) =>
      personsApi.addDocument(person.id, vars.etag, {
        type: vars.doc.type as IdentityDocumentType,
        number: vars.doc.number.trim(),
        issuingCountry: vars.doc.issuingCountry || null,
        holder: vars.doc.holder,
      }),
    onSuccess: () => {
      refresh();
      setOpen(false);
      setDoc(newDocument());
      form.clear();
      onSaved(t('personDocuments.added'));
    },
    onError: (error) => {
      if (isApiError(error, 'PRECONDITION_FAILED') || isApiError(error, 'PRECONDITION_REQUIRED')) return;
      form.show(
        apiErrorToFieldErrors(t, error, {
          form: 'intake',
          fields: [],
          pathFields: {
            type: 'documents.0.type',
            number: 'documents.0.number',
            issuingCountry: 'documents.0.issuingCountry',
            holder: 'documents.0.holder',
          },
        }),
      );
    },
  });
  const stale =
    isApiError(add.error, 'PRECONDITION_FAILED') || isApiError(add.error, 'PRECONDITION_REQUIRED');

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (!doc.type) problems.push({ field: 'documents.0.type', message: t('intake.errors.documentType') });
    if (!doc.number.trim()) {
      problems.push({ field: 'documents.0.number', message: t('intake.errors.documentNumber') });
    }
    if (problems.length > 0) {
      form.show(problems);
      return;
    }
    form.clear();
    add.mutate({ etag: personEtag(person), doc });
  }

  function close(): void {
    setOpen(false);
    form.clear();
    add.reset();
  }

  return (
    <>
      <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
        {t('person.addDocument')}
      </button>
      <Dialog open={open} onClose={close} title={t('personDocuments.addTitle')}>
        {stale ? <ChangeFailed error={add.error} caseId={caseId} /> : null}
        <ErrorSummary errors={form.errors} fieldIds={ADD_FIELD_IDS} summaryRef={form.summaryRef} />
        <form onSubmit={onSubmit} noValidate>
          <p className="hint">{t('person.documentsHint')}</p>
          <DocumentFields
            idPrefix={ADD_PREFIX}
            index={0}
            doc={doc}
            onChange={setDoc}
            errorFor={form.errorFor}
            legend={t('personDocuments.addLegend')}
          />
          <div className="button-group">
            <button type="submit" className="button" disabled={add.isPending}>
              {t('personDocuments.addConfirm')}
            </button>
            <button type="button" className="button button--secondary" onClick={close}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      </Dialog>
    </>
  );
}

/** Removing is for documents entered by mistake; a document handed over changes holder instead. */
function RemoveDocumentDialog({
  doc,
  person,
  caseId,
  onClose,
  onSaved,
}: {
  doc: IdentityDocument;
  person: Person;
  caseId: string;
  onClose: () => void;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const refresh = useRefreshCase(caseId);
  const remove = useMutation({
    mutationFn: (etag: string) => personsApi.removeDocument(person.id, doc.id, etag),
    onSuccess: () => {
      refresh();
      onClose();
      onSaved(t('personDocuments.removed'));
    },
  });
  return (
    <Dialog open onClose={onClose} title={t('personDocuments.removeTitle')} focusTitle>
      {remove.error ? <ChangeFailed error={remove.error} caseId={caseId} /> : null}
      <div className="dialog__body">
        <p>
          <strong>{t(`documentTypes.${doc.type}`)}</strong> <Ltr code>{doc.number}</Ltr>
        </p>
        <p>{t('personDocuments.removeBody')}</p>
      </div>
      <div className="button-group">
        <button
          type="button"
          className="button button--warning"
          onClick={() => remove.mutate(personEtag(person))}
          disabled={remove.isPending}
        >
          {t('personDocuments.removeConfirm')}
        </button>
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
