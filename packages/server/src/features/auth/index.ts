// The auth feature's public API: sign-in, sessions and the signed-in user's own profile.
export { authRoutes } from './auth.routes.js';
export type { IssuedSession, SessionUser } from './auth.service.js';
export { removeSecondFactor, setTemporaryPassword } from './credentials.service.js';
export {
  purgeExpiredSessions,
  revokeSessionsOfOrganisation,
  revokeSessionsOfUser,
  type SessionWithUser,
  sessionOfToken,
} from './sessions.service.js';
