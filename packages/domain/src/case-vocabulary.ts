import { z } from 'zod';
import { LifecycleStage } from './sop/vocabulary.js';

/** Case categories and sub-types (DOMAIN.md "Core records", issue #3). */
export const CaseCategory = z.enum(['labour_case', 'abuse', 'trafficking']);
export type CaseCategory = z.infer<typeof CaseCategory>;

export const CASE_SUBTYPES = {
  labour_case: ['unpaid_wages', 'contract_violation', 'employer_transfer', 'working_conditions', 'other'],
  abuse: ['physical', 'sexual', 'psychological', 'other'],
  trafficking: [
    'sexual_exploitation',
    'forced_labour',
    'domestic_servitude',
    'forced_criminality',
    'forced_begging',
    'organ_removal',
    'other',
  ],
} as const satisfies Record<CaseCategory, readonly string[]>;
export type CaseSubtype = (typeof CASE_SUBTYPES)[CaseCategory][number];
export const CaseSubtype = z.enum([...new Set(Object.values(CASE_SUBTYPES).flat())] as [
  CaseSubtype,
  ...CaseSubtype[],
]);

export function subtypeFitsCategory(category: CaseCategory, subtype: string): boolean {
  return (CASE_SUBTYPES[category] as readonly string[]).includes(subtype);
}

export const RiskLevel = z.enum(['urgent', 'high', 'medium', 'low']);
export type RiskLevel = z.infer<typeof RiskLevel>;

/** Stages of the case lifecycle: the SOP's (sop/vocabulary.ts), intake's first two included. */
export const CaseStage = LifecycleStage;
export type CaseStage = z.infer<typeof CaseStage>;

export const IntakeChannel = z.enum([
  'walk_in',
  'hotline',
  'labour_inspection',
  'police',
  'embassy',
  'ngo',
  'health',
  'airport',
  'online_self_report',
  'other',
]);
export type IntakeChannel = z.infer<typeof IntakeChannel>;

export const Sex = z.enum(['female', 'male', 'other', 'unknown']);
export type Sex = z.infer<typeof Sex>;

export const WorkPermitType = z.enum([
  'employer_sponsored',
  'domestic_worker',
  'flexible_permit',
  'none',
  'unknown',
]);
export type WorkPermitType = z.infer<typeof WorkPermitType>;

export const IdentityDocumentType = z.enum([
  'passport',
  'national_id',
  'residence_permit',
  'work_permit',
  'other',
]);
export type IdentityDocumentType = z.infer<typeof IdentityDocumentType>;

/** Who holds an identity document now; retention by an employer is itself an indicator. */
export const DocumentHolder = z.enum([
  'person',
  'employer',
  'recruitment_agency',
  'authority',
  'other',
  'unknown',
]);
export type DocumentHolder = z.infer<typeof DocumentHolder>;

export const Vulnerability = z.enum(['minor', 'pregnancy', 'disability', 'health']);
export type Vulnerability = z.infer<typeof Vulnerability>;

export const ConsentPurpose = z.enum([
  'share_with_organisation',
  'share_with_organisation_kind',
  'shelter',
  'embassy_contact',
  'statistics',
]);
export type ConsentPurpose = z.infer<typeof ConsentPurpose>;

export const ConsentStatus = z.enum(['given', 'refused', 'withdrawn']);
export type ConsentStatus = z.infer<typeof ConsentStatus>;

export const ConsentMethod = z.enum(['verbal_with_interpreter', 'verbal', 'signed_form']);
export type ConsentMethod = z.infer<typeof ConsentMethod>;

export const PartyKind = z.enum(['company', 'recruitment_agency', 'individual']);
export type PartyKind = z.infer<typeof PartyKind>;

export const PartyRole = z.enum([
  'employer',
  'recruitment_agency',
  'sponsor',
  'alleged_perpetrator',
  'other',
]);
export type PartyRole = z.infer<typeof PartyRole>;

/** ISO 639-1 or 639-3 language code, lower case (country codes: `CountryCode`). */
export const LanguageCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}$/);
