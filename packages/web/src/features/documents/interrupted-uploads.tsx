import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../../components/notice';
import { useFileSize, usePercent } from './document-labels';
import { useFilePicker } from './drop-zone';
import type { ResumeRecord } from './resume-records';
import { uploadQueue, useUploadQueue } from './upload-queue-store';

function InterruptedUpload({
  record,
  onPicked,
}: {
  record: ResumeRecord;
  onPicked: (same: boolean) => void;
}) {
  const { t } = useTranslation();
  const size = useFileSize();
  const percent = usePercent();
  const picker = useFilePicker((file) => {
    onPicked(uploadQueue.resumeRecord(record, file));
  });
  return (
    <li className="upload-card upload-card--offer">
      <h4 className="heading-s upload-card__file">
        <span dir="auto">{record.title}</span>
        <span className="upload-card__size">
          <bdi>{record.fileName}</bdi>
        </span>
      </h4>
      <p>
        {t('documents.resume.stopped', {
          sent: size(record.receivedBytes),
          total: size(record.size),
          percent: percent(record.receivedBytes, record.size),
        })}
      </p>
      <div className="button-group">
        <button type="button" className="button" onClick={picker.open}>
          {t('documents.resume.chooseAgain')}
          <span className="visually-hidden"> {record.fileName}</span>
        </button>
        <button
          type="button"
          className="button button--link"
          onClick={() => uploadQueue.discardRecord(record)}
        >
          {t('documents.resume.discard')}
          <span className="visually-hidden"> {record.fileName}</span>
        </button>
      </div>
      {picker.element}
    </li>
  );
}

/**
 * Uploads of this case that stopped when the page was reloaded or closed: the browser
 * cannot reopen a file by itself, so the user chooses it again and it continues.
 */
export function InterruptedUploads({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { items, records } = useUploadQueue();
  const [wrongFile, setWrongFile] = useState<ResumeRecord | null>(null);
  const inQueue = new Set(items.flatMap((item) => [item.upload?.uploadId, item.offer?.uploadId]));
  const waiting = records.filter((record) => record.caseId === caseId && !inQueue.has(record.uploadId));
  if (waiting.length === 0) return null;
  return (
    <section className="interrupted-uploads" aria-labelledby="interrupted-uploads-title">
      <h3 className="heading-s" id="interrupted-uploads-title">
        {t('documents.resume.title', { count: waiting.length })}
      </h3>
      <p className="hint">{t('documents.resume.intro')}</p>
      {wrongFile ? (
        <Notice tone="error" title={t('documents.resume.wrongFile', { name: wrongFile.fileName })} />
      ) : null}
      <ul className="upload-queue__list">
        {waiting.map((record) => (
          <InterruptedUpload
            key={record.uploadId}
            record={record}
            onPicked={(same) => setWrongFile(same ? null : record)}
          />
        ))}
      </ul>
    </section>
  );
}
