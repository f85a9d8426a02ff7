import type { CalendarSettings, SopDocument, SopSummaryList, SopValidationResult } from '@opennrm/domain';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';

export const SOPS_KEY = 'sops';
export const CALENDAR_KEY = 'calendar';

const sopPath = (sopId: string) => `/sops/${encodeURIComponent(sopId)}`;

export const sopsApi = {
  list: (signal?: AbortSignal) => api.get<SopSummaryList>('/sops', signal),
  version: (sopId: string, version: number, signal?: AbortSignal) =>
    api.get<SopDocument>(`${sopPath(sopId)}/versions/${version}`, signal),
  validate: (document: unknown) => api.post<SopValidationResult>('/sops/validate', { document }),
  publish: (sopId: string, document: unknown, basedOnVersion: number) =>
    api.post<SopDocument>(`${sopPath(sopId)}/versions`, { document, basedOnVersion }),
  calendar: (signal?: AbortSignal) => api.get<CalendarSettings>('/calendar', signal),
  saveCalendar: (settings: CalendarSettings) => api.put<CalendarSettings>('/calendar', settings),
};

export function useSops() {
  return useQuery({
    queryKey: [SOPS_KEY, 'list'],
    queryFn: ({ signal }) => sopsApi.list(signal).then((answer) => answer.items),
  });
}

export function useSop(sopId: string) {
  const list = useSops();
  return { ...list, sop: list.data?.find((sop) => sop.id === sopId) };
}

/** A published version never changes: read once, keep. */
export function useSopVersion(sopId: string, version: number | undefined) {
  return useQuery({
    queryKey: [SOPS_KEY, 'version', sopId, version],
    queryFn: ({ signal }) => sopsApi.version(sopId, version ?? 1, signal),
    enabled: version !== undefined && version > 0,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useCalendar() {
  return useQuery({ queryKey: [CALENDAR_KEY], queryFn: ({ signal }) => sopsApi.calendar(signal) });
}
