import type { CaseDocument, DocumentMetadata, DocumentType } from '@opennrm/domain';
import { useSyncExternalStore } from 'react';
import { isApiError } from '../../api/client';
import { type UploadTransport, uploadsApi } from '../../api/documents';
import { type ResumeRecord, type ResumeRecords, resumeRecords, sameFile } from './resume-records';
import { UploadRunner, type UploadState, type UploadTarget } from './upload-runner';

/**
 * The case page's upload queue, kept outside React: moving between the case's sections
 * does not stop an upload, and coming back shows where it stands. A reload does stop it;
 * the resume records then offer to continue when the same file is chosen again.
 */

/** The largest file accepted, until the server says otherwise (MAX_UPLOAD_BYTES, 2 GiB by default). */
export const DEFAULT_MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

/**
 * File name extensions the server accepts (it checks the content itself; this only spares
 * sending a large file that would be refused at the end). Keep in step with the server's
 * `content-check.ts`.
 */
export const ACCEPTED_EXTENSIONS = [
  'pdf',
  'jpg',
  'jpeg',
  'png',
  'webp',
  'tif',
  'tiff',
  'mp3',
  'm4a',
  'mp4',
  'ogg',
  'oga',
  'opus',
  'wav',
  'docx',
  'xlsx',
  'txt',
] as const;

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** The metadata form of a new document, as typed (validated when the upload starts). */
export interface Draft {
  type: DocumentType | '';
  title: string;
  date: string;
  language: string;
  referralId: string;
  taskId: string;
}

export type QueueTarget = { kind: 'new' } | { kind: 'version'; documentId: string; title: string };

export interface QueueItem {
  key: string;
  caseId: string;
  file: File;
  target: QueueTarget;
  /**
   * `draft`: waiting for its metadata; `offer`: an earlier upload of the same file stopped,
   * resume it or start again; `refused`: refused before sending (`refusal`); `running`: see `upload`.
   */
  status: 'draft' | 'offer' | 'refused' | 'running';
  refusal: 'too_large' | 'type' | null;
  draft: Draft;
  offer: ResumeRecord | null;
  upload: UploadState | null;
}

export interface QueueSnapshot {
  items: readonly QueueItem[];
  records: readonly ResumeRecord[];
  maxBytes: number;
}

/** The file's name without its extension: the default title. */
export function titleFromFileName(name: string): string {
  const dot = name.lastIndexOf('.');
  const base = dot > 0 ? name.slice(0, dot) : name;
  return base.trim().slice(0, 300) || name.slice(0, 300);
}

export function draftToMetadata(draft: Draft): DocumentMetadata | null {
  if (!draft.type || !draft.title.trim()) return null;
  return {
    type: draft.type,
    title: draft.title.trim(),
    ...(draft.date ? { date: draft.date } : {}),
    ...(draft.language ? { language: draft.language } : {}),
    ...(draft.referralId ? { referralId: draft.referralId } : {}),
    ...(draft.taskId ? { taskId: draft.taskId } : {}),
  };
}

function metadataToDraft(metadata: DocumentMetadata | undefined, fileName: string): Draft {
  return {
    type: metadata?.type ?? '',
    title: metadata?.title ?? titleFromFileName(fileName),
    date: metadata?.date ?? '',
    language: metadata?.language ?? '',
    referralId: metadata?.referralId ?? '',
    taskId: metadata?.taskId ?? '',
  };
}

/** The largest size a FILE_TOO_LARGE answer reports, under whichever name the server uses. */
function limitFrom(error: unknown): number | null {
  if (!isApiError(error, 'FILE_TOO_LARGE')) return null;
  const details = error.details as Record<string, unknown> | null | undefined;
  for (const name of ['maxBytes', 'maxUploadBytes', 'limit', 'max']) {
    const value = details?.[name];
    if (typeof value === 'number' && value > 0) return value;
  }
  return null;
}

