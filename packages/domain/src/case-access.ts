import { CASE_SECTIONS, type CaseSection } from './contracts/cases.js';
import { type Actor, isNrmTeam } from './policy.js';

/** What about a case decides who may see it; the server's SQL filter encodes the same rule. */
export interface CaseAccessFacts {
  createdBy: string | null;
  personNationality: string | null;
  /**
   * The newest consent record for contact with the embassy of their country says "given"
   * (records naming one embassy do not count: that embassy is reached by referral only).
   */
  embassyConsentGiven: boolean;
  referrals: readonly { organisationId: string; sharedSections: readonly CaseSection[]; status: string }[];
  /**
   * The NRM linked the case to a person already in the registry. The person who logged the
   * intake then no longer sees the person section: it now shows a record they never entered.
   */
  personLinked?: boolean;
}

export type CaseAccess =
  | { read: false }
  | { read: true; sections: readonly CaseSection[]; write: boolean; reason: CaseAccessReason };

export type CaseAccessReason = 'nrm' | 'creator' | 'referral' | 'embassy_national';

/** Referral states in which the receiving organisation still holds the case. */
export const REFERRAL_ACTIVE_STATUSES = [
  'sent',
  'acknowledged',
  'accepted',
  'in_progress',
  'completed',
] as const;

const AGENCY_ROLES = new Set(['agency_focal_point', 'agency_officer', 'shelter_staff']);
/** What the person who logged an intake keeps seeing: what they entered, nothing added later. */
const CREATOR_SECTIONS: readonly CaseSection[] = ['person', 'narrative'];
const EMBASSY_SECTIONS: readonly CaseSection[] = ['person'];
/** The section a case's creator no longer sees once the NRM links the case to an existing person. */
export const CREATOR_SECTION_LOST_ON_LINK: CaseSection = 'person';

/**
 * The relations through which an actor may see cases, and the sections each one opens.
 * `caseAccess` applies them to one case's facts; the server's SQL filter
 * (packages/server/src/features/cases/case-visibility.ts) applies the same grants to rows, so
 * lists, searches, filters and counts cannot find more than a single read shows.
 */
export interface CaseAccessGrants {
  /** Every case and every section, with write access (the NRM team). */
  all: boolean;
  /** Sections of the cases the actor logged themselves (none: logging gives no access). */
  creator: readonly CaseSection[];
  /** Active referrals to the actor's organisation open the sections they share. */
  referral: boolean;
  /** The embassy's own nationals who consented to embassy contact, and what that opens. */
  embassyNationals: { country: string; sections: readonly CaseSection[] } | null;
}

export function caseAccessGrants(actor: Actor): CaseAccessGrants {
  const none: CaseAccessGrants = { all: false, creator: [], referral: false, embassyNationals: null };
  if (!actor.active) return none;
  if (isNrmTeam(actor)) return { ...none, all: true };
  return {
    all: false,
    creator: actor.role === 'hotline_operator' || AGENCY_ROLES.has(actor.role) ? CREATOR_SECTIONS : [],
    referral: AGENCY_ROLES.has(actor.role) || actor.role === 'embassy_officer',
    embassyNationals:
      actor.role === 'embassy_officer' && actor.organisationCountry
        ? { country: actor.organisationCountry, sections: EMBASSY_SECTIONS }
        : null,
  };
}

/**
 * Need-to-know (DOMAIN.md "People and roles"): NRM staff see every case; a hotline operator
 * or first responder sees the intakes they logged; an agency sees cases referred to it, and
 * only the sections shared with it; an embassy sees its own nationals who consented to
 * embassy contact; administrators, analysts and auditors see no case content.
 */
export function caseAccess(actor: Actor, facts: CaseAccessFacts): CaseAccess {
  const grants = caseAccessGrants(actor);
  if (grants.all) return { read: true, sections: CASE_SECTIONS, write: true, reason: 'nrm' };

  const sections = new Set<CaseSection>();
  let reason: CaseAccessReason | undefined;
  if (grants.creator.length > 0 && facts.createdBy === actor.userId) {
    for (const s of grants.creator) {
      if (!(s === CREATOR_SECTION_LOST_ON_LINK && facts.personLinked)) sections.add(s);
    }
    reason = 'creator';
  }
  if (grants.referral) {
    for (const r of facts.referrals) {
      if (r.organisationId !== actor.organisationId) continue;
      if (!(REFERRAL_ACTIVE_STATUSES as readonly string[]).includes(r.status)) continue;
      if (r.sharedSections.length === 0) continue;
      for (const s of r.sharedSections) sections.add(s);
      reason ??= 'referral';
    }
  }
  if (
    grants.embassyNationals &&
    facts.personNationality === grants.embassyNationals.country &&
    facts.embassyConsentGiven
  ) {
    for (const s of grants.embassyNationals.sections) sections.add(s);
    reason ??= 'embassy_national';
  }
  if (!reason) return { read: false };
  return { read: true, sections: CASE_SECTIONS.filter((s) => sections.has(s)), write: false, reason };
}

/**
 * The screening's outcome as it shows on a case header and a list row: category, sub-type,
 * risk and the reported indicators. It belongs to the 'screening' section: an agency sees it
 * when a referral shares that section, the NRM always; the embassy, an agency without it and
 * the hotline operator who logged the call see the header without it (reference, stage,
 * channel, dates, assignee). Presenters leave these fields out when this says no, and list
 * filters on them match only such cases.
 */
export const SCREENING_OUTCOME_FIELDS = ['category', 'subtype', 'risk', 'reportedIndicators'] as const;

export function seesScreeningOutcome(access: CaseAccess): boolean {
  return access.read && access.sections.includes('screening');
}

/**
 * Keys of audit details that would carry case content (screening outcome, names, narrative,
 * identifiers). The audit trail says who did what to which record; an auditor is shown the
 * details without these, also for rows written before they stopped being recorded.
 */
export const AUDIT_CONTENT_KEYS: ReadonlySet<string> = new Set([
  'category',
  'subtype',
  'risk',
  'riskAfter',
  'suggested',
  'confirmed',
  'indicators',
  'reportedIndicators',
  'answers',
  'narrative',
  'name',
  'nameLatin',
  'nameArabic',
  'aliases',
  'nationality',
  'dateOfBirth',
  'phone',
  'documentNumber',
  'overrideReason',
  'title',
  'fileName',
]);

/** Audit details as an auditor may read them: case content dropped at any depth. */
export function auditDetailsForReader(details: Record<string, unknown>): Record<string, unknown> {
  const clean = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(clean);
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) if (!AUDIT_CONTENT_KEYS.has(k)) out[k] = clean(v);
      return out;
    }
    return value;
  };
  return clean(details) as Record<string, unknown>;
}
