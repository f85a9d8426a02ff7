import { z } from 'zod';
import { CaseSubtype, ConsentPurpose, RiskLevel } from '../case-vocabulary.js';
import { OrganisationKind } from '../roles.js';
import { ProcedureKind, ResolutionKind, SopKey } from './vocabulary.js';

/**
 * Named facts about a case's state that an SOP's stage conditions test (see `evaluateCondition`).
 *
 * - `assigned`: a case manager is assigned.
 * - `category_confirmed`: the screening's category was confirmed by a case manager.
 * - `procedure_open` / `no_open_procedures`: at least one / no legal or administrative procedure open.
 * - `required_referrals_answered`: every referral the SOP requires so far exists and was accepted
 *   (or is in progress or completed) or declined with a reason.
 * - `all_required_referrals_concluded`: every required referral exists and is concluded.
 * - `all_referrals_concluded`: every referral of the case is concluded (completed, declined with
 *   a reason, or revoked).
 * - `mandatory_tasks_done`: no mandatory task of the case is open (or cancelled where that blocks).
 * - `resolution_recorded`: a resolution is recorded.
 * - `followups_done_and_low_risk`: every scheduled follow-up is done and the last risk is low.
 * - `closure_approved`: a supervisor approved the closure.
 */
export const CONDITION_ATOMS = [
  'assigned',
  'category_confirmed',
  'procedure_open',
  'no_open_procedures',
  'required_referrals_answered',
  'all_required_referrals_concluded',
  'all_referrals_concluded',
  'mandatory_tasks_done',
  'resolution_recorded',
  'followups_done_and_low_risk',
  'closure_approved',
] as const;
export const ConditionAtom = z.enum(CONDITION_ATOMS);
export type ConditionAtom = z.infer<typeof ConditionAtom>;

/** A consent record to look for: a purpose, narrowed to a kind of organisation where it matters. */
export interface ConsentRef {
  purpose: ConsentPurpose;
  organisationKind?: OrganisationKind;
}
export const ConsentRef = z.strictObject({
  purpose: ConsentPurpose,
  organisationKind: OrganisationKind.optional(),
});

/**
 * A declarative condition over a case's state: JSON an administrator can edit.
 *
 * - an atom (`'assigned'`, ...; see `CONDITION_ATOMS`);
 * - `{ riskAtLeast }`: the current risk is at least this level (low < medium < high < urgent);
 * - `{ minor }`: the person is (true) or is not (false) under 18;
 * - `{ subtypeIn }`: the case's sub-type is one of these;
 * - `{ flag }`: the case carries this fact flag (`passport_retained`, `injuries`, ...);
 * - `{ consentGiven }` / `{ consentRefused }`: the current consent record for the purpose (and
 *   organisation kind) is given / refused or withdrawn;
 * - `{ procedure }`: a procedure of this kind was opened (open or concluded);
 * - `{ resolution }`: the recorded resolution is of this kind;
 * - `{ allOf }`, `{ anyOf }`, `{ not }`.
 */
export type StageCondition =
  | ConditionAtom
  | { riskAtLeast: RiskLevel }
  | { minor: boolean }
  | { subtypeIn: CaseSubtype[] }
  | { flag: string }
  | { consentGiven: ConsentRef }
  | { consentRefused: ConsentRef }
  | { procedure: ProcedureKind }
  | { resolution: ResolutionKind }
  | { allOf: StageCondition[] }
  | { anyOf: StageCondition[] }
  | { not: StageCondition };

export const StageCondition: z.ZodType<StageCondition> = z.lazy(() =>
  z.union([
    ConditionAtom,
    z.strictObject({ riskAtLeast: RiskLevel }),
    z.strictObject({ minor: z.boolean() }),
    z.strictObject({ subtypeIn: z.array(CaseSubtype).min(1).max(20) }),
    z.strictObject({ flag: SopKey }),
    z.strictObject({ consentGiven: ConsentRef }),
    z.strictObject({ consentRefused: ConsentRef }),
    z.strictObject({ procedure: ProcedureKind }),
    z.strictObject({ resolution: ResolutionKind }),
    z.strictObject({ allOf: z.array(StageCondition).min(1).max(20) }),
    z.strictObject({ anyOf: z.array(StageCondition).min(1).max(20) }),
    z.strictObject({ not: StageCondition }),
  ]),
);

/** Every sub-type a condition names, for checking that it fits the SOP's category. */
export function conditionSubtypes(condition: StageCondition): CaseSubtype[] {
  if (typeof condition === 'string') return [];
  if ('subtypeIn' in condition) return [...condition.subtypeIn];
  if ('allOf' in condition) return condition.allOf.flatMap(conditionSubtypes);
  if ('anyOf' in condition) return condition.anyOf.flatMap(conditionSubtypes);
  if ('not' in condition) return conditionSubtypes(condition.not);
  return [];
}

/** Every atom a condition uses. */
export function conditionAtoms(condition: StageCondition): ConditionAtom[] {
  if (typeof condition === 'string') return [condition];
  if ('allOf' in condition) return condition.allOf.flatMap(conditionAtoms);
  if ('anyOf' in condition) return condition.anyOf.flatMap(conditionAtoms);
  if ('not' in condition) return conditionAtoms(condition.not);
  return [];
}

/**
 * Atoms that are themselves defined by which tasks are mandatory and which referrals are
 * required: a task's or referral's own conditions may not use them (that would be circular).
 */
export const SELF_REFERENTIAL_ATOMS: readonly ConditionAtom[] = [
  'mandatory_tasks_done',
  'required_referrals_answered',
  'all_required_referrals_concluded',
];
