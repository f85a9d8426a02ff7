import type { CaseDocument, DocumentVersion } from '@opennrm/domain';
import { useTranslation } from 'react-i18next';
import { contentUrl } from '../../api/documents';
import { Dialog } from '../../components/dialog';

export type ViewKind = 'image' | 'pdf' | 'audio';

/** How the browser can show a version, from its content type (the server says whether it may). */
export function viewKind(contentType: string): ViewKind | null {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type.startsWith('image/')) return 'image';
  if (type === 'application/pdf') return 'pdf';
  if (type.startsWith('audio/')) return 'audio';
  return null;
}

interface Props {
  doc: CaseDocument | null;
  version?: DocumentVersion;
  onClose: () => void;
}

/** A document shown in the page: the image, the PDF in the browser's viewer, or an audio player. */
export function ViewerDialog({ doc, version, onClose }: Props) {
  const { t } = useTranslation();
  const shown = version ?? doc?.current;
  const kind = shown ? viewKind(shown.contentType) : null;
  const inline = doc && shown ? contentUrl(doc, shown, true) : '';
  const download = doc && shown ? contentUrl(doc, shown) : '';
  return (
    <Dialog open={doc !== null} onClose={onClose} title={doc ? doc.title : ''}>
      {doc && shown ? (
        <div className="document-viewer">
          <p className="document-viewer__meta">
            {t('documents.viewer.meta', { version: shown.version, name: shown.fileName })}
          </p>
          <div className={`document-viewer__frame document-viewer__frame--${kind ?? 'none'}`}>
            {kind === 'image' ? (
              <img className="document-viewer__image" src={inline} alt={doc.title} />
            ) : kind === 'pdf' ? (
              <iframe className="document-viewer__pdf" src={inline} title={doc.title} />
            ) : kind === 'audio' ? (
              // biome-ignore lint/a11y/useMediaCaption: recordings of interviews have no caption track; their transcript is a document of its own
              <audio className="document-viewer__audio" src={inline} controls preload="metadata">
                <a href={download}>{t('documents.actions.download')}</a>
              </audio>
            ) : (
              <p>{t('documents.viewer.notViewable')}</p>
            )}
          </div>
          {kind === 'pdf' ? <p className="hint">{t('documents.viewer.pdfHint')}</p> : null}
          <div className="button-group">
            <a className="button" href={download} download={shown.fileName}>
              {t('documents.actions.download')}
            </a>
            {kind ? (
              <a className="button button--secondary" href={inline} target="_blank" rel="noopener">
                {t('documents.viewer.openInTab')}
              </a>
            ) : null}
            <button type="button" className="button button--secondary" onClick={onClose}>
              {t('documents.viewer.close')}
            </button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
