import type { DossierExport, DossierStarted, DossierState } from '@opennrm/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from './client';

/** The first part of every dossier export query key. */
export const DOSSIER_KEY = 'dossier';

/** How often a running export is asked where it stands. */
export const DOSSIER_POLL_MS = 1500;

const enc = encodeURIComponent;

export const dossierKey = (exportId: string) => [DOSSIER_KEY, exportId] as const;

export const dossierApi = {
  /** POST /api/cases/:id/dossier: starts the export in the background (202). */
  start: (caseId: string) => api.post<DossierStarted>(`/cases/${enc(caseId)}/dossier`),
  /** GET /api/dossiers/:id: where the export stands (only its requester sees it). */
  get: (exportId: string, signal?: AbortSignal) =>
    api.get<DossierExport>(`/dossiers/${enc(exportId)}`, signal),
};

/** States in which the export is still being built, so it is polled. */
export function isDossierRunning(state: DossierState): boolean {
  return state === 'queued' || state === 'running';
}

/**
 * One export, polled every 1.5 s while it is queued or running. A missing export (404: another
 * user's, or forgotten by the server) is not retried: the caller forgets the id.
 */
export function useDossierExport(exportId: string | null) {
  return useQuery({
    queryKey: dossierKey(exportId ?? ''),
    queryFn: ({ signal }) => dossierApi.get(exportId ?? '', signal),
    enabled: exportId !== null,
    refetchInterval: (query) => {
      const data = query.state.data;
      if (query.state.status === 'error') return false;
      return !data || isDossierRunning(data.state) ? DOSSIER_POLL_MS : false;
    },
    // The poll keeps going while the tab is in the background: the export finishes either way.
    refetchIntervalInBackground: true,
    retry: (failures, error) => !isApiError(error, 'NOT_FOUND') && failures < 2,
  });
}

/** Starts a new export; its first state is seeded into the cache so progress shows at once. */
export function useStartDossier(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => dossierApi.start(caseId),
    onSuccess: (started) => {
      const seeded: DossierExport = {
        id: started.id,
        caseId,
        state: started.state,
        progress: started.progress,
        total: started.total,
        createdAt: new Date().toISOString(),
        finishedAt: null,
        expiresAt: null,
        size: null,
        errorCode: null,
      };
      queryClient.setQueryData(dossierKey(started.id), seeded);
    },
  });
}

// ---------- The last export of each case, remembered for this tab ----------

const STORAGE_KEY = 'opennrm.dossiers.v1';

/** Keyed by user and case, so another user signing in on this tab never sees a stale id. */
const slot = (userId: string, caseId: string) => `${userId}:${caseId}`;

function readAll(storage: Storage | null): Record<string, string> {
  try {
    const text = storage?.getItem(STORAGE_KEY);
    if (!text) return {};
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
  } catch {
    return {};
  }
}

function writeAll(storage: Storage | null, all: Record<string, string>): void {
  try {
    if (!storage) return;
    if (Object.keys(all).length === 0) storage.removeItem(STORAGE_KEY);
    else storage.setItem(STORAGE_KEY, JSON.stringify(all));
  } catch {
    // Storage full or refused (private modes): the export still runs, it is just not remembered.
  }
}

/** The id of the last export of each case, in `sessionStorage` (this tab only, gone when it closes). */
export function createDossierMemory(storage: () => Storage | null) {
  return {
    get: (userId: string, caseId: string): string | null => readAll(storage())[slot(userId, caseId)] ?? null,
    set(userId: string, caseId: string, exportId: string): void {
      writeAll(storage(), { ...readAll(storage()), [slot(userId, caseId)]: exportId });
    },
    forget(userId: string, caseId: string): void {
      const all = readAll(storage());
      delete all[slot(userId, caseId)];
      writeAll(storage(), all);
    },
  };
}

export const dossierMemory = createDossierMemory(() =>
  typeof window === 'undefined' ? null : window.sessionStorage,
);
