import { z } from 'zod';
import { CaseCategory, CaseSubtype, ConsentPurpose, ConsentStatus, RiskLevel } from '../case-vocabulary.js';
import { OrganisationKind } from '../roles.js';
import {
  LifecycleStage,
  ProcedureKind,
  ReferralPurpose,
  ReferralStatus,
  ResolutionKind,
  SopKey,
  TaskStatus,
} from './vocabulary.js';

/** An instant as stored: ISO 8601 with an offset (the engine writes UTC, `...Z`). */
export const IsoInstant = z.iso.datetime({ offset: true });

const EntityId = z.string().min(1).max(200);

/**
 * A task of the case. SOP tasks carry `sopTaskId`; their `id` is the SOP task id, suffixed
 * `#2`, `#3`, ... when the stage or referral that creates them happens again (a reopened stage).
 * `mandatory` is kept current by `applyAction` from the SOP (`mandatoryWhen`, `mandatoryUnless`).
 */
export const CaseTask = z.strictObject({
  id: EntityId,
  sopTaskId: SopKey.optional(),
  mandatory: z.boolean(),
  status: TaskStatus,
  dueAt: IsoInstant.optional(),
});
export type CaseTask = z.infer<typeof CaseTask>;

export const CaseReferral = z.strictObject({
  id: EntityId,
  organisationKind: OrganisationKind,
  purpose: ReferralPurpose,
  status: ReferralStatus,
  /**
   * For a referral to an embassy: false when it went to an embassy the person named rather
   * than the embassy of their nationality, so it fulfils no SOP embassy referral.
   */
  embassyOfNationality: z.boolean().optional(),
  declineReason: z.string().trim().min(1).max(2000).optional(),
  acknowledgeBy: IsoInstant.optional(),
  completeBy: IsoInstant.optional(),
});
export type CaseReferral = z.infer<typeof CaseReferral>;

export const CaseProcedure = z.strictObject({
  id: EntityId,
  kind: ProcedureKind,
  open: z.boolean(),
});
export type CaseProcedure = z.infer<typeof CaseProcedure>;

export const CaseFollowUp = z.strictObject({
  dueAt: IsoInstant,
  done: z.boolean(),
  reached: z.boolean().optional(),
  /** The risk reassessed at the contact; high or urgent requires reopening (`needsReopen`). */
  riskAfter: RiskLevel.optional(),
});
export type CaseFollowUp = z.infer<typeof CaseFollowUp>;

/** The current consent record for a purpose (and organisation kind, where it has one). */
export const CaseConsent = z.strictObject({
  purpose: ConsentPurpose,
  organisationKind: OrganisationKind.optional(),
  status: ConsentStatus,
});
export type CaseConsent = z.infer<typeof CaseConsent>;

export const SkippedStage = z.strictObject({
  stage: LifecycleStage,
  reason: z.string().trim().min(1).max(2000),
});
export type SkippedStage = z.infer<typeof SkippedStage>;

/**
 * What the SOP engine knows of a case: the facts its conditions test and the records its
 * blockers count. Plain JSON (instants as ISO strings), so a server can persist it or build
 * it from its tables. `flags` are fact flags an SOP's conditions may test (`passport_retained`,
 * `injuries`, `workplace_violations`, ...).
 */
export const CaseState = z.strictObject({
  stage: LifecycleStage,
  receivedAt: IsoInstant,
  category: CaseCategory,
  subtype: CaseSubtype.nullable(),
  minor: z.boolean(),
  risk: RiskLevel,
  flags: z.array(SopKey).max(100),
  assigned: z.boolean(),
  categoryConfirmed: z.boolean(),
  consents: z.array(CaseConsent),
  tasks: z.array(CaseTask),
  referrals: z.array(CaseReferral),
  procedures: z.array(CaseProcedure),
  resolutionRecorded: z.boolean(),
  resolution: ResolutionKind.optional(),
  followUps: z.array(CaseFollowUp),
  closure: z.strictObject({ requested: z.boolean(), approved: z.boolean() }),
  skippedStages: z.array(SkippedStage),
});
export type CaseState = z.infer<typeof CaseState>;

/** The facts that choose an SOP and a new case's first tasks. */
export interface CaseFacts {
  category: CaseCategory;
  subtype?: CaseSubtype | null;
  minor: boolean;
  risk?: RiskLevel;
  flags?: string[];
}
