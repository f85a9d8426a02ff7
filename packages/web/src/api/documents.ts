import type {
  CaseDocument,
  DocumentList,
  DocumentUpdate,
  DocumentVersion,
  Me,
  Upload,
  UploadCreate,
} from '@opennrm/domain';
import { useQuery } from '@tanstack/react-query';
import { ApiError, api, type RequestOptions, requestVersioned, withQuery } from './client';
import { sessionStore } from './session-store';

export const DOCUMENTS_KEY = 'documents';

const enc = encodeURIComponent;

/** The `If-Match` value for a change to a document: its ETag is its version. */
export const documentEtag = (doc: Pick<CaseDocument, 'version'>): string => `"v${doc.version}"`;
const ifMatch = (doc: Pick<CaseDocument, 'version'>): RequestOptions => ({
  headers: { 'if-match': documentEtag(doc) },
});

/** Where a version's content is read: as an attachment, or `inline` for viewing in the page. */
export function contentUrl(
  doc: Pick<CaseDocument, 'id'>,
  version: Pick<DocumentVersion, 'version'>,
  inline = false,
): string {
  return withQuery(`/api/documents/${enc(doc.id)}/versions/${version.version}/content`, {
    inline: inline ? 'true' : undefined,
  });
}

export const documentsApi = {
  ofCase: (caseId: string, deleted: boolean, signal?: AbortSignal) =>
    api.get<DocumentList>(
      withQuery(`/cases/${enc(caseId)}/documents`, { deleted: deleted ? 'true' : 'false' }),
      signal,
    ),
  update: (doc: Pick<CaseDocument, 'id' | 'version'>, body: DocumentUpdate) =>
    requestVersioned<CaseDocument>('PATCH', `/documents/${enc(doc.id)}`, body, ifMatch(doc)).then(
      (r) => r.data,
    ),
  remove: (doc: Pick<CaseDocument, 'id' | 'version'>, reason: string) =>
    requestVersioned<void>('DELETE', `/documents/${enc(doc.id)}`, { reason }, ifMatch(doc)).then(
      () => undefined,
    ),
};

export const caseDocumentsKey = (caseId: string, deleted = false) =>
  [DOCUMENTS_KEY, 'case', caseId, deleted ? 'deleted' : 'current'] as const;

export function useCaseDocuments(caseId: string, deleted = false, enabled = true) {
  return useQuery({
    queryKey: caseDocumentsKey(caseId, deleted),
    queryFn: ({ signal }) => documentsApi.ofCase(caseId, deleted, signal),
    enabled,
  });
}

// ---------- Uploads ----------

/** Fetches a fresh CSRF token after the server refused ours (as `client.ts` does for JSON calls). */
async function refreshCsrfToken(): Promise<boolean> {
  try {
    const me = await api.get<Me>('/me');
    sessionStore.setCsrfToken(me.csrfToken);
    return true;
  } catch {
    return false;
  }
}

/** Retries a call once with a fresh CSRF token when the server refused the one we had. */
async function withCsrfRetry<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ApiError && error.code === 'CSRF_INVALID' && (await refreshCsrfToken())) {
      return call();
    }
    throw error;
  }
}

/** A chunk PUT that made no progress for this long is treated as a dropped connection. */
export const CHUNK_STALL_MS = 60_000;

function errorFromXhr(xhr: XMLHttpRequest): ApiError {
  try {
    const body = JSON.parse(xhr.responseText) as { code?: unknown; message?: unknown; details?: unknown };
    if (typeof body.code === 'string') {
      return new ApiError(xhr.status, body.code, String(body.message ?? body.code), body.details);
    }
  } catch {
    // Not JSON: a proxy answered.
  }
  return new ApiError(xhr.status, 'UNEXPECTED_RESPONSE', `HTTP ${xhr.status}`);
}

/**
 * Sends one chunk's bytes with XMLHttpRequest, whose `upload.onprogress` reports the bytes
 * sent so far within the chunk (fetch cannot), so the progress bar moves smoothly.
 */
function sendChunk(
  uploadId: string,
  index: number,
  body: Blob,
  onProgress: (loaded: number) => void,
  signal: AbortSignal,
): Promise<Upload> {
  return new Promise<Upload>((resolve, reject) => {
    if (signal.aborted) {
      reject(new DOMException('Aborted', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    let stalled = false;
    let watchdog = 0;
    const arm = () => {
      window.clearTimeout(watchdog);
      watchdog = window.setTimeout(() => {
        stalled = true;
        xhr.abort();
      }, CHUNK_STALL_MS);
    };
    const onAbort = () => xhr.abort();
    const settle = () => {
      window.clearTimeout(watchdog);
      signal.removeEventListener('abort', onAbort);
    };
    xhr.open('PUT', `/api/uploads/${enc(uploadId)}/chunks/${index}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json');
    const token = sessionStore.getCsrfToken();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (event) => {
      arm();
      onProgress(event.loaded);
    };
    xhr.onload = () => {
      settle();
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as Upload);
        } catch {
          reject(new ApiError(xhr.status, 'UNEXPECTED_RESPONSE', 'Response was not JSON'));
        }
      } else {
        reject(errorFromXhr(xhr));
      }
    };
    xhr.onerror = () => {
      settle();
      reject(new ApiError(0, 'NETWORK_ERROR', 'Network error'));
    };
    xhr.onabort = () => {
      settle();
      reject(
        stalled
          ? new ApiError(0, 'NETWORK_ERROR', 'No progress: connection stalled')
          : new DOMException('Aborted', 'AbortError'),
      );
    };
    signal.addEventListener('abort', onAbort, { once: true });
    arm();
    xhr.send(body);
  });
}

/** The server calls of a chunked, resumable upload (see `UploadRunner`). */
export interface UploadTransport {
  create(caseId: string, body: UploadCreate): Promise<Upload>;
  get(uploadId: string, signal?: AbortSignal): Promise<Upload>;
  putChunk(
    uploadId: string,
    index: number,
    body: Blob,
    onProgress: (loaded: number) => void,
    signal: AbortSignal,
  ): Promise<Upload>;
  complete(uploadId: string): Promise<CaseDocument>;
  abort(uploadId: string): Promise<void>;
}

export const uploadsApi: UploadTransport = {
  create: (caseId, body) => api.post<Upload>(`/cases/${enc(caseId)}/uploads`, body),
  get: (uploadId, signal) => api.get<Upload>(`/uploads/${enc(uploadId)}`, signal),
  putChunk: (uploadId, index, body, onProgress, signal) =>
    withCsrfRetry(() => sendChunk(uploadId, index, body, onProgress, signal)),
  complete: (uploadId) => api.post<CaseDocument>(`/uploads/${enc(uploadId)}/complete`, {}),
  abort: (uploadId) => api.delete<void>(`/uploads/${enc(uploadId)}`),
};
