import { z } from 'zod';
import { Role } from '../roles.js';
import { BooleanQuery, Id, Locale, PageQuery, pageOf } from './common.js';

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/);

export const User = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  role: Role,
  organisationId: Id,
  organisationName: z.string(),
  active: z.boolean(),
  mfaEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
  locale: Locale,
  /** Where notification emails go; null: notifications in the app only. */
  email: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;

const displayName = z.string().trim().min(1).max(120);
/** An address for notification emails (they hold a case reference and a link, never a person's data). */
const email = z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254));

export const UserCreate = z.strictObject({
  username: Username,
  displayName,
  role: Role,
  organisationId: Id,
  /** A temporary password: the user must change it at first login. */
  password: z.string().min(1).max(512),
  locale: Locale.optional(),
  email: email.nullable().optional(),
});
export type UserCreate = z.infer<typeof UserCreate>;

export const UserUpdate = z.strictObject({
  displayName: displayName.optional(),
  role: Role.optional(),
  organisationId: Id.optional(),
  active: z.boolean().optional(),
  email: email.nullable().optional(),
});
export type UserUpdate = z.infer<typeof UserUpdate>;

export const PasswordResetRequest = z.strictObject({ newPassword: z.string().min(1).max(512) });
export type PasswordResetRequest = z.infer<typeof PasswordResetRequest>;

export const UserListQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional(),
  role: Role.optional(),
  organisationId: Id.optional(),
  active: BooleanQuery.optional(),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const UserPage = pageOf(User);
export type UserPage = z.infer<typeof UserPage>;

export const AssignableUsers = z.object({
  items: z.array(z.object({ id: Id, displayName: z.string(), role: Role })),
});
export type AssignableUsers = z.infer<typeof AssignableUsers>;
