import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/badge';
import { documentErrorMessage, useFileSize, usePercent } from './document-labels';
import { type QueueItem, uploadQueue, useUploadQueue } from './upload-queue-store';
import { MAX_ATTEMPTS, type UploadState } from './upload-runner';

/** Seconds until `at`, ticking once a second while there is a time to count down to. */
function useSecondsUntil(at: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [at]);
  return at === null ? 0 : Math.max(0, Math.ceil((at - now) / 1000));
}

function PhaseBadge({ upload }: { upload: UploadState }) {
  const { t } = useTranslation();
  const label = t(`documents.upload.phases.${upload.phase}`);
  switch (upload.phase) {
    case 'done':
      return <Badge tone="green">{label}</Badge>;
    case 'failed':
      return <Badge tone="red">{label}</Badge>;
    case 'retrying':
    case 'paused':
      return <Badge tone="orange">{label}</Badge>;
    case 'cancelled':
      return <Badge tone="grey">{label}</Badge>;
    default:
      return <Badge tone="blue">{label}</Badge>;
  }
}

/** What is happening, in words: said by screen readers when it changes (not at every byte). */
function PhaseText({ upload, version }: { upload: UploadState; version: boolean }) {
  const { t, i18n } = useTranslation();
  const seconds = useSecondsUntil(upload.phase === 'retrying' ? upload.retryAt : null);
  const { maxBytes } = useUploadQueue();
  switch (upload.phase) {
    case 'retrying':
      return <>{t('documents.upload.retrying', { seconds, attempt: upload.attempt, max: MAX_ATTEMPTS })}</>;
    case 'failed':
      return <>{documentErrorMessage(t, upload.error, i18n.language, { maxBytes, upload: true })}</>;
    case 'paused':
      return <>{t('documents.upload.pausedHint')}</>;
    case 'finishing':
      return <>{t('documents.upload.finishingHint')}</>;
    case 'done':
      return <>{version ? t('documents.upload.versionDoneHint') : t('documents.upload.doneHint')}</>;
    default:
      return null;
  }
}

/** One file on its way: the progress bar with bytes and percent, what is happening, and controls. */
export function UploadProgress({ item, heading }: { item: QueueItem; heading: string }) {
  const { t } = useTranslation();
  const size = useFileSize();
  const percent = usePercent();
  const id = useId();
  const upload = item.upload;
  if (!upload) return null;
  const numbers = t('documents.upload.numbers', {
    sent: size(upload.sentBytes),
    total: size(upload.size),
    percent: percent(upload.sentBytes, upload.size),
  });
  const running = ['starting', 'uploading', 'retrying'].includes(upload.phase);
  const fileName = <span className="visually-hidden"> {item.file.name}</span>;
  return (
    <div className={`upload-progress upload-progress--${upload.phase}`}>
      <div className="upload-progress__head">
        <label className="upload-progress__label" htmlFor={id}>
          {heading}
          <span className="upload-progress__file">
            <bdi>{item.file.name}</bdi>
          </span>
        </label>
        <PhaseBadge upload={upload} />
      </div>
      <progress
        id={id}
        className="upload-progress__bar"
        max={Math.max(upload.size, 1)}
        value={upload.size === 0 ? 1 : upload.sentBytes}
        aria-valuetext={numbers}
      />
      <p className="upload-progress__numbers">{numbers}</p>
      <p className="upload-progress__state" role={upload.phase === 'failed' ? 'alert' : 'status'}>
        <PhaseText upload={upload} version={item.target.kind === 'version'} />
      </p>
      <div className="button-group upload-progress__actions">
        {running ? (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => uploadQueue.pause(item.key)}
          >
            {t('documents.upload.pause')}
            {fileName}
          </button>
        ) : null}
        {upload.phase === 'paused' ? (
          <button type="button" className="button" onClick={() => uploadQueue.continue(item.key)}>
            {t('documents.upload.resume')}
            {fileName}
          </button>
        ) : null}
        {upload.phase === 'retrying' ? (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => uploadQueue.retry(item.key)}
          >
            {t('documents.upload.tryNow')}
            {fileName}
          </button>
        ) : null}
        {upload.phase === 'failed' && upload.retryable ? (
          <button type="button" className="button" onClick={() => uploadQueue.retry(item.key)}>
            {t('documents.upload.tryAgain')}
            {fileName}
          </button>
        ) : null}
        {running || upload.phase === 'paused' || (upload.phase === 'failed' && upload.retryable) ? (
          <button
            type="button"
            className="button button--link"
            onClick={() => void uploadQueue.cancel(item.key)}
          >
            {t('documents.upload.cancel')}
            {fileName}
          </button>
        ) : null}
        {['done', 'failed', 'cancelled'].includes(upload.phase) &&
        !(upload.phase === 'failed' && upload.retryable) ? (
          <button type="button" className="button button--link" onClick={() => uploadQueue.remove(item.key)}>
            {t('documents.upload.dismiss')}
            {fileName}
          </button>
        ) : null}
      </div>
    </div>
  );
}
