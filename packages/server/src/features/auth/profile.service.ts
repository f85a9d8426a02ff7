import { randomInt } from 'node:crypto';
import { mfaRequired, type UpdateProfileRequest } from '@opennrm/domain';
import type { Database } from '../../db/create-db.js';
import { AppError } from '../../lib/app-error.js';
import { checkNewPassword, hashPassword, verifyPassword } from '../../lib/passwords.js';
import { sha256Hex } from '../../lib/tokens.js';
import { matchTotpStep, newTotpSecret, totpEnrolment } from '../../lib/totp.js';
import type { Services } from '../../services.js';
import { type AuditContext, recordAudit } from '../audit/index.js';
import {
  clearSecondFactor,
  enableTotp,
  findAccount,
  replaceRecoveryCodes,
  setPassword,
  setPendingTotpSecret,
  updateProfileFields,
} from './account.repository.js';
import { type IssuedSession, issueSession, type SessionUser, stageFor } from './auth.service.js';
import { deleteSession, deleteUserSessions } from './sessions.repository.js';

const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten codes of 10 characters from a 31-letter alphabet (about 49 bits each), shown once. */
function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
    return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
  });
}

async function storeRecoveryCodes(trx: Database, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await replaceRecoveryCodes(
    trx,
    userId,
    codes.map((c) => sha256Hex(c.replace('-', ''))),
  );
  return codes;
}

async function loadUser(services: Services, userId: string) {
  return findAccount(services.db, userId);
}

async function assertPassword(storedHash: string, password: string) {
  if (!(await verifyPassword(storedHash, password))) {
    throw new AppError('PASSWORD_INCORRECT', 'The current password is not correct');
  }
}

export async function updateProfile(
  services: Services,
  ctx: AuditContext,
  userId: string,
  patch: UpdateProfileRequest,
) {
  if (patch.displayName === undefined && patch.locale === undefined) return;
  await services.db.transaction().execute(async (trx) => {
    await updateProfileFields(trx, userId, patch, services.now());
    await recordAudit(
      trx,
      ctx,
      {
        action: 'profile.updated',
        targetType: 'user',
        targetId: userId,
        details: { fields: Object.keys(patch) },
      },
      services.now(),
    );
  });
}

/**
 * Changes the user's own password, ends their other sessions, and replaces this one:
 * a password change is a privilege change (ASVS 3.3).
 */
export async function changeOwnPassword(
  services: Services,
  ctx: AuditContext,
  current: SessionUser,
  currentPassword: string,
  newPassword: string,
): Promise<IssuedSession> {
  const user = await loadUser(services, current.userId);
  await assertPassword(user.password_hash, currentPassword);
  const problem = checkNewPassword(newPassword, user.username);
  if (problem) throw new AppError(problem, 'The new password does not meet the password rules');
  if (await verifyPassword(user.password_hash, newPassword)) {
    throw new AppError('PASSWORD_REUSED', 'Choose a password different from the current one');
  }
  const passwordHash = await hashPassword(newPassword);
  const now = services.now();
  return services.db.transaction().execute(async (trx) => {
    await setPassword(trx, user.id, passwordHash, false, now);
    await deleteUserSessions(trx, user.id);
    await recordAudit(
      trx,
      ctx,
      { action: 'auth.password_changed', targetType: 'user', targetId: user.id },
      now,
    );
    return issueSession(services, trx, user.id, stageFor({ ...user, must_change_password: false }, true));
  });
}

export async function startTotpEnrolment(services: Services, current: SessionUser) {
  const user = await loadUser(services, current.userId);
  if (user.totp_secret) throw new AppError('MFA_ALREADY_ENABLED', 'A second factor is already set up');
  const secret = newTotpSecret();
  await setPendingTotpSecret(services.db, user.id, services.crypto.encrypt(secret));
  const issuer = services.config.publicUrl
    ? `OpenNRM (${new URL(services.config.publicUrl).host})`
    : 'OpenNRM';
  return totpEnrolment(secret, user.username, issuer);
}

/** Confirms enrolment with a first code; returns the recovery codes, shown once. */
export async function confirmTotpEnrolment(
  services: Services,
  ctx: AuditContext,
  current: SessionUser,
  code: string,
): Promise<IssuedSession & { recoveryCodes: string[] }> {
  const user = await loadUser(services, current.userId);
  if (user.totp_secret) throw new AppError('MFA_ALREADY_ENABLED', 'A second factor is already set up');
  if (!user.totp_pending_secret) throw new AppError('MFA_NOT_ENROLLING', 'Start the set-up again');
  const now = services.now();
  const step = matchTotpStep(services.crypto.decrypt(user.totp_pending_secret), code, now.getTime());
  if (step === undefined) throw new AppError('AUTH_MFA_INVALID', 'The code is not correct');
  const secret = user.totp_pending_secret;
  return services.db.transaction().execute(async (trx) => {
    await enableTotp(trx, user.id, secret, step, now);
    const recoveryCodes = await storeRecoveryCodes(trx, user.id);
    await recordAudit(trx, ctx, { action: 'auth.mfa_enrolled', targetType: 'user', targetId: user.id }, now);
    await deleteSession(trx, current.sessionId);
    const session = await issueSession(
      services,
      trx,
      user.id,
      stageFor({ ...user, totp_secret: secret }, true),
    );
    return { ...session, recoveryCodes };
  });
}

export async function regenerateRecoveryCodes(
  services: Services,
  ctx: AuditContext,
  current: SessionUser,
  currentPassword: string,
): Promise<string[]> {
  const user = await loadUser(services, current.userId);
  await assertPassword(user.password_hash, currentPassword);
  if (!user.totp_secret) throw new AppError('MFA_NOT_ENROLLING', 'Set up a second factor first');
  return services.db.transaction().execute(async (trx) => {
    const codes = await storeRecoveryCodes(trx, user.id);
    await recordAudit(
      trx,
      ctx,
      { action: 'auth.recovery_codes_regenerated', targetType: 'user', targetId: user.id },
      services.now(),
    );
    return codes;
  });
}

export async function disableOwnTotp(
  services: Services,
  ctx: AuditContext,
  current: SessionUser,
  currentPassword: string,
) {
  const user = await loadUser(services, current.userId);
  await assertPassword(user.password_hash, currentPassword);
  if (mfaRequired(user.role)) {
    throw new AppError('MFA_REQUIRED_FOR_ROLE', 'Your role requires a second factor');
  }
  await services.db.transaction().execute(async (trx) => {
    await clearSecondFactor(trx, user.id, services.now());
    await recordAudit(
      trx,
      ctx,
      { action: 'auth.mfa_disabled', targetType: 'user', targetId: user.id },
      services.now(),
    );
  });
}
