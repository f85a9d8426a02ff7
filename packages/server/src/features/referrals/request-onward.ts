import { type Actor, can, type OrganisationKind, ROLE_GROUPS, referralAccess } from '@opennrm/domain';
import type { ActContext } from '../../lib/act-context.js';
import { AppError, notFound } from '../../lib/app-error.js';
import { recordAudit } from '../audit/index.js';
import { notify } from '../notifications/index.js';
import { currentReferral, visibleReferral } from './referral-reads.js';
import * as repo from './referrals.repository.js';
import { inTransaction } from './referrals.service.js';

export interface OnwardRequest {
  organisationKind?: OrganisationKind | undefined;
  message: string;
}

/**
 * The receiving organisation asks the NRM to refer the case onward (to another organisation,
 * of a kind it may name). Only the recipient of a referral that has not ended may ask (404 for
 * anyone else, 409 REFERRAL_ENDED once revoked or declined). Audit `referral.onward_requested`;
 * the case manager, the sender and the supervisors are notified.
 */
export async function requestOnward(c: ActContext, actor: Actor, referralId: string, input: OnwardRequest) {
  const referral = await visibleReferral(c.services, c.audit, actor, referralId);
  await inTransaction(c, (t) => requestOnwardIn(t, actor, referral, input));
  return currentReferral(c.services.db, referral.id);
}

/** Records the onward request in the caller's transaction (`c.db`). */
export async function requestOnwardIn(
  c: ActContext,
  actor: Actor,
  referral: repo.ReferralRow,
  input: OnwardRequest,
) {
  if (referral.organisation_id !== actor.organisationId || !can(actor, 'referrals.respond'))
    throw notFound('Referral');
  const locked = await repo.lockReferral(c.db, referral.id);
  const access = referralAccess(actor, { organisationId: locked.organisation_id, status: locked.status });
  if (!access.read || !access.requestOnward)
    throw new AppError(
      'REFERRAL_ENDED',
      'This referral was revoked or declined: nothing more can be done with it',
    );
  await repo.updateReferralRow(
    c.db,
    referral.id,
    {
      onward_requested_at: c.now,
      onward_kind: input.organisationKind ?? null,
      onward_message_enc: c.services.crypto.encrypt(input.message),
    },
    c.now,
    { expectedVersion: locked.version },
  );
  await recordAudit(
    c.db,
    c.audit,
    {
      action: 'referral.onward_requested',
      targetType: 'case',
      targetId: referral.case_id,
      details: { referralId: referral.id, organisationKind: input.organisationKind ?? null },
    },
    c.now,
  );
  await notify(
    c.db,
    [{ userIds: [referral.assigned_to, referral.created_by] }, { roles: ROLE_GROUPS.supervisors }],
    {
      kind: 'onward_requested',
      caseId: referral.case_id,
      subject: { reference: referral.reference, organisation: referral.organisation_name },
      link: `/cases/${referral.case_id}`,
      exceptUserId: c.actorId,
    },
    c.now,
  );
}
