import { z } from 'zod';
import { DateQuery, PageQuery, pageOf } from './common.js';

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
  /** Insertion order. */
  id: z.string(),
  /** Place in the hash chain; null for a moment, until the sequencer reaches the entry. */
  position: z.string().nullable(),
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
  from: DateQuery.optional(),
  to: DateQuery.optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = pageOf(AuditEntry);
export type AuditPage = z.infer<typeof AuditPage>;

/**
 * A signed statement that the chain had `size` entries ending in `headHash` at `signedAt`
 * (Ed25519 over `opennrm-audit-checkpoint/v1\n{size}\n{headHash}\n{signedAt}`).
 */
export const AuditCheckpoint = z.object({
  size: z.string().regex(/^\d{1,19}$/),
  headHash: z.string().regex(/^[0-9a-f]{64}$/),
  signedAt: z.iso.datetime(),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
});
export type AuditCheckpoint = z.infer<typeof AuditCheckpoint>;

/** What partner organisations keep (a witness): the checkpoints and the public keys that signed them. */
export const AuditCheckpointExport = z.object({
  format: z.literal('opennrm-audit-checkpoints/v1'),
  /** Public keys: SPKI DER in base64. */
  keys: z.array(z.object({ id: z.string().regex(/^[0-9a-f]{16}$/), publicKey: z.string().max(200) })),
  checkpoints: z.array(AuditCheckpoint),
});
export type AuditCheckpointExport = z.infer<typeof AuditCheckpointExport>;

export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  /** Sequenced entries whose hashes were checked. */
  checked: z.number().int(),
  /** A chain position; for `unsequenced`, the id of the oldest entry still waiting. */
  firstBrokenId: z.string().nullable(),
  reason: z
    .enum(['hash_mismatch', 'chain_break', 'checkpoint_mismatch', 'checkpoint_invalid', 'unsequenced'])
    .nullable(),
  /** Entries not yet in the chain when the check ran. */
  unsequenced: z.number().int().optional(),
  /** The newest signed checkpoint the chain was checked against. */
  checkpoint: AuditCheckpoint.nullable().optional(),
  /** Checkpoints from a witness file that were compared with the chain. */
  witnessChecked: z.number().int().optional(),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;
