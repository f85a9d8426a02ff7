import type { Database } from '../../db/create-db.js';
import { sha256Hex } from '../../lib/tokens.js';
import type { Services } from '../../services.js';
import {
  deleteExpiredSessions,
  deleteOrganisationSessions,
  deleteSession,
  deleteUserSessions,
  findSessionByTokenHash,
  type SessionWithUser,
  touchSession,
} from './sessions.repository.js';

export type { SessionWithUser } from './sessions.repository.js';

/** Last-seen is written at most once a minute per session, not on every request. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * The live session a cookie's token names, with its user and organisation; undefined when
 * there is none or it ended (idle, expired, user or organisation deactivated: then deleted).
 */
export async function sessionOfToken(
  services: Services,
  token: string,
): Promise<SessionWithUser | undefined> {
  const row = await findSessionByTokenHash(services.db, sha256Hex(token));
  if (!row) return undefined;
  const now = services.now();
  const idleExpired = now.getTime() - row.lastSeenAt.getTime() > services.config.session.idleMs;
  if (idleExpired || row.expiresAt <= now || !row.userActive || !row.organisationActive) {
    await deleteSession(services.db, row.sessionId);
    return undefined;
  }
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await touchSession(services.db, row.sessionId, now);
  }
  return row;
}

/** Ends every session of a user (in the caller's transaction), except one when given. */
export async function revokeSessionsOfUser(db: Database, userId: string, exceptSessionId?: string) {
  await deleteUserSessions(db, userId, exceptSessionId);
}

/** Ends the sessions of every user of an organisation (it was deactivated). */
export async function revokeSessionsOfOrganisation(db: Database, organisationId: string) {
  await deleteOrganisationSessions(db, organisationId);
}

/** Deletes the sessions that expired or sat idle too long (the scheduler's housekeeping). */
export async function purgeExpiredSessions(db: Database, now: Date, idleMs: number) {
  await deleteExpiredSessions(db, now, idleMs);
}
