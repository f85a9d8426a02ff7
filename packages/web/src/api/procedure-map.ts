import type { ProcedureMap } from '@opennrm/domain';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from './client';

/** The first part of every procedure map query key (workflow changes invalidate it). */
export const PROCEDURE_MAP_KEY = 'procedure-map';

export const procedureMapKey = (caseId: string) => [PROCEDURE_MAP_KEY, caseId] as const;

export const procedureMapApi = {
  get: (caseId: string, signal?: AbortSignal) =>
    api.get<ProcedureMap>(`/cases/${encodeURIComponent(caseId)}/procedure-map`, signal),
};

/** A case's journey through stages, organisations, referrals and tasks (GET /api/cases/:id/procedure-map). */
export function useProcedureMap(caseId: string) {
  // The server names organisations in the reader's language: a language switch reads the map again.
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: [...procedureMapKey(caseId), i18n.language],
    queryFn: ({ signal }) => procedureMapApi.get(caseId, signal),
  });
}
