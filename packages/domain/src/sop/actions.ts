import { z } from 'zod';
import { CaseCategory, CaseSubtype, ConsentPurpose, ConsentStatus, RiskLevel } from '../case-vocabulary.js';
import { OrganisationKind } from '../roles.js';
import { IsoInstant } from './state.js';
import {
  LifecycleStage,
  ProcedureKind,
  ReferralPurpose,
  ReferralStatus,
  ResolutionKind,
  SopKey,
  TaskStatus,
} from './vocabulary.js';

const Reason = z.string().trim().min(1).max(2000);
const EntityId = z.string().trim().min(1).max(200);

/**
 * Everything `applyAction` can do to a case: the lifecycle transitions an SOP governs
 * (advance, skip, closure, reopening) and the record changes its conditions depend on. Who
 * may do which is the server's policy (a supervisor approves closure), not the engine's.
 */
export const CaseAction = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('advance') }),
  z.strictObject({ type: z.literal('skip'), stage: LifecycleStage, reason: Reason }),
  z.strictObject({ type: z.literal('request_closure') }),
  z.strictObject({ type: z.literal('approve_closure') }),
  z.strictObject({ type: z.literal('reject_closure'), comment: Reason }),
  z.strictObject({ type: z.literal('close') }),
  z.strictObject({ type: z.literal('reopen'), toStage: LifecycleStage, reason: Reason }),
  z.strictObject({ type: z.literal('assign') }),
  z.strictObject({
    type: z.literal('confirm_category'),
    category: CaseCategory,
    subtype: CaseSubtype.nullable(),
  }),
  z.strictObject({ type: z.literal('set_risk'), risk: RiskLevel }),
  z.strictObject({ type: z.literal('set_flag'), flag: SopKey, on: z.boolean() }),
  z.strictObject({
    type: z.literal('record_consent'),
    purpose: ConsentPurpose,
    organisationKind: OrganisationKind.optional(),
    status: ConsentStatus,
  }),
  z.strictObject({
    type: z.literal('add_task'),
    id: EntityId,
    mandatory: z.boolean(),
    dueAt: IsoInstant.optional(),
  }),
  z.strictObject({ type: z.literal('set_task_status'), taskId: EntityId, status: TaskStatus }),
  z.strictObject({
    type: z.literal('send_referral'),
    id: EntityId,
    organisationKind: OrganisationKind,
    purpose: ReferralPurpose,
    /** See `CaseReferral.embassyOfNationality`. */
    embassyOfNationality: z.boolean().optional(),
  }),
  z.strictObject({
    type: z.literal('update_referral'),
    referralId: EntityId,
    status: ReferralStatus,
    declineReason: Reason.optional(),
  }),
  z.strictObject({ type: z.literal('open_procedure'), id: EntityId, kind: ProcedureKind }),
  z.strictObject({ type: z.literal('conclude_procedure'), procedureId: EntityId }),
  z.strictObject({ type: z.literal('record_resolution'), resolution: ResolutionKind }),
  z.strictObject({
    type: z.literal('record_follow_up'),
    index: z.number().int().min(0),
    riskAfter: RiskLevel,
    reached: z.boolean().optional(),
  }),
  z.strictObject({ type: z.literal('schedule_follow_up'), dueAt: IsoInstant }),
]);
export type CaseAction = z.infer<typeof CaseAction>;
export type CaseActionType = CaseAction['type'];

/** The actions that move a case through its lifecycle (the rest change its records). */
export const LIFECYCLE_ACTION_TYPES = [
  'advance',
  'skip',
  'request_closure',
  'approve_closure',
  'reject_closure',
  'close',
  'reopen',
] as const satisfies readonly CaseActionType[];
