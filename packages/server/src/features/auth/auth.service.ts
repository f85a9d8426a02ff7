import { mfaRequired, type Role, type SessionStage } from '@opennrm/domain';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../lib/app-error.js';
import { hashPassword, verifyPassword } from '../../lib/passwords.js';
import { randomToken, sha256Hex } from '../../lib/tokens.js';
import { matchTotpStep } from '../../lib/totp.js';
import type { Services } from '../../services.js';
import { type AuditContext, type AuditEvent, recordAudit } from '../audit/index.js';
import { userForSignIn } from '../users/index.js';
import { advanceTotpStep, findAccount, recordSignIn, useRecoveryCode } from './account.repository.js';
import { deleteSession, insertSession } from './sessions.repository.js';
import { clearThrottle, findThrottle, registerFailure } from './throttle.repository.js';

/** A real argon2id hash of a random password: unknown users cost the same time as known ones. */
let dummyHash: Promise<string> | undefined;
function getDummyHash() {
  dummyHash ??= hashPassword(randomToken());
  return dummyHash;
}

export interface IssuedSession {
  token: string;
  stage: SessionStage;
  csrfToken: string;
}

interface StageInput {
  role: Role;
  totp_secret: string | null;
  must_change_password: boolean;
}

/**
 * Where a session stands after each step. The second factor comes first (it proves who
 * is here), then enrolment where the role demands one, then a forced password change.
 */
export function stageFor(user: StageInput, secondFactorDone: boolean): SessionStage {
  if (user.totp_secret && !secondFactorDone) return 'mfa_required';
  if (!user.totp_secret && mfaRequired(user.role)) return 'mfa_enrolment_required';
  if (user.must_change_password) return 'password_change_required';
  return 'authenticated';
}

export async function issueSession(
  services: Services,
  db: Kysely<DB> | Transaction<DB>,
  userId: string,
  stage: SessionStage,
): Promise<IssuedSession> {
  const token = randomToken();
  const csrfToken = randomToken();
  const now = services.now();
  await insertSession(db, {
    token_hash: sha256Hex(token),
    user_id: userId,
    stage,
    csrf_token: csrfToken,
    expires_at: new Date(now.getTime() + services.config.session.absoluteMs),
    now,
  });
  return { token, stage, csrfToken };
}

const userKey = (username: string) => `user:${username.toLowerCase()}`;
/** Second-factor failures: their own count, which a correct password does not clear. */
const mfaKey = (userId: string) => `mfa:${userId}`;
const ipKey = (ip: string) => `ip:${ip}`;

type AuditTarget = Pick<AuditEvent, 'targetType' | 'targetId'>;

async function assertNotLocked(
  services: Services,
  ctx: AuditContext,
  keys: string[],
  audit: AuditTarget = {},
) {
  const now = services.now();
  const rows = await findThrottle(services.db, keys);
  if (rows.some((r) => r.locked_until && r.locked_until > now)) {
    await recordAudit(
      services.db,
      ctx,
      { action: 'auth.locked_out', outcome: 'denied', ...audit, details: { stillLocked: true } },
      now,
    );
    throw new AppError('AUTH_LOCKED', 'Too many attempts. Try again later.');
  }
}

/**
 * Counts one failure on the key of what was guessed (the username's password, or the
 * user's second factor) and on the address, each locking on its own.
 */
async function countFailure(
  services: Services,
  ctx: AuditContext,
  keys: { user?: string; mfa?: string; ip?: string },
  audit: AuditTarget = {},
) {
  const { login } = services.config;
  const now = services.now();
  const window = { windowMs: login.windowMs, lockoutMs: login.lockoutMs };
  const perUser = { ...window, max: login.maxFailuresPerUser };
  const userLocked = keys.user ? await registerFailure(services.db, keys.user, now, perUser) : false;
  const mfaLocked = keys.mfa ? await registerFailure(services.db, keys.mfa, now, perUser) : false;
  const ipLocked = keys.ip
    ? await registerFailure(services.db, keys.ip, now, { ...window, max: login.maxFailuresPerIp })
    : false;
  if (userLocked || mfaLocked || ipLocked) {
    await recordAudit(
      services.db,
      ctx,
      {
        action: 'auth.locked_out',
        outcome: 'denied',
        ...audit,
        details: {
          ...(keys.user ? { byUsername: userLocked } : {}),
          ...(keys.mfa ? { bySecondFactor: mfaLocked } : {}),
          byAddress: ipLocked,
        },
      },
      now,
    );
  }
}

/**
 * Password step. Every failure (unknown user, wrong password, disabled account or
 * organisation) gets the same answer after the same argon2 work, and counts towards
 * the per-username and per-address lockouts.
 */
