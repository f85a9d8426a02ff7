import {
  type Role,
  roleFitsOrganisation,
  type User,
  type UserCreate,
  type UserListQuery,
  type UserPage,
  type UserUpdate,
} from '@opennrm/domain';
import type { Database } from '../../db/create-db.js';
import { AppError, notFound } from '../../lib/app-error.js';
import { checkNewPassword, hashPassword } from '../../lib/passwords.js';
import { decodeCursor, pageFrom } from '../../lib/sql.js';
import type { Services } from '../../services.js';
import { type AuditContext, recordAudit } from '../audit/index.js';
import { removeSecondFactor, revokeSessionsOfUser, setTemporaryPassword } from '../auth/index.js';
import { findOrganisation } from '../organisations/index.js';
import {
  countUsers,
  findUserById,
  findUserByUsername,
  insertUser,
  listActiveUsersWith,
  listUsers,
  type UserWithOrganisation,
  updateUser,
} from './users.repository.js';

export function presentUser(row: UserWithOrganisation): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    active: row.active,
    mfaEnabled: row.totp_secret !== null,
    mustChangePassword: row.must_change_password,
    locale: row.locale,
    email: row.email ?? null,
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

export async function listUserPage(services: Services, q: UserListQuery): Promise<UserPage> {
  const [rows, total] = await Promise.all([
    listUsers(services.db, q, decodeCursor(q.cursor)),
    countUsers(services.db, q),
  ]);
  const page = pageFrom(rows, q.limit, (r) => r.username);
  return { items: page.items.map(presentUser), nextCursor: page.nextCursor, total };
}

/** The user signing in, with their organisation's state: for the auth feature's password step. */
export function userForSignIn(db: Database, username: string) {
  return findUserByUsername(db, username);
}

export async function getUser(services: Services, id: string): Promise<User> {
  const row = await findUserById(services.db, id);
  if (!row) throw notFound('User');
  return presentUser(row);
}

/** A role may only be held in organisations of the kinds the domain allows for it. */
async function assertPlacement(services: Services, role: Role, organisationId: string) {
  const organisation = await findOrganisation(services, organisationId);
  if (!organisation) {
    throw new AppError('VALIDATION_FAILED', 'The organisation does not exist', {
      issues: [
        { location: 'body', path: ['organisationId'], code: 'not_found', message: 'Unknown organisation' },
      ],
    });
  }
  if (!organisation.active) throw new AppError('ORGANISATION_INACTIVE', 'The organisation is deactivated');
  if (!roleFitsOrganisation(role, organisation.kind)) {
    throw new AppError(
      'ROLE_ORGANISATION_MISMATCH',
      'This role cannot be held in this kind of organisation',
      {
        role,
        organisationKind: organisation.kind,
      },
    );
  }
}

function assertPasswordRules(password: string, username: string) {
  const problem = checkNewPassword(password, username);
  if (problem)
    throw new AppError(problem, 'The password does not meet the password rules', { field: 'password' });
}

export async function createUser(services: Services, ctx: AuditContext, input: UserCreate): Promise<User> {
  if (await findUserByUsername(services.db, input.username)) {
    throw new AppError('USERNAME_TAKEN', 'This username is already in use', { field: 'username' });
  }
  await assertPlacement(services, input.role, input.organisationId);
  assertPasswordRules(input.password, input.username);
  const passwordHash = await hashPassword(input.password);
  const now = services.now();
  const id = await services.db.transaction().execute(async (trx) => {
    const id = await insertUser(trx, {
      username: input.username,
      display_name: input.displayName,
      role: input.role,
      organisation_id: input.organisationId,
      password_hash: passwordHash,
      must_change_password: true,
      locale: input.locale ?? 'en',
      email: input.email ?? null,
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(
      trx,
      ctx,
      {
        action: 'user.created',
        targetType: 'user',
        targetId: id,
        details: { role: input.role, organisationId: input.organisationId },
      },
      now,
    );
    return id;
  });
  return getUser(services, id);
}

/**
 * Role, organisation or activity changes end the user's sessions, so the new rights
 * apply at once. Administrators cannot deactivate or demote themselves.
 */
export async function editUser(
  services: Services,
  ctx: AuditContext,
  id: string,
  patch: UserUpdate,
): Promise<User> {
  const current = await findUserById(services.db, id);
  if (!current) throw notFound('User');
  const isSelf = ctx.actor?.userId === id;
  if (isSelf && (patch.active === false || (patch.role && patch.role !== current.role))) {
    throw new AppError('SELF_LOCKOUT', 'You cannot deactivate yourself or change your own role');
  }
  const role = patch.role ?? current.role;
  const organisationId = patch.organisationId ?? current.organisation_id;
  if (patch.role || patch.organisationId) await assertPlacement(services, role, organisationId);
  const rightsChanged =
    role !== current.role ||
    organisationId !== current.organisation_id ||
    (patch.active === false && current.active);
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    await updateUser(trx, id, {
      ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      ...(patch.email !== undefined ? { email: patch.email } : {}),
      role,
      organisation_id: organisationId,
      updated_at: now,
    });
    if (rightsChanged) await revokeSessionsOfUser(trx, id);
    await recordAudit(
      trx,
      ctx,
      {
        action: 'user.updated',
        targetType: 'user',
        targetId: id,
        details: {
          fields: Object.keys(patch),
          ...(patch.role ? { role } : {}),
          ...(patch.organisationId ? { organisationId } : {}),
          ...(patch.active !== undefined ? { active: patch.active } : {}),
        },
      },
      now,
    );
  });
  return getUser(services, id);
}

/** Sets a temporary password that must be changed at next sign-in, and ends every session. */
export async function resetPassword(services: Services, ctx: AuditContext, id: string, newPassword: string) {
  const current = await findUserById(services.db, id);
  if (!current) throw notFound('User');
  assertPasswordRules(newPassword, current.username);
  const passwordHash = await hashPassword(newPassword);
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    await setTemporaryPassword(trx, id, passwordHash, now);
    await revokeSessionsOfUser(trx, id);
    await recordAudit(trx, ctx, { action: 'user.password_reset', targetType: 'user', targetId: id }, now);
  });
}

/** For a lost authenticator: the user enrols again at next sign-in if the role requires it. */
export async function resetSecondFactor(services: Services, ctx: AuditContext, id: string) {
  const current = await findUserById(services.db, id);
  if (!current) throw notFound('User');
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    await removeSecondFactor(trx, id, now);
    await revokeSessionsOfUser(trx, id);
    await recordAudit(trx, ctx, { action: 'user.mfa_reset', targetType: 'user', targetId: id }, now);
  });
}

/** Active case managers and supervisors, for the assignment dialog: names and roles only. */
export async function listAssignableUsers(services: Services) {
  const rows = await listActiveUsersWith(services.db, 'cases.manage');
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, role: r.role }));
}
