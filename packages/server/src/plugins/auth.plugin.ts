import type { Actor, Permission, SessionStage } from '@opennrm/domain';
import { can } from '@opennrm/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type AuditContext, recordAudit } from '../features/audit/index.js';
import { type IssuedSession, type SessionWithUser, sessionOfToken } from '../features/auth/index.js';
import { AppError } from '../lib/app-error.js';
import { safeEqual } from '../lib/tokens.js';
import type { Services } from '../services.js';

export interface RequestAuth extends SessionWithUser {
  stage: SessionStage;
  actor: Actor;
}

/**
 * Who may call a route: part of each route's own definition, and checked on the route the
 * router matched (after it decoded the path), never on the URL text. Deny by default: a
 * route that declares neither `public` nor a `permission` stops the server from starting.
 * `permission` is checked with the domain policy (a list means any one of them); `stages`
 * opens a route to partial sessions (second factor, enrolment, forced password change).
 * `cacheable` lets a public static file keep its own Cache-Control; everything else is
 * answered with `no-store`.
 */
export type RouteAccess =
  | { public: true; cacheable?: boolean }
  | {
      permission: Permission | readonly Permission[];
      stages?: readonly SessionStage[];
      public?: false;
    };

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth | undefined;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function sessionCookieName(services: Services): string {
  return services.config.secureCookies ? '__Host-opennrm_session' : 'opennrm_session';
}

export function setSessionCookie(services: Services, reply: FastifyReply, session: IssuedSession) {
  reply.setCookie(sessionCookieName(services), session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: services.config.secureCookies,
  });
}

export function clearSessionCookie(services: Services, reply: FastifyReply) {
  reply.clearCookie(sessionCookieName(services), {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: services.config.secureCookies,
  });
}

export function auditContext(request: FastifyRequest): AuditContext {
  const auth = request.auth;
  return {
    actor: auth
      ? { userId: auth.userId, username: auth.username, organisationId: auth.organisationId }
      : undefined,
    requestId: request.id,
    ip: request.ip,
  };
}

async function loadSession(services: Services, request: FastifyRequest): Promise<RequestAuth | undefined> {
  const token = request.cookies[sessionCookieName(services)];
  if (!token || token.length > 200) return undefined;
  const row = await sessionOfToken(services, token);
  if (!row) return undefined;
  return {
    ...row,
    stage: row.stage,
    actor: {
      userId: row.userId,
      role: row.role,
      organisationId: row.organisationId,
      organisationKind: row.organisationKind,
      organisationCountry: row.organisationCountry,
      active: row.userActive && row.organisationActive,
    },
  };
}

function isDeclared(access: RouteAccess | undefined): access is RouteAccess {
  if (!access) return false;
  if (access.public === true) return true;
  const p = (access as { permission?: unknown }).permission;
  return typeof p === 'string' || (Array.isArray(p) && p.length > 0);
}

async function authPlugin(app: FastifyInstance, opts: { services: Services }) {
  const { services } = opts;
  app.decorateRequest('auth', undefined);

  // Every route declares who may call it; the check is made once all routes are known, so a
  // hook that adds `access` to a plugin's routes (the API reference) is taken into account.
  const declared: { method: string | string[]; url: string; config?: { access?: RouteAccess } }[] = [];
  app.addHook('onRoute', (route) => {
    declared.push(route as (typeof declared)[number]);
  });
  app.addHook('onReady', async () => {
    const missing = declared.filter((r) => !isDeclared(r.config?.access));
    if (missing.length) {
      const names = missing.map((r) => `${[r.method].flat().join(',')} ${r.url}`).join('; ');
      throw new Error(
        `Every route must declare its access (public, or a permission): ${names} declares no access`,
      );
    }
  });

  // Runs before the body is read or validated: a caller without the right learns nothing,
  // not even which fields a body needs.
  app.addHook('onRequest', async (request) => {
    if (request.is404) return;
    const access = request.routeOptions.config.access;
    if (!isDeclared(access)) throw new AppError('FORBIDDEN', 'You do not have permission to do this');
    if (access.public) return;
    request.auth = await loadSession(services, request);
    const auth = request.auth;
    if (!auth) throw new AppError('UNAUTHENTICATED', 'Sign in to continue');

    if (UNSAFE_METHODS.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !safeEqual(header, auth.csrfToken)) {
        throw new AppError('CSRF_INVALID', 'The page is out of date; reload it and try again');
      }
    }

    const stages = access.stages ?? ['authenticated'];
    if (!stages.includes(auth.stage)) {
      throw new AppError('AUTH_STEP_REQUIRED', 'Finish signing in first', { stage: auth.stage });
    }

    const required: readonly Permission[] =
      typeof access.permission === 'string' ? [access.permission] : access.permission;
    if (!required.some((p) => can(auth.actor, p))) {
      await recordAudit(
        services.db,
        auditContext(request),
        {
          action: 'access.denied',
          outcome: 'denied',
          targetType: 'route',
          targetId: `${request.method} ${request.routeOptions.url ?? ''}`,
          details: { permission: required.join(' | ') },
        },
        services.now(),
      );
      throw new AppError('FORBIDDEN', 'You do not have permission to do this');
    }
  });
}

export default fp(authPlugin, { name: 'auth', dependencies: ['@fastify/cookie'] });
