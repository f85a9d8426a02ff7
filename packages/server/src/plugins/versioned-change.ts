import type { Actor } from '@opennrm/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuditContext } from '../lib/act-context.js';
import { assertIfMatch, sendWithEtag } from '../lib/http-preconditions.js';
import type { Services } from '../services.js';
import { auditContext } from './auth.plugin.js';

/**
 * A use case that changes one versioned record (a case's workflow, a task, a document): it
 * checks the version the client read with `ifMatch` before it writes, and answers the record
 * as it is now with its new version.
 */
export type VersionedChange<Body, Result extends { version: number }> = (
  services: Services,
  audit: AuditContext,
  actor: Actor,
  id: string,
  body: Body,
  ifMatch: (version: number) => void,
) => Promise<Result>;

/**
 * The route handler of a versioned change to the record named by `:id`: the caller's session
 * and audit context in, the client's If-Match checked (428 without one, 412 when stale), the
 * answer sent with the record's new ETag.
 */
export function versionedChange<Body, Result extends { version: number }>(
  services: Services,
  change: VersionedChange<Body, Result>,
) {
  return async (request: FastifyRequest<{ Params: { id: string }; Body: Body }>, reply: FastifyReply) => {
    const result = await change(
      services,
      auditContext(request),
      request.auth!.actor,
      request.params.id,
      // Fastify's request type widens a generic body; the route's schema has checked it.
      request.body as Body,
      (version) => assertIfMatch(request, version),
    );
    return sendWithEtag(reply, result.version, result);
  };
}
