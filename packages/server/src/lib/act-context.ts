import type { Database } from '../db/create-db.js';
import type { Services } from '../services.js';

/** Who did something: a user of an organisation. */
export interface AuditActor {
  userId: string;
  username: string;
  organisationId: string;
}

/** Who is acting and where from: built once per request by the auth plugin. */
export interface AuditContext {
  actor?: AuditActor | undefined;
  requestId?: string | undefined;
  ip?: string | undefined;
}

/**
 * What a use case that changes something needs: the services, the transaction it runs in, who
 * acts (for the audit trail and for "assigned to me"), and one instant for every row it writes.
 */
export interface ActContext {
  services: Services;
  db: Database;
  audit: AuditContext;
  actorId: string | null;
  now: Date;
}

/** An ActContext for a request's user, in the given transaction. */
export function actContextOf(
  services: Services,
  audit: AuditContext,
  actorId: string | null,
  db: Database = services.db,
): ActContext {
  return { services, db, audit, actorId, now: services.now() };
}
