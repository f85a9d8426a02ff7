import {
  type Actor,
  addBusinessDays,
  type ReferralStatus,
  type ReferralTransition,
  ROLE_GROUPS,
  referralAccess,
  referralDeadlineBeforeSop,
} from '@opennrm/domain';
import type { ActContext } from '../../lib/act-context.js';
import { AppError } from '../../lib/app-error.js';
import { recordAudit } from '../audit/index.js';
import { notify } from '../notifications/index.js';
import { latestSops, loadCalendar } from '../sops/index.js';
import { act, findWorkflow } from '../workflow/index.js';
import { currentReferral, visibleReferral } from './referral-reads.js';
import { allowedTransitions } from './referrals.present.js';
import * as repo from './referrals.repository.js';
import { inTransaction } from './referrals.service.js';

/**
 * Answering a referral: the receiving organisation acknowledges, accepts, declines, starts or
 * completes it; the NRM revokes it. Accepting a referral, step by step:
 *
 * 1. The referral must be one the actor may see (`referralAccess`; 404 otherwise, audited).
 * 2. In one transaction its row is locked and the client's ETag checked (If-Match: 428 when
 *    missing, 412 when stale).
 * 3. A revoked or declined referral takes no answer (409 REFERRAL_ENDED); the move must be one
 *    the actor may make from the current status (409 REFERRAL_TRANSITION_INVALID).
 * 4. The case's SOP records the answer (`update_referral`): on acceptance it opens the SOP's
 *    tasks that wait for it (`referral_accepted`) and names the deadline to complete the work:
 *    the SOP's, else the strictest of any SOP before one started, else the installation's
 *    default. A referral made before the SOP started is answered without one.
 * 5. The row changes through `updateReferralRow` (status, its timestamp, the new deadline;
 *    version + 1); audit `referral.updated`; the case manager and the sender are notified
 *    (the organisation, when the NRM revokes it).
 */
export async function answerReferral(
  c: ActContext,
  actor: Actor,
  referralId: string,
  input: ReferralTransition,
  ifMatch: (version: number) => void,
) {
  const referral = await visibleReferral(c.services, c.audit, actor, referralId);
  await inTransaction(c, (t) => answerReferralIn(t, actor, referral, input, ifMatch));
  return currentReferral(c.services.db, referral.id);
}

const TIMESTAMP_OF: Partial<
  Record<
    ReferralStatus,
    'acknowledged_at' | 'accepted_at' | 'started_at' | 'completed_at' | 'declined_at' | 'revoked_at'
  >
> = {
  acknowledged: 'acknowledged_at',
  accepted: 'accepted_at',
  in_progress: 'started_at',
  completed: 'completed_at',
  declined: 'declined_at',
  revoked: 'revoked_at',
};

/**
 * The answer in the case's SOP (`update_referral`), and the completion deadline it sets. A
 * referral made before the SOP started (an urgent case, by a supervisor) is answered without
 * one: the SOP takes its status when it starts. Undefined when there is no SOP; null when the
 * SOP names no deadline.
 */
async function answerInWorkflow(c: ActContext, referral: repo.ReferralRow, input: ReferralTransition) {
  if (!(await findWorkflow(c.db, referral.case_id))) return undefined;
  const { workflow } = await act(
    c,
    referral.case_id,
    [
      {
        type: 'update_referral',
        referralId: referral.id,
        status: input.status,
        ...(input.status === 'declined' ? { declineReason: input.reason } : {}),
      },
    ],
    { skipAudit: true },
  );
  const engine = workflow.state.referrals.find((r) => r.id === referral.id);
  return engine?.completeBy ? new Date(engine.completeBy) : null;
}

/** When an accepted referral must be completed: the SOP's deadline, else the strictest before an SOP, else the default. */
async function completeByOnAcceptance(c: ActContext, referral: repo.ReferralRow, input: ReferralTransition) {
  const fromSop = await answerInWorkflow(c, referral, input);
  if (fromSop) return fromSop;
  const calendar = await loadCalendar(c.db, c.services.config.utcOffsetMinutes);
  if (fromSop === undefined) {
    const before = referralDeadlineBeforeSop(
      await latestSops(c.db),
      { organisationKind: referral.organisation_kind, purpose: referral.purpose },
      'completeWithin',
      await repo.caseRisk(c.db, referral.case_id),
      c.now,
      calendar,
    );
    if (before) return before;
  }
  return addBusinessDays(c.now, c.services.config.referralDefaults.completeDays, calendar);
}

/** Answers the referral in the caller's transaction (`c.db`). */
export async function answerReferralIn(
  c: ActContext,
  actor: Actor,
  referral: repo.ReferralRow,
  input: ReferralTransition,
  ifMatch: (version: number) => void,
) {
  const locked = await repo.lockReferral(c.db, referral.id);
  ifMatch(locked.version);
  const access = referralAccess(actor, { organisationId: locked.organisation_id, status: locked.status });
  if (access.read && access.view === 'ended')
    throw new AppError(
      'REFERRAL_ENDED',
      'This referral was revoked or declined: nothing more can be done with it',
    );
  if (!allowedTransitions(actor, locked).includes(input.status)) {
    throw new AppError(
      'REFERRAL_TRANSITION_INVALID',
      `A ${locked.status} referral cannot become ${input.status} by you`,
      { from: locked.status, to: input.status },
    );
  }
  const reason = 'reason' in input ? input.reason : undefined;
  const completeBy =
    input.status === 'accepted'
      ? await completeByOnAcceptance(c, referral, input)
      : ((await answerInWorkflow(c, referral, input)) ?? undefined);
  const stamp = TIMESTAMP_OF[input.status];
  await repo.updateReferralRow(
    c.db,
    referral.id,
    {
      status: input.status,
      ...(stamp ? { [stamp]: c.now } : {}),
      ...(reason ? { reason_enc: c.services.crypto.encrypt(reason) } : {}),
      ...(input.status === 'completed' ? { outcome_enc: c.services.crypto.encrypt(input.outcome) } : {}),
      ...(completeBy ? { complete_by: completeBy } : {}),
      // A new deadline restarts the overdue clock.
      overdue_at: null,
      escalated_at: null,
    },
    c.now,
    { expectedVersion: locked.version },
  );
  await recordAudit(
    c.db,
    c.audit,
    {
      action: 'referral.updated',
      targetType: 'case',
      targetId: referral.case_id,
      details: { referralId: referral.id, from: locked.status, to: input.status },
    },
    c.now,
  );
  const audience =
    input.status === 'revoked'
      ? [{ organisationId: referral.organisation_id, roles: ROLE_GROUPS.organisationWorkers }]
      : [{ userIds: [referral.assigned_to, referral.created_by] }];
  await notify(
    c.db,
    audience,
    {
      kind: 'referral_updated',
      caseId: referral.case_id,
      subject: {
        reference: referral.reference,
        organisation: referral.organisation_name,
        status: input.status,
      },
      link: input.status === 'revoked' ? '/inbox' : `/cases/${referral.case_id}`,
      exceptUserId: c.actorId,
    },
    c.now,
  );
}
