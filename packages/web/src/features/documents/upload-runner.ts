import type { CaseDocument, DocumentMetadata, Upload } from '@opennrm/domain';
import { ApiError, isApiError } from '../../api/client';
import type { UploadTransport } from '../../api/documents';
import type { ResumeRecords } from './resume-records';

/**
 * One file's way to the server: create the upload (or pick up an earlier one), send its
 * chunks in order with byte-level progress, retry with backoff when the connection drops
 * (asking the server where to continue), then complete it. Framework-free, so the queue can
 * outlive the component that started it and the logic can be tested without a browser.
 */

export type UploadPhase =
  | 'starting'
  | 'uploading'
  /** The connection dropped: waiting before the next attempt (`retryAt`). */
  | 'retrying'
  | 'paused'
  /** All bytes sent; the server checks, scans and stores the file. */
  | 'finishing'
  | 'done'
  | 'failed'
  | 'cancelled';

export interface UploadState {
  phase: UploadPhase;
  /** Bytes the server has, plus those of the chunk in flight. */
  sentBytes: number;
  size: number;
  uploadId: string | null;
  /** Why it failed (an `ApiError`), or the last network error while retrying. */
  error: unknown;
  /** Failed for a reason that another attempt may fix (the network, the server). */
  retryable: boolean;
  /** Attempts made after a dropped connection, since the last chunk that went through. */
  attempt: number;
  /** When the next attempt starts (epoch ms), while `retrying`. */
  retryAt: number | null;
  document: CaseDocument | null;
}

/** What the file becomes: a new document with its metadata, or a new version of one. */
export type UploadTarget =
  | { kind: 'new'; metadata: DocumentMetadata }
  | { kind: 'version'; documentId: string; title: string };

export interface UploadFile {
  name: string;
  size: number;
  type: string;
  lastModified: number;
  slice(start: number, end: number): Blob;
}

export interface RunnerOptions {
  caseId: string;
  file: UploadFile;
  target: UploadTarget;
  transport: UploadTransport;
  records: ResumeRecords;
  /** An upload started earlier (found in the resume records) to continue. */
  resumeUploadId?: string;
  onChange: (state: UploadState) => void;
  /** Waits `ms`, or rejects when the signal aborts. */
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
  now?: () => number;
  random?: () => number;
  /** Least time between two progress reports within a chunk. */
  progressIntervalMs?: number;
}

/** Attempts after a dropped connection before giving up (about two minutes in all). */
export const MAX_ATTEMPTS = 8;
/** Times the runner re-reads where the server stands after a refused chunk or completion. */
const MAX_RESYNCS = 3;

/** 1 s, 2 s, 4 s … up to 30 s, with ±20% jitter so many tabs do not retry in step. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** A dropped connection, a timeout or a server in trouble: worth another attempt. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.code === 'NETWORK_ERROR') return true;
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
}

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

/** Aborts when either does (`AbortSignal.any`, for browsers from before 2024). */
function eitherSignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  const controller = new AbortController();
  for (const signal of [a, b]) {
    if (signal.aborted) controller.abort();
    else signal.addEventListener('abort', () => controller.abort(), { once: true });
  }
  return controller.signal;
}

