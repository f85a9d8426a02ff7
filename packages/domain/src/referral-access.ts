import { REFERRAL_ACTIVE_STATUSES } from './case-access.js';
import type { ConsentStatus, RiskLevel } from './case-vocabulary.js';
import { type Actor, can } from './policy.js';

/** What decides whether a case may be referred to an embassy. */
export interface EmbassyTargetFacts {
  /** ISO 3166 nationality of the person; null when unknown. */
  personNationality: string | null;
  /** ISO 3166 country of the embassy. */
  embassyCountry: string | null;
  /**
   * The newest consent record that names this embassy (embassy contact or sharing with it),
   * or 'none'. Consent to "the embassy of their country" or to embassies as a kind names none.
   */
  namedConsent: ConsentStatus | 'none';
}

export type EmbassyTarget =
  | { allowed: true; basis: 'nationality' | 'named_consent' }
  | { allowed: false; reason: 'not_of_nationality' };

/**
 * Which embassy may receive a case (issue 9, hole 2): the embassy of the person's nationality,
 * or another embassy only when the person consented to that embassy by name. An embassy
 * sees the person and their passport: no consent and no supervisor's override makes another
 * country's embassy the right one.
 */
export function embassyReferralTarget(f: EmbassyTargetFacts): EmbassyTarget {
  if (f.personNationality && f.embassyCountry && f.personNationality === f.embassyCountry)
    return { allowed: true, basis: 'nationality' };
  if (f.namedConsent === 'given') return { allowed: true, basis: 'named_consent' };
  return { allowed: false, reason: 'not_of_nationality' };
}

/** What about a referral decides who may see it and act on it. */
export interface ReferralFacts {
  organisationId: string;
  status: string;
}

export type ReferralAccess =
  | { read: false }
  | {
      read: true;
      /**
       * `full`: the referral as sent (message, reasons, outcome, onward request). `ended`:
       * for the organisation that received a referral since revoked or declined, only that it
       * existed, its dates and status: none of the case's content, nor the reasons given.
       */
      view: 'full' | 'ended';
      /** The receiving organisation answers it (acknowledge, accept, decline, start, complete). */
      respond: boolean;
      /** The receiving organisation asks the NRM to refer the case onward. */
      requestOnward: boolean;
      /** The NRM revokes it. */
      revoke: boolean;
    };

const NONE = { respond: false, requestOnward: false, revoke: false } as const;

/**
 * Access to one referral, for a caller who may already open its case where that is the rule
 * (the NRM: the server checks `caseAccess` too). The receiving organisation's access ends when
 * the referral is revoked or declined (issue 9, hole 10): it keeps a bare record of it, no
 * content, and can do nothing more with it.
 */
export function referralAccess(actor: Actor, r: ReferralFacts): ReferralAccess {
  if (!actor.active) return { read: false };
  if (can(actor, 'referrals.send')) return { read: true, view: 'full', ...NONE, revoke: true };
  if (r.organisationId !== actor.organisationId || !can(actor, 'referrals.respond')) return { read: false };
  if (!(REFERRAL_ACTIVE_STATUSES as readonly string[]).includes(r.status))
    return { read: true, view: 'ended', ...NONE };
  return { read: true, view: 'full', respond: true, requestOnward: true, revoke: false };
}

/** An urgent case: the risk recorded at intake (the hotline's and the referral form's "urgent") or since. */
export function isUrgentRisk(risk: RiskLevel | string | null | undefined): boolean {
  return risk === 'urgent';
}

/**
 * Whether the actor may refer the case before its SOP started (before the screening chose
 * it): a supervisor, on an urgent case only (issue 12). Everyone else waits for the SOP, whose
 * steps say where the case goes. The referral joins the SOP when it starts.
 */
export function canReferBeforeSop(actor: Actor, c: { risk: RiskLevel | string | null | undefined }): boolean {
  return can(actor, 'referrals.send_before_screening') && isUrgentRisk(c.risk);
}
