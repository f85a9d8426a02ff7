import { z } from 'zod';

/**
 * The full case lifecycle an SOP is written against (DOMAIN.md "The lifecycle and the SOP").
 * `CaseStage` in case-vocabulary.ts covers intake only; this is the SOP's own, complete list,
 * in its canonical order: an SOP's stages follow this order (a subsequence of it).
 */
export const LIFECYCLE_STAGES = [
  'received',
  'screening',
  'referral_assistance',
  'proceedings',
  'resolution',
  'follow_up',
  'closed',
] as const;
export const LifecycleStage = z.enum(LIFECYCLE_STAGES);
export type LifecycleStage = z.infer<typeof LifecycleStage>;

/** Position of a stage in the canonical lifecycle (0 = received). */
export function lifecycleRank(stage: LifecycleStage): number {
  return LIFECYCLE_STAGES.indexOf(stage);
}

/** Why a case is referred to an organisation (issue #4 "Referrals"). */
export const REFERRAL_PURPOSES = [
  'inspection',
  'grievance',
  'shelter',
  'medical',
  'legal_aid',
  'investigation',
  'prosecution',
  'travel_document',
  'repatriation',
  'other',
] as const;
export const ReferralPurpose = z.enum(REFERRAL_PURPOSES);
export type ReferralPurpose = z.infer<typeof ReferralPurpose>;

/** sent → acknowledged → accepted | declined (with reason) → in_progress → completed; revoked by the sender. */
export const REFERRAL_STATUSES = [
  'sent',
  'acknowledged',
  'accepted',
  'declined',
  'in_progress',
  'completed',
  'revoked',
] as const;
export const ReferralStatus = z.enum(REFERRAL_STATUSES);
export type ReferralStatus = z.infer<typeof ReferralStatus>;

/** The referral transitions the engine accepts (a final status has none). */
export const REFERRAL_TRANSITIONS: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
  sent: ['acknowledged', 'accepted', 'declined', 'revoked'],
  acknowledged: ['accepted', 'declined', 'revoked'],
  accepted: ['in_progress', 'completed', 'revoked'],
  in_progress: ['completed', 'revoked'],
  declined: [],
  completed: [],
  revoked: [],
};

export const TaskStatus = z.enum(['open', 'done', 'cancelled']);
export type TaskStatus = z.infer<typeof TaskStatus>;

/** Legal and administrative procedures a case may have open (SOP-REFERENCE.md "proceedings"). */
export const PROCEDURE_KINDS = [
  'complaint',
  'police_report',
  'investigation',
  'prosecution',
  'court',
  'labour_court',
  'grievance',
  'settlement',
  'administrative',
  'other',
] as const;
export const ProcedureKind = z.enum(PROCEDURE_KINDS);
export type ProcedureKind = z.infer<typeof ProcedureKind>;

/** How a case was resolved (SOP-REFERENCE.md "resolution"). */
export const RESOLUTION_KINDS = [
  'return_to_same_employer',
  'transfer_of_employer',
  'flexible_permit',
  'voluntary_repatriation',
  'other',
] as const;
export const ResolutionKind = z.enum(RESOLUTION_KINDS);
export type ResolutionKind = z.infer<typeof ResolutionKind>;

/** What starts a task's clock. `referral_*` triggers name the SOP referral they wait for. */
export const DEADLINE_TRIGGERS = [
  'stage_entered',
  'case_received',
  'referral_sent',
  'referral_accepted',
] as const;
export const DeadlineTrigger = z.enum(DEADLINE_TRIGGERS);
export type DeadlineTrigger = z.infer<typeof DeadlineTrigger>;

export const DeadlineUnit = z.enum(['business_days', 'hours']);
export type DeadlineUnit = z.infer<typeof DeadlineUnit>;

/** Stable snake_case identifier of a task, referral or variant inside an SOP. */
export const SopKey = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/, 'must be snake_case');

/** Identifier of an SOP document (kebab-case), shared by all its versions. */
export const SopId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'must be kebab-case');
