import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../password.js';
import { PERMISSIONS } from '../policy.js';
import { OrganisationKind, Role } from '../roles.js';
import { Id, Locale } from './common.js';

/**
 * What a session may do. A password alone never reaches `authenticated` for a user
 * who has (or must have) a second factor, nor for one whose password must change.
 */
export const SessionStage = z.enum([
  'mfa_required',
  'mfa_enrolment_required',
  'password_change_required',
  'authenticated',
]);
export type SessionStage = z.infer<typeof SessionStage>;

export const LoginRequest = z.strictObject({
  username: z.string().trim().min(1).max(64),
  // Longer than the policy maximum so an over-long password gets the same answer as a wrong one.
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({ stage: SessionStage, csrfToken: z.string() });
export type LoginResponse = z.infer<typeof LoginResponse>;

/** A 6-digit TOTP code, or one of the recovery codes (`xxxxx-xxxxx`). */
export const MfaRequest = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^(\d{6}|[a-z0-9]{5}-?[a-z0-9]{5})$/i),
});
export type MfaRequest = z.infer<typeof MfaRequest>;

export const Me = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  role: Role,
  organisation: z.object({ id: Id, name: z.string(), nameAr: z.string().nullable(), kind: OrganisationKind }),
  locale: Locale,
  mfaEnabled: z.boolean(),
  mfaRequired: z.boolean(),
  permissions: z.array(z.enum(PERMISSIONS)),
  stage: SessionStage,
  csrfToken: z.string(),
});
export type Me = z.infer<typeof Me>;

export const UpdateProfileRequest = z.strictObject({
  displayName: z.string().trim().min(1).max(120).optional(),
  locale: Locale.optional(),
});
export type UpdateProfileRequest = z.infer<typeof UpdateProfileRequest>;

export const ChangePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z
    .string()
    .min(1)
    .max(PASSWORD_MAX_LENGTH * 4),
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const TotpEnrolmentResponse = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
  qrSvg: z.string(),
});
export type TotpEnrolmentResponse = z.infer<typeof TotpEnrolmentResponse>;

export const TotpConfirmRequest = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/),
});
export type TotpConfirmRequest = z.infer<typeof TotpConfirmRequest>;

export const RecoveryCodesResponse = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodesResponse = z.infer<typeof RecoveryCodesResponse>;

export const PasswordConfirmRequest = z.strictObject({ currentPassword: z.string().min(1).max(1024) });
export type PasswordConfirmRequest = z.infer<typeof PasswordConfirmRequest>;
