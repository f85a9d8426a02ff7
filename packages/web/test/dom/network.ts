import type { Me, Organisation } from '@opennrm/domain';
import { HttpResponse, http, type JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';

/**
 * The fake server the DOM tests talk to: `fetch` and XMLHttpRequest are answered here, at the
 * network boundary, with bodies shaped by the domain's DTO types; nothing of the app is mocked.
 */
export const server = setupServer();

/** An API path as the app requests it (`/api` + the path). */
export const api = (path: string) => `*/api${path}`;

/** The error body the server sends (`{ code, message, details }`). */
export function apiError(status: number, code: string, details?: unknown) {
  return HttpResponse.json({ code, message: code, ...(details ? { details } : {}) }, { status });
}

/** A page of a list endpoint (`{ items, nextCursor }`). */
export const pageOf = <T extends JsonBodyType>(items: T[]) => HttpResponse.json({ items, nextCursor: null });

export const CENTRE_ID = '00000000-0000-4000-8000-000000000001';

export function aUser(permissions: Me['permissions'], overrides: Partial<Me> = {}): Me {
  return {
    id: '00000000-0000-4000-8000-0000000000aa',
    username: 'case.worker',
    displayName: 'Case Worker',
    role: 'nrm_case_manager',
    organisation: { id: CENTRE_ID, name: 'National Referral Centre', nameAr: null, kind: 'coordinator' },
    locale: 'en',
    mfaEnabled: true,
    mfaRequired: true,
    permissions,
    stage: 'authenticated',
    csrfToken: 'csrf-token',
    ...overrides,
  };
}

export function anOrganisation(
  overrides: Partial<Organisation> & Pick<Organisation, 'id' | 'name'>,
): Organisation {
  return {
    nameAr: null,
    kind: 'shelter',
    countryCode: null,
    active: true,
    userCount: 3,
    createdAt: '2026-01-05T09:00:00.000Z',
    updatedAt: '2026-01-05T09:00:00.000Z',
    ...overrides,
  };
}

/** Signs `user` in: `GET /api/me` answers with them. */
export function signedIn(user: Me) {
  server.use(http.get(api('/me'), () => HttpResponse.json(user)));
}
