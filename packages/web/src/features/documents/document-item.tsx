import type { CaseDocument, DocumentVersion } from '@opennrm/domain';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/auth';
import { contentUrl } from '../../api/documents';
import { Badge } from '../../components/badge';
import { DateTime } from '../../components/date-time';
import { useDisplayNames } from '../../i18n/display-names';
import { useFormatters } from '../../i18n/format';
import { DocumentTypeLabel, useFileSize } from './document-labels';
import { useFilePicker } from './drop-zone';
import { UploadProgress } from './upload-progress';
import { uploadQueue, useUploadQueue } from './upload-queue-store';
import type { useCaseLinks } from './use-link-options';
import { viewKind } from './viewer-dialog';

export interface DocumentAbilities {
  upload: boolean;
  edit: boolean;
  delete: boolean;
}

interface Props {
  doc: CaseDocument;
  links: ReturnType<typeof useCaseLinks>;
  can: DocumentAbilities;
  onView: (doc: CaseDocument, version?: DocumentVersion) => void;
  onEdit: (doc: CaseDocument) => void;
  onDelete: (doc: CaseDocument) => void;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="document-item__fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Whether a version can be shown in the page (the server says so for the current one). */
function versionViewable(doc: CaseDocument, version: DocumentVersion): boolean {
  if (version.version === doc.current.version) return doc.viewable;
  return viewKind(version.contentType) !== null && version.contentType !== 'image/tiff';
}

/** Who the document is shared with, beyond the NRM: a badge each, in words. */
function SharedBadges({ doc, links }: { doc: CaseDocument; links: Props['links'] }) {
  const { t } = useTranslation();
  const { me } = useSession();
  if (doc.sharedWith.length === 0) return <Badge tone="grey">{t('documents.nrmOnly')}</Badge>;
  return (
    <>
      {doc.sharedWith.map((orgId) => (
        <Badge tone="purple" key={orgId}>
          {orgId === me?.organisation.id
            ? t('documents.sharedWithYou')
            : links.loaded
              ? t('documents.sharedWithBadge', {
                  organisation: links.organisationName(orgId) ?? t('documents.edit.unknownOrganisation'),
                })
              : t('documents.shared')}
        </Badge>
      ))}
    </>
  );
}

function VersionHistory({ doc, onView }: { doc: CaseDocument; onView: Props['onView'] }) {
  const { t } = useTranslation();
  const size = useFileSize();
  const versions = [...doc.versions].sort((a, b) => b.version - a.version);
  return (
    <details className="document-item__history">
      <summary>{t('documents.history.summary', { count: versions.length })}</summary>
      <div className="table-wrap">
        <table className="table document-history">
          <caption className="table__caption">{t('documents.history.caption', { title: doc.title })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('documents.history.version')}</th>
              <th scope="col">{t('documents.history.file')}</th>
              <th scope="col" className="table__numeric">
                {t('documents.history.size')}
              </th>
              <th scope="col">{t('documents.history.uploaded')}</th>
              <th scope="col">{t('documents.history.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version}>
                <td>
                  {t('documents.versionNumber', { version: v.version })}
                  {v.version === doc.current.version ? (
                    <span className="table__secondary">{t('documents.history.current')}</span>
                  ) : null}
                </td>
                <td>
                  <span dir="auto">{v.fileName}</span>
                  {v.metadataStripped ? (
                    <span className="table__secondary">{t('documents.metadataStripped')}</span>
                  ) : null}
                </td>
                <td className="table__numeric">{size(v.size)}</td>
                <td>
                  <DateTime iso={v.uploadedAt} dateOnly />
                  <span className="table__secondary">{v.uploadedBy ?? t('documents.unknownUser')}</span>
                </td>
                <td>
                  <div className="document-history__actions">
                    {versionViewable(doc, v) ? (
                      <button type="button" className="button button--link" onClick={() => onView(doc, v)}>
                        {t('documents.actions.view')}
                        <span className="visually-hidden">
                          {' '}
                          {t('documents.versionNumber', { version: v.version })}
                        </span>
                      </button>
                    ) : null}
                    <a href={contentUrl(doc, v)} download={v.fileName}>
                      {t('documents.actions.download')}
                      <span className="visually-hidden">
                        {' '}
                        {t('documents.versionNumber', { version: v.version })}
                      </span>
                    </a>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** One document of the case: what it is, its current version, who sees it, and what can be done. */
export function DocumentItem({ doc, links, can, onView, onEdit, onDelete }: Props) {
  const { t } = useTranslation();
  const size = useFileSize();
  const format = useFormatters();
  const names = useDisplayNames();
  const { items } = useUploadQueue();
  const picker = useFilePicker((file) =>
    uploadQueue.add(doc.caseId, [file], { kind: 'version', documentId: doc.id, title: doc.title }),
  );
  const versionUploads = items.filter(
    (item) => item.target.kind === 'version' && item.target.documentId === doc.id,
  );
  const referral = links.referralLabel(doc.referralId);
  const task = links.taskLabel(doc.taskId);
  const titleId = `document-${doc.id}-title`;
  const hidden = <span className="visually-hidden"> {doc.title}</span>;

  return (
    <li className={doc.deleted ? 'document-item document-item--deleted' : 'document-item'}>
      <div className="document-item__head">
        <div>
          <p className="document-item__type">
            <DocumentTypeLabel type={doc.type} />
          </p>
          <h3 className="heading-s document-item__title" id={titleId}>
            <bdi>{doc.title}</bdi>
          </h3>
        </div>
        <span className="badges">
          <Badge tone="blue">{t('documents.versionNumber', { version: doc.current.version })}</Badge>
          {doc.deleted ? (
            <Badge tone="red">{t('documents.deletedBadge')}</Badge>
          ) : (
            <SharedBadges doc={doc} links={links} />
          )}
        </span>
      </div>
      <dl className="document-item__facts">
        <Fact label={t('documents.facts.date')}>
          {doc.date ? (
            format.date(`${doc.date}T12:00:00Z`)
          ) : (
            <span className="muted">{t('documents.notStated')}</span>
          )}
        </Fact>
        <Fact label={t('documents.facts.language')}>
          {doc.language ? (
            names.language(doc.language)
          ) : (
            <span className="muted">{t('documents.notStated')}</span>
          )}
        </Fact>
        <Fact label={t('documents.file')}>
          <span dir="auto" className="document-item__file">
            {doc.current.fileName}
          </span>
          <span className="table__secondary">{size(doc.current.size)}</span>
        </Fact>
        <Fact label={t('documents.uploaded')}>
          <DateTime iso={doc.current.uploadedAt} dateOnly />
          <span className="table__secondary">{doc.current.uploadedBy ?? t('documents.unknownUser')}</span>
        </Fact>
        <Fact label={t('documents.versions')}>{format.number(doc.versions.length)}</Fact>
        {referral || task ? (
          <Fact label={t('documents.linkedTo')}>
            {referral ? <span className="document-item__link">{referral}</span> : null}
            {task ? <span className="document-item__link">{task}</span> : null}
          </Fact>
        ) : null}
      </dl>
      {doc.deleted ? (
        <div className="document-item__deleted">
          <p className="document-item__label">
            {doc.deleted.by
              ? t('documents.deletedBy', { name: doc.deleted.by, date: format.dateTime(doc.deleted.at) })
              : t('documents.deletedAt', { date: format.dateTime(doc.deleted.at) })}
          </p>
          <p className="narrative" dir="auto">
            {doc.deleted.reason}
          </p>
        </div>
      ) : null}
      {versionUploads.map((item) => (
        <div className="document-item__upload" key={item.key}>
          <UploadProgress item={item} heading={t('documents.upload.newVersionOf', { title: doc.title })} />
        </div>
      ))}
      <div className="button-group document-item__actions">
        {doc.viewable ? (
          <button type="button" className="button button--secondary" onClick={() => onView(doc)}>
            {t('documents.actions.view')}
            {hidden}
          </button>
        ) : null}
        <a
          className="button button--secondary"
          href={contentUrl(doc, doc.current)}
          download={doc.current.fileName}
        >
          {t('documents.actions.download')}
          {hidden}
        </a>
        {can.upload && !doc.deleted ? (
          <button type="button" className="button button--secondary" onClick={picker.open}>
            {t('documents.actions.newVersion')}
            {hidden}
          </button>
        ) : null}
        {can.edit && !doc.deleted ? (
          <button type="button" className="button button--link" onClick={() => onEdit(doc)}>
            {t('documents.actions.edit')}
            {hidden}
          </button>
        ) : null}
        {can.delete && !doc.deleted ? (
          <button
            type="button"
            className="button button--link document-item__delete"
            onClick={() => onDelete(doc)}
          >
            {t('documents.actions.delete')}
            {hidden}
          </button>
        ) : null}
      </div>
      {picker.element}
      <VersionHistory doc={doc} onView={onView} />
    </li>
  );
}
