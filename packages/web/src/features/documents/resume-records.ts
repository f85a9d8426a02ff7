import type { DocumentMetadata } from '@opennrm/domain';

/**
 * Uploads that may be resumed after the page was reloaded. Kept in `sessionStorage` (this tab
 * only, gone when it closes): the upload's id and enough about the file to recognise it when
 * the user picks it again. The browser cannot re-open a file by itself after a reload.
 */

export interface ResumeRecord {
  uploadId: string;
  caseId: string;
  fileName: string;
  size: number;
  lastModified: number;
  /** Set when the upload is a new version of this document. */
  documentId?: string;
  /** The document's title as the user gave it (or the document's, for a new version). */
  title: string;
  /** A new document's metadata, to start again from scratch if the upload has expired. */
  metadata?: DocumentMetadata;
  /** Bytes the server had confirmed when last saved. */
  receivedBytes: number;
  /** When the server forgets the upload. */
  expiresAt: string;
}

const STORAGE_KEY = 'opennrm.uploads.v1';

export interface FileIdentity {
  name: string;
  size: number;
  lastModified: number;
}

export function sameFile(record: ResumeRecord, file: FileIdentity): boolean {
  return (
    record.fileName === file.name && record.size === file.size && record.lastModified === file.lastModified
  );
}

function isRecord(value: unknown): value is ResumeRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    typeof r.uploadId === 'string' &&
    typeof r.caseId === 'string' &&
    typeof r.fileName === 'string' &&
    typeof r.size === 'number' &&
    typeof r.lastModified === 'number' &&
    typeof r.title === 'string' &&
    typeof r.receivedBytes === 'number' &&
    typeof r.expiresAt === 'string' &&
    (r.documentId === undefined || typeof r.documentId === 'string') &&
    (r.metadata === undefined || (typeof r.metadata === 'object' && r.metadata !== null))
  );
}

/** The records, in a storage that may be missing or full (private modes): then nothing is kept. */
export function createResumeRecords(storage: () => Storage | null, now: () => number = Date.now) {
  function read(): ResumeRecord[] {
    try {
      const text = storage()?.getItem(STORAGE_KEY);
      if (!text) return [];
      const parsed: unknown = JSON.parse(text);
      if (!Array.isArray(parsed)) return [];
      const time = now();
      return parsed.filter(isRecord).filter((r) => Date.parse(r.expiresAt) > time);
    } catch {
      return [];
    }
  }

  function write(records: ResumeRecord[]): void {
    try {
      const target = storage();
      if (!target) return;
      if (records.length === 0) target.removeItem(STORAGE_KEY);
      else target.setItem(STORAGE_KEY, JSON.stringify(records));
    } catch {
      // Storage full or refused: the upload still runs, it just cannot survive a reload.
    }
  }

  return {
    all: read,
    ofCase: (caseId: string) => read().filter((r) => r.caseId === caseId),
    find: (caseId: string, file: FileIdentity, documentId?: string) =>
      read().find((r) => r.caseId === caseId && r.documentId === documentId && sameFile(r, file)) ?? null,
    save(record: ResumeRecord): void {
      write([...read().filter((r) => r.uploadId !== record.uploadId), record]);
    },
    remove(uploadId: string): void {
      write(read().filter((r) => r.uploadId !== uploadId));
    },
  };
}

export type ResumeRecords = ReturnType<typeof createResumeRecords>;

export const resumeRecords: ResumeRecords = createResumeRecords(() =>
  typeof window === 'undefined' ? null : window.sessionStorage,
);
