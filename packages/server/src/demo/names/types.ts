/**
 * Name lists for synthetic demo and benchmark data (`synthetic-cases.ts`), one file per region. Every name here
 * is a common first name or family name of its community, combined at random: no entry
 * describes a real person.
 *
 * An entry is `Latin|Arabic`: Latin spellings separated by `/` (transliteration variants,
 * one chosen per person), then the Arabic-script rendering when one is written in the
 * Gulf for that name. A person gets an Arabic name only when every part of the name has one.
 */

export interface NameGroup {
  /** Share of the nationality's persons who belong to this naming community. */
  weight: number;
  male: readonly string[];
  female: readonly string[];
  /** Family names (or father's names); empty for communities without them. */
  surnames: readonly string[];
  /** Family names used by women only (Bangladeshi Begum / Akter / Khatun, Indian Devi). */
  femaleSurnames?: readonly string[];
  /** Family name written first (Vietnamese). */
  familyFirst?: boolean;
  /** Chance of a father's name between first and family name (Arab and Ethiopian naming). */
  middleNameShare?: number;
  /** The middle name is a family name (Filipino: the mother's maiden name), not a father's name. */
  middleFromSurnames?: boolean;
  /** Chance of a single name (Indonesian, Burmese mononyms). */
  mononymShare?: number;
  /** Language sets (ISO 639), first the person's own; one is chosen per person. */
  languages: readonly (readonly string[])[];
}

export interface NationalityProfile {
  code: string;
  /** Relative frequency among the centre's cases. */
  weight: number;
  /** Share of women (domestic work drives it up). */
  femaleShare: number;
  /** Share of the women employed as domestic workers. */
  domesticShare: number;
  /** International dialling code and the mobile number's national digits ('#' is a digit). */
  phone: { prefix: string; pattern: string };
  /** Passport number pattern: '#' a digit, '@' a capital letter, anything else literal. */
  passport: string;
  groups: readonly NameGroup[];
}
