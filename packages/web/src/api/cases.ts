import type {
  AccessLog,
  Answers,
  Case,
  CaseCreate,
  CasePage,
  CaseParty,
  CasePartyCreate,
  CaseScreening,
  CaseUpdate,
  Consent,
  ConsentCreate,
  DuplicateCandidates,
  DuplicateCheck,
  DuplicateQuery,
  IdentityDocumentInput,
  IdentityDocumentUpdate,
  Party,
  Person,
  PersonInput,
  PersonUpdate,
  QuestionnaireVersion,
  ScreeningConfirm,
  ScreeningSuggestion,
  Timeline,
} from '@opennrm/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type RequestOptions, requestVersioned, type Versioned, withQuery } from './client';

export const CASES_KEY = 'cases';
export const PERSONS_KEY = 'persons';
export const SCREENING_KEY = 'screening';

const enc = encodeURIComponent;

/** What the browser sends to create a person: defaults the server fills in may be left out. */
export type PersonCreateBody = Omit<PersonInput, 'documents'> & {
  documents?: (Omit<IdentityDocumentInput, 'holder'> & { holder?: IdentityDocumentInput['holder'] })[];
};
export type CaseCreateBody = Omit<CaseCreate, 'duplicateCheck' | 'person'> & {
  duplicateCheck?: DuplicateCheck;
  person?: PersonCreateBody;
};
export type ConsentCreateBody = Omit<ConsentCreate, 'givenBy'> & { givenBy?: ConsentCreate['givenBy'] };
export type CaseListFilters = Partial<Record<string, string | number>>;

/** A random id for `Idempotency-Key`; `crypto.randomUUID` needs a secure context, so fall back. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const ifMatch = (etag: string | null): RequestOptions => ({ headers: etag ? { 'if-match': etag } : {} });

export const casesApi = {
  list: (filters: CaseListFilters, signal?: AbortSignal) =>
    api.get<CasePage>(withQuery('/cases', filters), signal),
  get: (id: string, signal?: AbortSignal) =>
    requestVersioned<Case>('GET', `/cases/${enc(id)}`, undefined, { signal }),
  create: (body: CaseCreateBody, idempotencyKey: string) =>
    requestVersioned<Case>('POST', '/cases', body, { headers: { 'idempotency-key': idempotencyKey } }),
  update: (id: string, etag: string | null, body: CaseUpdate) =>
    requestVersioned<Case>('PATCH', `/cases/${enc(id)}`, body, ifMatch(etag)),
  assign: (id: string, etag: string | null, assigneeId: string | null) =>
    requestVersioned<Case>('PUT', `/cases/${enc(id)}/assignee`, { assigneeId }, ifMatch(etag)),
  settlePerson: (id: string, etag: string | null, body: { personId: string } | { confirmNew: true }) =>
    requestVersioned<Case>('POST', `/cases/${enc(id)}/person`, body, ifMatch(etag)),
  consents: (id: string, signal?: AbortSignal) =>
    api.get<{ items: Consent[] }>(`/cases/${enc(id)}/consents`, signal),
  recordConsent: (id: string, body: ConsentCreateBody) =>
    api.post<{ items: Consent[] }>(`/cases/${enc(id)}/consents`, body),
  parties: (id: string, signal?: AbortSignal) =>
    api.get<{ items: CaseParty[] }>(`/cases/${enc(id)}/parties`, signal),
  linkParty: (id: string, body: CasePartyCreate) =>
    api.post<{ items: CaseParty[] }>(`/cases/${enc(id)}/parties`, body),
  unlinkParty: (id: string, linkId: string) => api.delete<void>(`/cases/${enc(id)}/parties/${enc(linkId)}`),
  searchParties: (q: string, signal?: AbortSignal) =>
    api.get<{ items: Party[] }>(withQuery('/parties', { q, limit: 10 }), signal),
  timeline: (id: string, signal?: AbortSignal) => api.get<Timeline>(`/cases/${enc(id)}/timeline`, signal),
  accessLog: (id: string, signal?: AbortSignal) => api.get<AccessLog>(`/cases/${enc(id)}/access-log`, signal),
};

export const personsApi = {
  duplicates: (query: DuplicateQuery, signal?: AbortSignal) =>
    requestVersioned<DuplicateCandidates>('POST', '/persons/duplicates', query, { signal }).then(
      (r) => r.data,
    ),
  duplicatesOf: (id: string, signal?: AbortSignal) =>
    api.get<DuplicateCandidates>(`/persons/${enc(id)}/duplicates`, signal),
  update: (id: string, etag: string | null, body: PersonUpdate) =>
    requestVersioned<Person>('PATCH', `/persons/${enc(id)}`, body, ifMatch(etag)),
  get: (id: string, signal?: AbortSignal) =>
    requestVersioned<Person>('GET', `/persons/${enc(id)}`, undefined, { signal }),
  addDocument: (id: string, etag: string, body: IdentityDocumentInput) =>
    requestVersioned<Person>('POST', `/persons/${enc(id)}/documents`, body, ifMatch(etag)),
  changeDocumentHolder: (id: string, documentId: string, etag: string, body: IdentityDocumentUpdate) =>
    requestVersioned<Person>(
      'PATCH',
      `/persons/${enc(id)}/documents/${enc(documentId)}`,
      body,
      ifMatch(etag),
    ),
  removeDocument: (id: string, documentId: string, etag: string) =>
    requestVersioned<Person>(
      'DELETE',
      `/persons/${enc(id)}/documents/${enc(documentId)}`,
      undefined,
      ifMatch(etag),
    ),
};

/** The `If-Match` value for a change to a person: their ETag is their version. */
export const personEtag = (person: Pick<Person, 'version'>): string => `"v${person.version}"`;

