import { z } from 'zod';
import { PageQuery, pageOf } from './common.js';

export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.locked_out',
  'auth.mfa_verified',
  'auth.mfa_failed',
  'auth.recovery_code_used',
  'auth.logout',
  'auth.password_changed',
  'auth.mfa_enrolled',
  'auth.mfa_disabled',
  'auth.recovery_codes_regenerated',
  'profile.updated',
  'organisation.created',
  'organisation.updated',
  'user.created',
  'user.updated',
  'user.password_reset',
  'user.mfa_reset',
  'access.denied',
  'person.created',
  'person.viewed',
  'person.updated',
  'person.duplicates_searched',
  'case.created',
  'case.viewed',
  'case.listed',
  'case.updated',
  'case.assigned',
  'case.person_linked',
  'case.duplicate_check_confirmed',
  'consent.recorded',
  'party.linked',
  'party.unlinked',
  'screening.saved',
  'screening.confirmed',
  'screening.questionnaire_published',
  'workflow.started',
  'workflow.action',
  'workflow.sop_changed',
  'task.created',
  'task.updated',
  'tasks.listed',
  'referral.sent',
  'referral.updated',
  'referral.viewed',
  'referral.onward_requested',
  'referrals.inbox_listed',
  'person.referrals_viewed',
  'follow_up.recorded',
  'procedure_map.viewed',
  'sop.published',
  'calendar.updated',
  'notification.preferences_updated',
  'scheduler.swept',
  'upload.started',
  'upload.aborted',
  'document.uploaded',
  'document.version_added',
  'document.updated',
  'document.deleted',
  'documents.listed',
  'document.viewed',
  'document.downloaded',
  'dossier.requested',
  'dossier.downloaded',
  'audit.viewed',
  'audit.verified',
] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditOutcome = z.enum(['success', 'denied', 'failure']);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

export const AuditEntry = z.object({
  id: z.string(),
  occurredAt: z.string(),
  actorUserId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  actorOrganisationId: z.string().nullable(),
  action: AuditAction,
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  outcome: AuditOutcome,
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = PageQuery.extend({
  action: AuditAction.optional(),
  actor: z.string().trim().max(64).optional(),
  outcome: AuditOutcome.optional(),
  targetType: z.string().trim().max(40).optional(),
  targetId: z.string().trim().max(64).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = pageOf(AuditEntry);
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenId: z.string().nullable(),
  reason: z.enum(['hash_mismatch', 'chain_break']).nullable(),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;