export function defaultWait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new DOMException('Aborted', 'AbortError'));
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new DOMException('Aborted', 'AbortError'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export class UploadRunner {
  private readonly options: RunnerOptions;
  private uploadId: string | null;
  private controller: AbortController | null = null;
  /** Skips the current backoff wait (the browser came back online, or the user asked). */
  private skipWait: AbortController | null = null;
  private lastReport = 0;
  private current: UploadState;

  constructor(options: RunnerOptions) {
    this.options = options;
    this.uploadId = options.resumeUploadId ?? null;
    this.current = {
      phase: 'starting',
      sentBytes: 0,
      size: options.file.size,
      uploadId: this.uploadId,
      error: null,
      retryable: false,
      attempt: 0,
      retryAt: null,
      document: null,
    };
  }

  get state(): UploadState {
    return this.current;
  }

  /** Whether bytes may be on their way (to warn before the page is left). */
  get active(): boolean {
    return ['starting', 'uploading', 'retrying', 'finishing'].includes(this.current.phase);
  }

  /** Starts, or continues after a pause or a failure worth retrying. */
  start(): void {
    if (this.controller) return;
    if (this.current.phase === 'done' || this.current.phase === 'cancelled') return;
    const controller = new AbortController();
    this.controller = controller;
    void this.run(controller.signal).finally(() => {
      if (this.controller === controller) this.controller = null;
    });
  }

  pause(): void {
    if (!this.active || this.current.phase === 'finishing') return;
    this.controller?.abort();
    this.controller = null;
    this.set({ phase: 'paused', retryAt: null });
  }

  /** Tries at once instead of waiting out the backoff (e.g. on the browser's `online` event). */
  retryNow(): void {
    if (this.current.phase === 'retrying') this.skipWait?.abort();
    else if (this.current.phase === 'failed' && this.current.retryable) this.start();
  }

  /** Stops and tells the server to forget the bytes it has. */
  async cancel(): Promise<void> {
    if (this.current.phase === 'done' || this.current.phase === 'finishing') return;
    this.controller?.abort();
    this.controller = null;
    this.set({ phase: 'cancelled', retryAt: null });
    const id = this.uploadId;
    if (id) {
      this.options.records.remove(id);
      await this.options.transport.abort(id).catch(() => undefined);
    }
  }

  private set(patch: Partial<UploadState>, force = true): void {
    const now = (this.options.now ?? Date.now)();
    if (!force && now - this.lastReport < (this.options.progressIntervalMs ?? 100)) {
      this.current = { ...this.current, ...patch };
      return;
    }
    this.lastReport = now;
    this.current = { ...this.current, ...patch };
    this.options.onChange(this.current);
  }

  private remember(upload: Upload): void {
    const { caseId, file, target, records } = this.options;
    records.save({
      uploadId: upload.id,
      caseId,
      fileName: file.name,
      size: file.size,
      lastModified: file.lastModified,
      ...(target.kind === 'version' ? { documentId: target.documentId } : { metadata: target.metadata }),
      title: target.kind === 'version' ? target.title : target.metadata.title,
      receivedBytes: upload.receivedBytes,
      expiresAt: upload.expiresAt,
    });
  }

  private async begin(signal: AbortSignal): Promise<Upload> {
    const { caseId, file, target, transport } = this.options;
    if (this.uploadId) {
      const upload = await transport.get(this.uploadId, signal);
      if (upload.size !== file.size) {
        throw new ApiError(409, 'UPLOAD_FILE_MISMATCH', 'The upload is for another file');
      }
      return upload;
    }
    const upload = await transport.create(caseId, {
      fileName: file.name,
      size: file.size,
      ...(file.type ? { contentType: file.type } : {}),
      ...(target.kind === 'new' ? { metadata: target.metadata } : { documentId: target.documentId }),
    });
    this.uploadId = upload.id;
    return upload;
  }

  private async run(signal: AbortSignal): Promise<void> {
    const { file, transport, records } = this.options;
    const wait = this.options.wait ?? defaultWait;
    let resyncs = 0;
    let attempt = 0;
    this.set({ phase: 'starting', error: null, retryable: false, attempt: 0, retryAt: null });
    for (;;) {
      try {
        // After a drop or a refusal, ask the server where it stands rather than guess.
        let upload = await this.begin(signal);
        signal.throwIfAborted();
        if (upload.state === 'aborted') throw new ApiError(404, 'NOT_FOUND', 'The upload was aborted');
        if (upload.state === 'complete') {
          // It was completed, but the answer was lost: the document is in the case's list.
          records.remove(upload.id);
          this.set({ phase: 'done', sentBytes: file.size, uploadId: upload.id });
          return;
        }
        this.remember(upload);
        this.set({ phase: 'uploading', uploadId: upload.id, sentBytes: upload.receivedBytes, retryAt: null });
        while (upload.nextChunk < upload.chunks) {
          const index = upload.nextChunk;
          const from = index * upload.chunkSize;
          const to = Math.min(file.size, from + upload.chunkSize);
          upload = await transport.putChunk(
            upload.id,
            index,
            file.slice(from, to),
            (loaded) => this.set({ sentBytes: from + Math.min(loaded, to - from) }, false),
            signal,
          );
          signal.throwIfAborted();
          attempt = 0;
          this.remember(upload);
          this.set({ sentBytes: upload.receivedBytes, attempt: 0, error: null });
        }
        this.set({ phase: 'finishing', sentBytes: file.size });
        const document = await transport.complete(upload.id);
        records.remove(upload.id);
        this.set({ phase: 'done', document });
        return;
      } catch (error) {
        if (signal.aborted || isAbort(error)) return;
        if (
          (isApiError(error, 'UPLOAD_CHUNK_OUT_OF_ORDER') || isApiError(error, 'UPLOAD_INCOMPLETE')) &&
          this.uploadId &&
          resyncs < MAX_RESYNCS
        ) {
          resyncs += 1;
          continue;
        }
        if (isRetryable(error) && attempt < MAX_ATTEMPTS) {
          attempt += 1;
          const delay = backoffMs(attempt, this.options.random);
          const now = (this.options.now ?? Date.now)();
          this.set({ phase: 'retrying', error, attempt, retryAt: now + delay });
          const skip = new AbortController();
          this.skipWait = skip;
          try {
            await wait(delay, eitherSignal(signal, skip.signal));
          } catch {
            if (signal.aborted) return;
          } finally {
            this.skipWait = null;
          }
          this.set({ phase: 'uploading', retryAt: null });
          continue;
        }
        if ((isApiError(error, 'NOT_FOUND') || isApiError(error, 'UPLOAD_FILE_MISMATCH')) && this.uploadId) {
          // Expired, aborted elsewhere, or not this file: nothing to resume, but the file
          // can be sent again from its start.
          records.remove(this.uploadId);
          this.uploadId = null;
          this.set({ phase: 'failed', error, retryable: true, retryAt: null, uploadId: null, sentBytes: 0 });
          return;
        }
        // A session that ended can be signed into again, then the upload tried again by hand.
        const retryable = isRetryable(error) || isApiError(error, 'UNAUTHENTICATED');
        this.set({ phase: 'failed', error, retryable, retryAt: null });
        return;
      }
    }
  }
}
