import { sessionStore } from './session-store';

export interface ValidationIssue {
  path: (string | number)[];
  code: string;
  message: string;
  params?: Record<string, unknown>;
}

/** Codes the browser itself produces when the server gave no usable answer. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE';

/** An API failure: branch on `code`, never on `message` (which is for logs only). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  get issues(): ValidationIssue[] {
    if (this.code !== 'VALIDATION_FAILED') return [];
    const details = this.details as { issues?: unknown } | null | undefined;
    if (!details || !Array.isArray(details.issues)) return [];
    return details.issues.filter(isIssue);
  }
}

function isIssue(value: unknown): value is ValidationIssue {
  if (typeof value !== 'object' || value === null) return false;
  const issue = value as Record<string, unknown>;
  return Array.isArray(issue.path) && typeof issue.code === 'string';
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function parseError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { code?: unknown; message?: unknown; details?: unknown };
    if (typeof body.code === 'string') {
      return new ApiError(response.status, body.code, String(body.message ?? body.code), body.details);
    }
  } catch {
    // Not JSON: a proxy or gateway answered; fall through to a generic error.
  }
  return new ApiError(response.status, 'UNEXPECTED_RESPONSE', `HTTP ${response.status}`);
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Extra headers, for example `If-Match` or `Idempotency-Key`. */
  headers?: Record<string, string>;
}

async function send(
  method: string,
  path: string,
  body: unknown,
  options: RequestOptions = {},
): Promise<Response> {
  const { signal } = options;
  const headers: Record<string, string> = { ...options.headers, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const token = sessionStore.getCsrfToken();
  if (method !== 'GET' && token) headers['x-csrf-token'] = token;
  try {
    return await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK_ERROR', 'Network error');
  }
}

/** Fetches a fresh CSRF token after the server refused ours (for example after a restart). */
async function refreshCsrfToken(): Promise<boolean> {
  const response = await send('GET', '/me', undefined);
  if (!response.ok) return false;
  const me = (await response.json()) as { csrfToken?: unknown };
  if (typeof me.csrfToken !== 'string') return false;
  sessionStore.setCsrfToken(me.csrfToken);
  return true;
}

/** An answer with its `ETag`, to send back as `If-Match` with the next change. */
export interface Versioned<T> {
  data: T;
  etag: string | null;
}

export async function requestVersioned<T>(
  method: string,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<Versioned<T>> {
  let response = await send(method, path, body, options);
  if (!response.ok) {
    const error = await parseError(response);
    if (error.code === 'CSRF_INVALID' && method !== 'GET' && (await refreshCsrfToken())) {
      response = await send(method, path, body, options);
      if (!response.ok) throw await parseError(response);
    } else {
      throw error;
    }
  }
  return { data: await readBody<T>(response), etag: response.headers.get('etag') };
}

export async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  return (await requestVersioned<T>(method, path, body, { signal })).data;
}

async function readBody<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(response.status, 'UNEXPECTED_RESPONSE', 'Response was not JSON');
  }
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