export async function login(
  services: Services,
  ctx: AuditContext,
  username: string,
  password: string,
): Promise<IssuedSession> {
  const keys = { user: userKey(username), ip: ctx.ip ? ipKey(ctx.ip) : undefined };
  await assertNotLocked(services, ctx, [keys.user, ...(keys.ip ? [keys.ip] : [])]);

  const user = await userForSignIn(services.db, username);
  const passwordOk = await verifyPassword(user?.password_hash ?? (await getDummyHash()), password);
  const now = services.now();
  if (!user || !passwordOk || !user.active || !user.organisation_active) {
    await recordAudit(
      services.db,
      ctx,
      {
        action: 'auth.login_failed',
        outcome: 'failure',
        ...(user
          ? { actor: { userId: user.id, username: user.username, organisationId: user.organisation_id } }
          : {}),
        details: { reason: !user ? 'unknown_user' : !passwordOk ? 'wrong_password' : 'inactive' },
      },
      now,
    );
    await countFailure(services, ctx, keys);
    throw new AppError('AUTH_INVALID_CREDENTIALS', 'The username or password is not correct');
  }

  await clearThrottle(services.db, keys.user);
  const stage = stageFor(user, false);
  return services.db.transaction().execute(async (trx) => {
    const session = await issueSession(services, trx, user.id, stage);
    await recordSignIn(trx, user.id, now);
    await recordAudit(
      trx,
      ctx,
      {
        action: 'auth.login',
        actor: { userId: user.id, username: user.username, organisationId: user.organisation_id },
        targetType: 'user',
        targetId: user.id,
        details: { stage },
      },
      now,
    );
    return session;
  });
}

export interface SessionUser {
  sessionId: string;
  userId: string;
  username: string;
}

/**
 * Second-factor step: a TOTP code whose time step is newer than the last one accepted,
 * or an unused recovery code. Success replaces the session (new token, new CSRF token).
 */
export async function verifySecondFactor(
  services: Services,
  ctx: AuditContext,
  current: SessionUser,
  code: string,
): Promise<IssuedSession> {
  // A lockout of the username, of this user's second factor or of the address all refuse.
  const keys = { mfa: mfaKey(current.userId), ip: ctx.ip ? ipKey(ctx.ip) : undefined };
  const target = { targetType: 'user', targetId: current.userId };
  await assertNotLocked(
    services,
    ctx,
    [userKey(current.username), keys.mfa, ...(keys.ip ? [keys.ip] : [])],
    target,
  );
  const now = services.now();
  const normalised = code.replace(/[\s-]/g, '').toLowerCase();

  return services.db
    .transaction()
    .execute(async (trx) => {
      const user = await findAccount(trx, current.userId);
      let method: 'totp' | 'recovery_code' | undefined;
      if (/^\d{6}$/.test(normalised) && user.totp_secret) {
        const step = matchTotpStep(services.crypto.decrypt(user.totp_secret), normalised, now.getTime());
        if (step !== undefined) {
          // Conditional update: of two requests racing with one code, only one wins.
          if (await advanceTotpStep(trx, user.id, step)) method = 'totp';
        }
      } else if (/^[a-z0-9]{10}$/.test(normalised)) {
        if (await useRecoveryCode(trx, user.id, sha256Hex(normalised), now)) method = 'recovery_code';
      }
      if (!method) return { ok: false as const };

      await deleteSession(trx, current.sessionId);
      const session = await issueSession(services, trx, user.id, stageFor(user, true));
      await recordAudit(
        trx,
        ctx,
        {
          action: method === 'totp' ? 'auth.mfa_verified' : 'auth.recovery_code_used',
          targetType: 'user',
          targetId: user.id,
        },
        now,
      );
      return { ok: true as const, session };
    })
    .then(async (result) => {
      if (result.ok) {
        await clearThrottle(services.db, keys.mfa);
        return result.session;
      }
      await recordAudit(
        services.db,
        ctx,
        { action: 'auth.mfa_failed', outcome: 'failure', targetType: 'user', targetId: current.userId },
        now,
      );
      await countFailure(services, ctx, keys, target);
      throw new AppError('AUTH_MFA_INVALID', 'The code is not correct or has already been used');
    });
}

export async function logout(services: Services, ctx: AuditContext, sessionId: string, userId: string) {
  await services.db.transaction().execute(async (trx) => {
    await deleteSession(trx, sessionId);
    await recordAudit(
      trx,
      ctx,
      { action: 'auth.logout', targetType: 'user', targetId: userId },
      services.now(),
    );
  });
}
