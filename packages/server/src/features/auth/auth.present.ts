import { type Me, mfaRequired, permissionsOf } from '@opennrm/domain';
import type { RequestAuth } from '../../plugins/auth.plugin.js';
import type { SessionUser } from './auth.service.js';

/** The signed-in user as the web app sees them: who, where, what they may do, the session's stage. */
export function presentMe(auth: RequestAuth): Me {
  return {
    id: auth.userId,
    username: auth.username,
    displayName: auth.displayName,
    role: auth.role,
    organisation: {
      id: auth.organisationId,
      name: auth.organisationName,
      nameAr: auth.organisationNameAr,
      kind: auth.actor.organisationKind,
    },
    locale: auth.locale,
    mfaEnabled: auth.totpSecret !== null,
    mfaRequired: mfaRequired(auth.role),
    permissions: auth.stage === 'authenticated' ? [...permissionsOf(auth.role)] : [],
    stage: auth.stage,
    csrfToken: auth.csrfToken,
  };
}

/** The session's user, as the auth services take it. */
export const sessionUser = (auth: RequestAuth): SessionUser => ({
  sessionId: auth.sessionId,
  userId: auth.userId,
  username: auth.username,
});
