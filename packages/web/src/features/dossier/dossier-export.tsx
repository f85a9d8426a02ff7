import type { DossierExport as DossierExportDto } from '@opennrm/domain';
import type { TFunction } from 'i18next';
import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/auth';
import { isApiError } from '../../api/client';
import { dossierMemory, isDossierRunning, useDossierExport, useStartDossier } from '../../api/dossier';
import { errorMessage } from '../../components/form-errors';
import { Notice } from '../../components/notice';
import { useFormatters } from '../../i18n/format';
import { useFileSize } from '../documents';
import '../documents/documents.css';

/** Why an export failed, in words: the server gives a code, never a message. */
export function dossierFailure(t: TFunction, code: string | null): string {
  const known = code ?? 'EXPORT_FAILED';
  return t([`dossier.errors.${known}`, `errors.${known}`, 'dossier.errors.EXPORT_FAILED']);
}

/**
 * The id of this case's last export, remembered for the tab (so a reload shows where it
 * stands) and per user (so someone else signing in here starts afresh).
 */
function useRememberedExport(caseId: string) {
  const { me } = useSession();
  const userId = me?.id ?? null;
  const key = `${userId}:${caseId}`;
  const read = useCallback(
    () => (userId === null ? null : dossierMemory.get(userId, caseId)),
    [userId, caseId],
  );
  const [entry, setEntry] = useState(() => ({ key, id: read() }));
  const exportId = entry.key === key ? entry.id : read();
  const remember = useCallback(
    (id: string) => {
      if (userId !== null) dossierMemory.set(userId, caseId, id);
      setEntry({ key, id });
    },
    [userId, caseId, key],
  );
  const forget = useCallback(() => {
    if (userId !== null) dossierMemory.forget(userId, caseId);
    setEntry({ key, id: null });
  }, [userId, caseId, key]);
  return { exportId, remember, forget };
}

/** Asks the server again the moment the download link expires, so the page never offers a dead link. */
function useRefetchAtExpiry(job: DossierExportDto | null, refetch: () => unknown) {
  const expiresAt = job?.state === 'done' ? job.expiresAt : null;
  useEffect(() => {
    if (!expiresAt) return;
    const wait = Math.min(Math.max(Date.parse(expiresAt) - Date.now(), 0) + 1000, 2_147_000_000);
    const timer = window.setTimeout(() => void refetch(), wait);
    return () => window.clearTimeout(timer);
  }, [expiresAt, refetch]);
}

/** What the live region says: only when the export starts and when it is ready (failures are alerts). */
function announcement(t: TFunction, job: DossierExportDto | null): string {
  if (!job) return '';
  if (isDossierRunning(job.state)) return t('dossier.announceStarted');
  if (job.state === 'done') return t('dossier.announceDone');
  return '';
}

function Progress({ job }: { job: DossierExportDto }) {
  const { t } = useTranslation();
  const id = useId();
  const label =
    job.total > 0
      ? t('dossier.preparing', { progress: job.progress, count: job.total })
      : t('dossier.preparingNoDocuments');
  return (
    <div className="upload-progress upload-progress--uploading">
      <div className="upload-progress__head">
        <label className="upload-progress__label" htmlFor={id}>
          {label}
        </label>
      </div>
      {job.total > 0 ? (
        <progress id={id} className="upload-progress__bar" max={job.total} value={job.progress} />
      ) : (
        <progress id={id} className="upload-progress__bar" />
      )}
      <p className="upload-progress__state">{t('dossier.preparingHint')}</p>
    </div>
  );
}

function Ready({ job }: { job: DossierExportDto }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const size = useFileSize();
  return (
    <div className="dossier-export__ready">
      <p>
        <a className="button" href={job.downloadUrl} download>
          {t('dossier.download')}
        </a>
      </p>
      <p className="hint">
        {job.size !== null
          ? `${t('dossier.readyDetails', { size: size(job.size), count: job.total })} `
          : null}
        {job.expiresAt
          ? t('dossier.availableUntil', {
              date: format.dateTime(job.expiresAt),
              relative: format.relative(job.expiresAt),
            })
          : null}
      </p>
    </div>
  );
}

/**
 * The dossier export of a case (issue #5): one action builds, in the background, a ZIP of
 * every document the user may see, an index, and a case summary PDF in their language.
 * Progress is shown while it runs; when done, a download link that works for 24 hours.
 */
export function DossierExport({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { exportId, remember, forget } = useRememberedExport(caseId);
  const query = useDossierExport(exportId);
  const start = useStartDossier(caseId);
  const stateRef = useRef<HTMLDivElement>(null);
  const [focusState, setFocusState] = useState(false);
  const job = exportId !== null && query.data?.id === exportId ? query.data : null;

  // Another user's export, or one the server no longer knows: start afresh.
  const missing = exportId !== null && query.isError && isApiError(query.error, 'NOT_FOUND');
  useEffect(() => {
    if (missing) forget();
  }, [missing, forget]);

  useRefetchAtExpiry(job, query.refetch);

  // The button that was pressed is gone: take focus to what replaced it.
  useEffect(() => {
    if (!focusState) return;
    stateRef.current?.focus();
    setFocusState(false);
  }, [focusState]);

  const begin = () => {
    start.mutate(undefined, {
      onSuccess: (started) => {
        remember(started.id);
        setFocusState(true);
      },
    });
  };

  const exportButton = (label: string, primary = false) => (
    <button
      type="button"
      className={primary ? 'button' : 'button button--secondary'}
      onClick={begin}
      disabled={start.isPending}
    >
      {start.isPending ? t('dossier.starting') : label}
    </button>
  );

  let body: ReactNode;
  if (exportId !== null && query.isPending) {
    body = <p className="muted">{t('common.loading')}</p>;
  } else if (exportId !== null && query.isError && !missing) {
    body = (
      <Notice tone="error" title={errorMessage(t, query.error)}>
        <button type="button" className="button button--secondary" onClick={() => void query.refetch()}>
          {t('common.tryAgain')}
        </button>
      </Notice>
    );
  } else if (job && isDossierRunning(job.state)) {
    body = <Progress job={job} />;
  } else if (job?.state === 'done' && job.downloadUrl) {
    body = (
      <>
        <Ready job={job} />
        <div className="button-group">{exportButton(t('dossier.exportAgain'))}</div>
      </>
    );
  } else if (job?.state === 'failed') {
    body = (
      <Notice tone="error" title={dossierFailure(t, job.errorCode)}>
        <div className="button-group">{exportButton(t('common.tryAgain'), true)}</div>
      </Notice>
    );
  } else if (job?.state === 'expired' || job?.state === 'done') {
    body = (
      <Notice tone="info" title={t('dossier.expired')}>
        <div className="button-group">{exportButton(t('dossier.exportAgain'))}</div>
      </Notice>
    );
  } else {
    body = <div className="button-group">{exportButton(t('dossier.export'))}</div>;
  }

  return (
    <div className="dossier-export">
      <p className="hint">{t('dossier.hint')}</p>
      {start.isError ? <Notice tone="error" title={errorMessage(t, start.error)} /> : null}
      <div ref={stateRef} tabIndex={-1} className="dossier-export__state">
        {body}
      </div>
      <p className="visually-hidden" role="status">
        {announcement(t, job)}
      </p>
    </div>
  );
}
