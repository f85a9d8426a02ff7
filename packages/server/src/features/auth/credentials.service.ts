import type { Database } from '../../db/create-db.js';
import { clearSecondFactor, setPassword } from './account.repository.js';

/*
 * What user administration (the users feature) changes in a user's credentials, in its own
 * transaction. Ending the user's sessions is the caller's choice (`revokeSessionsOfUser`).
 */

/** A password set by an administrator: the user must change it at the next sign-in. */
export async function setTemporaryPassword(db: Database, userId: string, passwordHash: string, now: Date) {
  await setPassword(db, userId, passwordHash, true, now);
}

/** For a lost authenticator: no second factor, no recovery codes; enrolment starts again. */
export async function removeSecondFactor(db: Database, userId: string, now: Date) {
  await clearSecondFactor(db, userId, now);
}
