import type {
  LoginResponse,
  Me,
  RecoveryCodesResponse,
  TotpEnrolmentResponse,
  UpdateProfileRequest,
} from '@opennrm/domain';
import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import { api, isApiError } from './client';
import { sessionStore } from './session-store';

export const ME_KEY = ['me'] as const;

/** The signed-in user, or null when there is no (complete) session. */
async function fetchMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/me', signal);
    sessionStore.setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (isApiError(error, 'UNAUTHENTICATED') || isApiError(error, 'AUTH_STEP_REQUIRED')) return null;
    throw error;
  }
}

export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: ({ signal }) => fetchMe(signal),
    staleTime: 5 * 60_000,
    // A refetch mid-way through sign-in would move the user on before they saved their recovery codes.
    refetchOnWindowFocus: false,
    retry: false,
  });
}

export function useSession() {
  const me = useMe();
  const pendingStage = useSyncExternalStore(sessionStore.subscribe, sessionStore.getStage);
  const stage = me.data ? me.data.stage : pendingStage;
  return { me: me.data ?? null, stage, isLoading: me.isPending, isFetching: me.isFetching, error: me.error };
}

/**
 * Records the answer of a sign-in step, so the router can move to the next step. The
 * user is re-read first, so the next page never renders with a half-signed-in user's
 * (empty) permissions.
 */
export async function applySessionStep(queryClient: QueryClient, step: LoginResponse): Promise<void> {
  sessionStore.setCsrfToken(step.csrfToken);
  await queryClient.invalidateQueries({ queryKey: ME_KEY });
  sessionStore.setStage(step.stage);
}

/**
 * Stores the user as the server returned it after a change, unless the session ended in
 * the meantime (a late answer must not sign a signed-out user back in on screen).
 */
export function storeMe(queryClient: QueryClient, updated: Me): void {
  queryClient.setQueryData<Me | null>(ME_KEY, (old) => (old && old.id === updated.id ? updated : old));
}

/**
 * Forgets the session in this tab: first the user (so every screen that shows them moves
 * to sign-in), then every other cached answer, which belonged to them.
 */
export function endLocalSession(queryClient: QueryClient, byUser = false): void {
  sessionStore.clear(byUser);
  queryClient.setQueryData(ME_KEY, null);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    try {
      await api.post<void>('/auth/logout');
    } catch {
      // Signing out locally matters more than the server's answer; the cookie expires anyway.
    }
    endLocalSession(queryClient, true);
  }, [queryClient]);
}

export const authApi = {
  login: (username: string, password: string) =>
    api.post<LoginResponse>('/auth/login', { username, password }),
  mfa: (code: string) => api.post<LoginResponse>('/auth/mfa', { code }),
  updateProfile: (body: UpdateProfileRequest) => api.patch<Me>('/me', body),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<LoginResponse>('/me/password', { currentPassword, newPassword }),
  enrolMfa: () => api.post<TotpEnrolmentResponse>('/me/mfa/enrol', {}),
  confirmMfa: (code: string) => api.post<RecoveryCodesResponse & LoginResponse>('/me/mfa/confirm', { code }),
  regenerateRecoveryCodes: (currentPassword: string) =>
    api.post<RecoveryCodesResponse>('/me/mfa/recovery-codes', { currentPassword }),
  disableMfa: (currentPassword: string) => api.post<void>('/me/mfa/disable', { currentPassword }),
};
