import type {
  AuditVerifyResult,
  Organisation,
  OrganisationCreate,
  OrganisationUpdate,
  User,
  UserCreate,
  UserUpdate,
} from '@opennrm/domain';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { fetchAll } from './lists';

export const ORGANISATIONS_KEY = 'organisations';
export const USERS_KEY = 'users';
export const AUDIT_KEY = 'audit';

export const adminApi = {
  getOrganisation: (id: string, signal?: AbortSignal) =>
    api.get<Organisation>(`/organisations/${encodeURIComponent(id)}`, signal),
  createOrganisation: (body: OrganisationCreate) => api.post<Organisation>('/organisations', body),
  updateOrganisation: (id: string, body: OrganisationUpdate) =>
    api.patch<Organisation>(`/organisations/${encodeURIComponent(id)}`, body),
  getUser: (id: string, signal?: AbortSignal) => api.get<User>(`/users/${encodeURIComponent(id)}`, signal),
  createUser: (body: UserCreate) => api.post<User>('/users', body),
  updateUser: (id: string, body: UserUpdate) => api.patch<User>(`/users/${encodeURIComponent(id)}`, body),
  resetPassword: (id: string, newPassword: string) =>
    api.post<void>(`/users/${encodeURIComponent(id)}/password-reset`, { newPassword }),
  resetMfa: (id: string) => api.post<void>(`/users/${encodeURIComponent(id)}/mfa-reset`, {}),
  verifyAudit: () => api.get<AuditVerifyResult>('/audit/verify'),
};

/** Every organisation, for choosing one in a form or a filter. */
export function useAllOrganisations(enabled = true) {
  return useQuery({
    queryKey: [ORGANISATIONS_KEY, 'all'],
    queryFn: ({ signal }) => fetchAll<Organisation>('/organisations', {}, signal),
    staleTime: 60_000,
    enabled,
  });
}
