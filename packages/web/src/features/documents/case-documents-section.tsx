import type { CaseDocument, DocumentVersion } from '@opennrm/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/auth';
import { CASES_KEY } from '../../api/cases';
import { caseDocumentsKey, DOCUMENTS_KEY, useCaseDocuments } from '../../api/documents';
import { errorMessage } from '../../components/form-errors';
import { SkeletonRows } from '../../components/loading';
import { Notice } from '../../components/notice';
import { hasPermission } from '../../lib/permissions';
import { DeleteDocumentDialog } from './delete-document-dialog';
import { type DocumentAbilities, DocumentItem } from './document-item';
import { useFileSize } from './document-labels';
import { DropZone } from './drop-zone';
import { EditDocumentDialog } from './edit-document-dialog';
import { InterruptedUploads } from './interrupted-uploads';
import { UploadQueue } from './upload-queue';
import { uploadQueue, useUploadQueue } from './upload-queue-store';
import { useCaseLinks } from './use-link-options';
import { ViewerDialog } from './viewer-dialog';
import './documents.css';

/** Keeps the lists fresh when an upload of this case finishes, wherever it was started. */
function useRefreshOnStored(caseId: string) {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      uploadQueue.onStored((stored) => {
        if (stored !== caseId) return;
        void queryClient.invalidateQueries({ queryKey: [DOCUMENTS_KEY, 'case', caseId] });
        void queryClient.invalidateQueries({ queryKey: [CASES_KEY, 'timeline', caseId] });
      }),
    [queryClient, caseId],
  );
}

function DocumentList({
  caseId,
  deleted,
  can,
  onView,
  onEdit,
  onDelete,
}: {
  caseId: string;
  deleted: boolean;
  can: DocumentAbilities;
  onView: (doc: CaseDocument, version?: DocumentVersion) => void;
  onEdit: (doc: CaseDocument) => void;
  onDelete: (doc: CaseDocument) => void;
}) {
  const { t } = useTranslation();
  const query = useCaseDocuments(caseId, deleted);
  const links = useCaseLinks(caseId);
  if (query.isPending) return <SkeletonRows rows={3} />;
  if (query.isError) return <Notice tone="error" title={errorMessage(t, query.error)} />;
  // Newest documents first; a new version does not move a document in the list.
  const items = [...query.data.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  if (items.length === 0) {
    return (
      <div className="empty-state">
        <p>
          {deleted
            ? t('documents.emptyDeleted')
            : can.upload
              ? t('documents.empty')
              : can.edit
                ? t('documents.emptyReadOnly')
                : t('documents.emptyAgency')}
        </p>
      </div>
    );
  }
  return (
    <>
      <p className="documents__count" aria-live="polite">
        {deleted
          ? t('documents.countDeleted', { count: items.length })
          : t('documents.count', { count: items.length })}
      </p>
      <ul className="document-list">
        {items.map((doc) => (
          <DocumentItem
            key={doc.id}
            doc={doc}
            links={links}
            can={can}
            onView={onView}
            onEdit={onEdit}
            onDelete={onDelete}
          />
        ))}
      </ul>
    </>
  );
}

/**
 * The case's documents: upload (drag and drop, several at once, resumable), the list with
 * viewing, downloading, new versions and history; editing and sharing for the NRM; deletion,
 * with a reason, for supervisors. An agency sees only what is shared with it.
 */
export function CaseDocumentsSection({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { me } = useSession();
  const queryClient = useQueryClient();
  const size = useFileSize();
  const { maxBytes } = useUploadQueue();
  const can: DocumentAbilities = {
    upload: hasPermission(me, 'documents.upload'),
    edit: hasPermission(me, 'cases.manage'),
    delete: hasPermission(me, 'documents.delete'),
  };
  const [showDeleted, setShowDeleted] = useState(false);
  const [viewing, setViewing] = useState<{ doc: CaseDocument; version?: DocumentVersion } | null>(null);
  const [editing, setEditing] = useState<CaseDocument | null>(null);
  const [deleting, setDeleting] = useState<CaseDocument | null>(null);
  const [done, setDone] = useState<{ key: 'edit.saved' | 'delete.done'; title: string } | null>(null);
  useRefreshOnStored(caseId);

  const refresh = () => void queryClient.invalidateQueries({ queryKey: [DOCUMENTS_KEY, 'case', caseId] });

  return (
    <div className="documents">
      {done ? <Notice tone="success" title={t(`documents.${done.key}`, { title: done.title })} /> : null}
      <p className="documents__intro">{can.edit ? t('documents.intro') : t('documents.introAgency')}</p>
      {can.upload ? (
        <>
          <DropZone
            limit={size(maxBytes)}
            onFiles={(files) => {
              setDone(null);
              uploadQueue.add(caseId, files);
            }}
          />
          <InterruptedUploads caseId={caseId} />
          <UploadQueue caseId={caseId} />
        </>
      ) : null}
      <div className="section-heading documents__list-heading">
        <h3 className="heading-m">{showDeleted ? t('documents.deletedTitle') : t('documents.listTitle')}</h3>
        {can.delete ? (
          <button type="button" className="button button--link" onClick={() => setShowDeleted(!showDeleted)}>
            {showDeleted ? t('documents.showCurrent') : t('documents.showDeleted')}
          </button>
        ) : null}
      </div>
      <DocumentList
        caseId={caseId}
        deleted={showDeleted}
        can={can}
        onView={(doc, version) => setViewing({ doc, version })}
        onEdit={(doc) => {
          setDone(null);
          setEditing(doc);
        }}
        onDelete={(doc) => {
          setDone(null);
          setDeleting(doc);
        }}
      />
      <ViewerDialog doc={viewing?.doc ?? null} version={viewing?.version} onClose={() => setViewing(null)} />
      <EditDocumentDialog
        doc={editing}
        onClose={() => setEditing(null)}
        onSaved={(doc) => {
          queryClient.setQueryData(caseDocumentsKey(caseId), (old: { items: CaseDocument[] } | undefined) =>
            old ? { items: old.items.map((d) => (d.id === doc.id ? doc : d)) } : old,
          );
          refresh();
          setDone({ key: 'edit.saved', title: doc.title });
        }}
      />
      <DeleteDocumentDialog
        doc={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(doc) => {
          refresh();
          setDone({ key: 'delete.done', title: doc.title });
        }}
      />
    </div>
  );
}
