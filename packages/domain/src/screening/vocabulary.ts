import { z } from 'zod';

/**
 * The ILO's 11 indicators of forced labour (ILO, "Indicators of Forced Labour", 2012), as
 * stable ids. Order is the ILO's own; `scoreScreening` lists fired indicators in this order.
 */
export const ILO_INDICATORS = [
  'abuse_of_vulnerability',
  'deception',
  'restriction_of_movement',
  'isolation',
  'physical_sexual_violence',
  'intimidation_threats',
  'retention_of_identity_documents',
  'withholding_of_wages',
  'debt_bondage',
  'abusive_working_living_conditions',
  'excessive_overtime',
] as const;
export const IloIndicator = z.enum(ILO_INDICATORS);
export type IloIndicator = z.infer<typeof IloIndicator>;

/** The three elements of the trafficking definition in the Palermo Protocol (art. 3). */
export const PALERMO_ELEMENTS = ['act', 'means', 'purpose'] as const;
export const PalermoElement = z.enum(PALERMO_ELEMENTS);
export type PalermoElement = z.infer<typeof PalermoElement>;

export const PALERMO_ACTS = ['recruitment', 'transportation', 'transfer', 'harbouring', 'receipt'] as const;
export const PalermoAct = z.enum(PALERMO_ACTS);
export type PalermoAct = z.infer<typeof PalermoAct>;

export const PALERMO_MEANS = [
  'threat',
  'force',
  'coercion',
  'abduction',
  'fraud',
  'deception',
  'abuse_of_power_or_vulnerability',
  'payments_to_person_in_control',
] as const;
export const PalermoMeans = z.enum(PALERMO_MEANS);
export type PalermoMeans = z.infer<typeof PalermoMeans>;

/** Forms of exploitation: the Protocol's minimum list plus forced criminality and begging (SOP). */
export const PALERMO_PURPOSES = [
  'sexual_exploitation',
  'forced_labour_or_services',
  'slavery_or_similar_practices',
  'servitude',
  'removal_of_organs',
  'forced_criminality',
  'forced_begging',
] as const;
export const PalermoPurpose = z.enum(PALERMO_PURPOSES);
export type PalermoPurpose = z.infer<typeof PalermoPurpose>;

/**
 * The vocabulary of each element. A choice question tagged with an element is evidence of
 * that element when one of these values is selected; other options ("none", "unknown", ...)
 * are never evidence.
 */
export const PALERMO_ELEMENT_VALUES: Readonly<Record<PalermoElement, readonly string[]>> = {
  act: PALERMO_ACTS,
  means: PALERMO_MEANS,
  purpose: PALERMO_PURPOSES,
};