export function createUploadQueue(transport: UploadTransport, records: ResumeRecords) {
  let items: readonly QueueItem[] = [];
  let snapshot: QueueSnapshot = { items, records: records.all(), maxBytes: DEFAULT_MAX_UPLOAD_BYTES };
  const runners = new Map<string, UploadRunner>();
  const listeners = new Set<() => void>();
  const storedListeners = new Set<(caseId: string, document: CaseDocument | null) => void>();
  let counter = 0;

  function emit(): void {
    snapshot = { items, records: records.all(), maxBytes: snapshot.maxBytes };
    for (const listener of listeners) listener();
    syncPageGuards();
  }

  function patch(key: string, change: Partial<QueueItem>): void {
    items = items.map((item) => (item.key === key ? { ...item, ...change } : item));
    emit();
  }

  const find = (key: string) => items.find((item) => item.key === key);

  function run(item: QueueItem, target: UploadTarget, resumeUploadId?: string): void {
    const runner = new UploadRunner({
      caseId: item.caseId,
      file: item.file,
      target,
      transport,
      records,
      resumeUploadId,
      onChange: (state) => {
        const limit = state.phase === 'failed' ? limitFrom(state.error) : null;
        if (limit) snapshot = { ...snapshot, maxBytes: limit };
        patch(item.key, { upload: state });
        if (state.phase === 'done') {
          for (const listener of storedListeners) listener(item.caseId, state.document);
        }
      },
    });
    runners.set(item.key, runner);
    items = items.map((i) => (i.key === item.key ? { ...i, status: 'running', upload: runner.state } : i));
    emit();
    runner.start();
  }

  function targetOf(item: QueueItem, record?: ResumeRecord | null): UploadTarget | null {
    if (item.target.kind === 'version') return item.target;
    const metadata = record?.metadata ?? draftToMetadata(item.draft);
    return metadata ? { kind: 'new', metadata } : null;
  }

  // ---------- Leaving the page while bytes are on their way ----------
  let guarding = false;
  const beforeUnload = (event: BeforeUnloadEvent) => {
    event.preventDefault();
    // Older browsers show the prompt only when a value is set.
    event.returnValue = '';
  };
  const online = () => {
    for (const runner of runners.values()) runner.retryNow();
  };
  function syncPageGuards(): void {
    if (typeof window === 'undefined') return;
    const active = [...runners.values()].some((runner) => runner.active);
    if (active === guarding) return;
    guarding = active;
    if (active) {
      window.addEventListener('beforeunload', beforeUnload);
      window.addEventListener('online', online);
    } else {
      window.removeEventListener('beforeunload', beforeUnload);
      window.removeEventListener('online', online);
    }
  }

  return {
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    getSnapshot: (): QueueSnapshot => snapshot,

    /** Called with each document stored (null when the answer was lost but it was stored). */
    onStored(listener: (caseId: string, document: CaseDocument | null) => void): () => void {
      storedListeners.add(listener);
      return () => {
        storedListeners.delete(listener);
      };
    },

    /** Files dropped or chosen: new documents wait for their metadata; new versions start at once. */
    add(caseId: string, files: readonly File[], target: QueueTarget = { kind: 'new' }): void {
      for (const file of files) {
        counter += 1;
        const documentId = target.kind === 'version' ? target.documentId : undefined;
        const offer = records.find(caseId, file, documentId);
        const busy = offer && items.some((i) => i.upload?.uploadId === offer.uploadId);
        const refusal =
          file.size > snapshot.maxBytes
            ? 'too_large'
            : (ACCEPTED_EXTENSIONS as readonly string[]).includes(extensionOf(file.name))
              ? null
              : 'type';
        const item: QueueItem = {
          key: `upload-${counter}`,
          caseId,
          file,
          target,
          status: refusal ? 'refused' : offer && !busy ? 'offer' : 'draft',
          refusal,
          draft: metadataToDraft(undefined, file.name),
          offer: offer && !busy ? offer : null,
          upload: null,
        };
        items = [...items, item];
        if (item.status === 'draft' && target.kind === 'version') {
          run(item, target);
        }
      }
      emit();
    },

    updateDraft(key: string, change: Partial<Draft>): void {
      const item = find(key);
      if (item) patch(key, { draft: { ...item.draft, ...change } });
    },

    /** Starts the new documents whose metadata is complete; returns the keys that are not. */
    startDrafts(caseId: string): string[] {
      const incomplete: string[] = [];
      for (const item of items) {
        if (item.caseId !== caseId || item.status !== 'draft' || item.target.kind !== 'new') continue;
        const target = targetOf(item);
        if (target) run(item, target);
        else incomplete.push(item.key);
      }
      return incomplete;
    },

    /** Continues the earlier upload of this file. */
    resume(key: string): void {
      const item = find(key);
      if (!item?.offer) return;
      const target = targetOf(item, item.offer);
      if (target) run(item, target, item.offer.uploadId);
    },

    /** Forgets the earlier upload of this file and starts from its first byte. */
    startAgain(key: string): void {
      const item = find(key);
      if (!item?.offer) return;
      const old = item.offer;
      records.remove(old.uploadId);
      void transport.abort(old.uploadId).catch(() => undefined);
      const next: QueueItem = {
        ...item,
        status: 'draft',
        offer: null,
        draft: metadataToDraft(old.metadata, item.file.name),
      };
      items = items.map((i) => (i.key === key ? next : i));
      if (next.target.kind === 'version') run(next, next.target);
      emit();
    },

    /** An interrupted upload (from before a reload) continued with the file chosen again. */
    resumeRecord(record: ResumeRecord, file: File): boolean {
      if (!sameFile(record, file)) return false;
      counter += 1;
      const item: QueueItem = {
        key: `upload-${counter}`,
        caseId: record.caseId,
        file,
        target: record.documentId
          ? { kind: 'version', documentId: record.documentId, title: record.title }
          : { kind: 'new' },
        status: 'offer',
        refusal: null,
        draft: metadataToDraft(record.metadata, file.name),
        offer: record,
        upload: null,
      };
      items = [...items, item];
      const target = targetOf(item, record);
      if (target) run(item, target, record.uploadId);
      else emit();
      return true;
    },

    /** Tells the server to forget an interrupted upload nobody will resume. */
    discardRecord(record: ResumeRecord): void {
      records.remove(record.uploadId);
      void transport.abort(record.uploadId).catch(() => undefined);
      emit();
    },

    pause: (key: string) => runners.get(key)?.pause(),
    continue: (key: string) => runners.get(key)?.start(),
    retry: (key: string) => runners.get(key)?.retryNow(),
    async cancel(key: string): Promise<void> {
      await runners.get(key)?.cancel();
    },

    /** Takes an item off the list (a draft, a refused file, or a finished upload). */
    remove(key: string): void {
      const runner = runners.get(key);
      if (runner?.active) return;
      runners.delete(key);
      items = items.filter((item) => item.key !== key);
      emit();
    },

    clearFinished(caseId: string): void {
      const finished = (item: QueueItem) =>
        item.caseId === caseId &&
        (item.upload?.phase === 'done' || item.upload?.phase === 'cancelled' || item.status === 'refused');
      for (const item of items) if (finished(item)) runners.delete(item.key);
      items = items.filter((item) => !finished(item));
      emit();
    },
  };
}

export type UploadQueue = ReturnType<typeof createUploadQueue>;

export const uploadQueue: UploadQueue = createUploadQueue(uploadsApi, resumeRecords);

export function useUploadQueue(): QueueSnapshot {
  return useSyncExternalStore(uploadQueue.subscribe, uploadQueue.getSnapshot);
}