export const screeningApi = {
  current: (signal?: AbortSignal) => api.get<QuestionnaireVersion>('/screening/questionnaire', signal),
  version: (version: number, signal?: AbortSignal) =>
    api.get<QuestionnaireVersion>(`/screening/questionnaires/${version}`, signal),
  ofCase: (id: string, signal?: AbortSignal) =>
    api.get<{ screening: CaseScreening | null }>(`/cases/${enc(id)}/screening`, signal),
  /** The first save of a case (no screening yet) has no ETag; every later one sends If-Match. */
  save: (id: string, answers: Answers, etag: string | null) =>
    requestVersioned<ScreeningSuggestion>('PUT', `/cases/${enc(id)}/screening`, { answers }, ifMatch(etag)),
  confirm: (id: string, body: ScreeningConfirm) =>
    api.post<{ screening: CaseScreening | null }>(`/cases/${enc(id)}/screening/confirm`, body),
};

/** The `If-Match` value for saving answers again: a screening's ETag is its version. */
export const screeningEtag = (screening: Pick<CaseScreening, 'version'> | null): string | null =>
  screening ? `"v${screening.version}"` : null;

export const screeningKey = (id: string) => [CASES_KEY, 'screening', id] as const;

export const caseKey = (id: string) => [CASES_KEY, 'one', id] as const;

/** One case with its ETag, to send back as `If-Match`. */
export function useCase(id: string) {
  return useQuery<Versioned<Case>>({
    queryKey: caseKey(id),
    queryFn: ({ signal }) => casesApi.get(id, signal),
  });
}

/** How many cases a view holds, for the home page. */
export function useCaseCount(filters: CaseListFilters, enabled = true) {
  return useQuery({
    queryKey: [CASES_KEY, 'count', filters],
    queryFn: ({ signal }) => casesApi.list({ ...filters, limit: 1 }, signal),
    select: (page) => page.total ?? null,
    enabled,
  });
}

/**
 * The questionnaire a screening uses: its own version once started, else the current one.
 * While the started screening's version loads, the current one stays shown (it is the same
 * version unless an administrator published another meanwhile), so the interview on screen
 * is never unmounted mid-answer.
 */
export function useQuestionnaire(version: number | null | undefined, enabled = true) {
  return useQuery({
    queryKey: [SCREENING_KEY, 'questionnaire', version ?? 'current'],
    queryFn: ({ signal }) => (version ? screeningApi.version(version, signal) : screeningApi.current(signal)),
    staleTime: 10 * 60_000,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCaseScreening(id: string, enabled = true) {
  return useQuery({
    queryKey: screeningKey(id),
    queryFn: ({ signal }) => screeningApi.ofCase(id, signal),
    enabled,
  });
}
