import {
  type Actor,
  type PersonReferralHistory,
  REFERRAL_TRANSITIONS,
  type ReferralDto,
  type ReferralStatus,
  referralAccess,
} from '@opennrm/domain';
import type { z } from 'zod';
import type { Services } from '../../services.js';
import type { ReferralRow } from './referrals.repository.js';

/*
 * What the actor sees of a referral (`referralAccess`): the DTO, the moves they may make, and
 * whether it is overdue.
 */

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Past its deadline: unacknowledged after `acknowledge_by`, or not completed after `complete_by`. */
export function isOverdue(
  r: { status: string; acknowledge_by: Date | null; complete_by: Date | null },
  now: Date,
): boolean {
  if (r.status === 'sent') return r.acknowledge_by !== null && r.acknowledge_by < now;
  if (r.status === 'accepted' || r.status === 'in_progress')
    return r.complete_by !== null && r.complete_by < now;
  return false;
}

/** The statuses this user may move the referral to: the recipient answers, the NRM revokes. */
export function allowedTransitions(
  actor: Actor,
  r: { status: ReferralStatus; organisation_id: string },
): ReferralStatus[] {
  const next = REFERRAL_TRANSITIONS[r.status] ?? [];
  const access = referralAccess(actor, { organisationId: r.organisation_id, status: r.status });
  if (!access.read) return [];
  return next.filter((s) => (s === 'revoked' ? access.revoke : access.respond));
}

/**
 * A referral as the actor may see it. For an organisation whose referral was revoked or that
 * declined it, only a bare record remains: no message, reasons, outcome or onward request.
 */
export function presentReferral(services: Services, actor: Actor, r: ReferralRow): ReferralDto {
  const access = referralAccess(actor, { organisationId: r.organisation_id, status: r.status });
  const ended = !access.read || access.view === 'ended';
  const dec = (v: string | null) => (v && !ended ? services.crypto.decrypt(v) : null);
  return {
    id: r.id,
    caseId: r.case_id,
    caseReference: r.reference,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    organisationKind: r.organisation_kind,
    purpose: r.purpose,
    status: r.status,
    message: dec(r.message_enc),
    sharedSections: ended ? [] : r.shared_sections,
    sentAt: r.created_at.toISOString(),
    sentBy: ended ? null : r.sent_by,
    acknowledgeBy: iso(r.acknowledge_by),
    completeBy: iso(r.complete_by),
    acknowledgedAt: iso(r.acknowledged_at),
    acceptedAt: iso(r.accepted_at),
    startedAt: iso(r.started_at),
    completedAt: iso(r.completed_at),
    declinedAt: iso(r.declined_at),
    revokedAt: iso(r.revoked_at),
    reason: dec(r.reason_enc),
    outcome: dec(r.outcome_enc),
    consentOverride: !ended && r.consent_override_reason_enc !== null,
    onwardRequest:
      !ended && r.onward_requested_at
        ? {
            at: r.onward_requested_at.toISOString(),
            organisationKind: r.onward_kind ?? null,
            message: dec(r.onward_message_enc) ?? '',
          }
        : null,
    overdue: isOverdue(r, services.now()),
    allowedTransitions: allowedTransitions(actor, r),
    version: r.version,
  };
}

/** One line of a person's referral history (the NRM's view across their cases). */
export function presentHistoryItem(
  services: Services,
  actor: Actor,
  r: ReferralRow,
): z.infer<typeof PersonReferralHistory>['items'][number] {
  const dto = presentReferral(services, actor, r);
  return {
    id: dto.id,
    caseId: dto.caseId,
    caseReference: dto.caseReference,
    organisationName: dto.organisationName,
    organisationKind: dto.organisationKind,
    purpose: dto.purpose,
    status: dto.status,
    sentAt: dto.sentAt,
    completedAt: dto.completedAt,
    declinedAt: dto.declinedAt,
    revokedAt: dto.revokedAt,
    outcome: dto.outcome,
  };
}
