import { CASE_SECTIONS, type CaseSection } from './contracts/cases.js';
import type { Actor } from './policy.js';

/** What about a case decides who may see it; the server's SQL filter encodes the same rule. */
export interface CaseAccessFacts {
  createdBy: string | null;
  personNationality: string | null;
  /** The newest consent record for embassy contact says "given". */
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

const NRM_ROLES = new Set(['nrm_supervisor', 'nrm_case_manager']);
const AGENCY_ROLES = new Set(['agency_focal_point', 'agency_officer', 'shelter_staff']);
/** What the person who logged an intake keeps seeing: what they entered, nothing added later. */
const CREATOR_SECTIONS: readonly CaseSection[] = ['person', 'narrative'];
const EMBASSY_SECTIONS: readonly CaseSection[] = ['person'];

/**
 * Need-to-know (DOMAIN.md "People and roles"): NRM staff see every case; a hotline operator
 * or first responder sees the intakes they logged; an agency sees cases referred to it, and
 * only the sections shared with it; an embassy sees its own nationals who consented to
 * embassy contact; administrators, analysts and auditors see no case content.
 */
export function caseAccess(actor: Actor, facts: CaseAccessFacts): CaseAccess {
  if (!actor.active) return { read: false };
  if (NRM_ROLES.has(actor.role)) return { read: true, sections: CASE_SECTIONS, write: true, reason: 'nrm' };

  const sections = new Set<CaseSection>();
  let reason: CaseAccessReason | undefined;
  if (
    (actor.role === 'hotline_operator' || AGENCY_ROLES.has(actor.role)) &&
    facts.createdBy === actor.userId
  ) {
    for (const s of CREATOR_SECTIONS) if (!(s === 'person' && facts.personLinked)) sections.add(s);
    reason = 'creator';
  }
  if (AGENCY_ROLES.has(actor.role) || actor.role === 'embassy_officer') {
    for (const r of facts.referrals) {
      if (r.organisationId !== actor.organisationId) continue;
      if (!(REFERRAL_ACTIVE_STATUSES as readonly string[]).includes(r.status)) continue;
      if (r.sharedSections.length === 0) continue;
      for (const s of r.sharedSections) sections.add(s);
      reason ??= 'referral';
    }
  }
  if (
    actor.role === 'embassy_officer' &&
    actor.organisationCountry &&
    facts.personNationality === actor.organisationCountry &&
    facts.embassyConsentGiven
  ) {
    for (const s of EMBASSY_SECTIONS) sections.add(s);
    reason ??= 'embassy_national';
  }
  if (!reason) return { read: false };
  return { read: true, sections: CASE_SECTIONS.filter((s) => sections.has(s)), write: false, reason };
}
