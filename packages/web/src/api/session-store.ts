import type { SessionStage } from '@opennrm/domain';

/**
 * Session facts the browser must remember between requests. Kept in memory only:
 * the CSRF token must never reach localStorage, where any injected script could read it
 * long after the tab is closed.
 */
let csrfToken: string | null = null;
let stage: SessionStage | null = null;
let signedOut = false;
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

export const sessionStore = {
  getCsrfToken(): string | null {
    return csrfToken;
  },
  setCsrfToken(token: string | null): void {
    csrfToken = token;
  },
  /** The stage reported by the most recent sign-in step; GET /api/me may not answer mid-way. */
  getStage(): SessionStage | null {
    return stage;
  },
  setStage(next: SessionStage | null): void {
    signedOut = false;
    if (stage === next) return;
    stage = next;
    emit();
  },
  /** Forgets the session; `byUser` when they chose to sign out (rather than it expiring). */
  clear(byUser = false): void {
    csrfToken = null;
    stage = null;
    signedOut = byUser;
    emit();
  },
  /** Whether the user signed out themselves: then there is no page to come back to after sign-in. */
  signedOutByUser(): boolean {
    return signedOut;
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
};
