import {
  type Actor,
  addBusinessDays,
  can,
  canReferBeforeSop,
  type ReferralCreate,
  ROLE_GROUPS,
  referralDeadlineBeforeSop,
} from '@opennrm/domain';
import type { ActContext } from '../../lib/act-context.js';
import { AppError } from '../../lib/app-error.js';
import { recordAudit } from '../audit/index.js';
import { writableCase } from '../cases/index.js';
import { notify } from '../notifications/index.js';
import { latestSops, loadCalendar } from '../sops/index.js';
import { act, findWorkflow } from '../workflow/index.js';
import { currentReferral } from './referral-reads.js';
import * as repo from './referrals.repository.js';
import { consentCheck, inTransaction, loadTargetOrganisation } from './referrals.service.js';

/**
 * Sending a referral: the NRM refers a case it may change to a partner organisation.
 *
 * 1. The organisation must be an active partner; an embassy only that of the person's
 *    nationality or one the person named (422 EMBASSY_NOT_OF_NATIONALITY).
 * 2. The person's consent must cover it (422 CONSENT_REQUIRED), or a supervisor sends anyway
 *    with a reason (`referrals.send_without_consent`, audited).
 * 3. Before the SOP started only a supervisor may refer, an urgent case (409 WORKFLOW_NOT_STARTED).
 * 4. The referral is written, the SOP records it (`send_referral`) and names the deadline to
 *    acknowledge it (the strictest of any SOP before one started, else the default).
 * 5. Audit `referral.sent`; the organisation's workers are notified.
 */
export async function sendReferral(c: ActContext, actor: Actor, caseId: string, input: ReferralCreate) {
  const { row } = await writableCase(c.services, c.audit, actor, caseId);
  const id = await inTransaction(c, (t) => sendReferralIn(t, actor, row.id, input));
  return currentReferral(c.services.db, id);
}

/**
 * A case whose SOP has not started (before screening chose it): undefined when it has started.
 * Only a supervisor may refer an urgent case then (`canReferBeforeSop`); anyone else is told to
 * wait for the SOP (409 WORKFLOW_NOT_STARTED). The case row is locked, so a screening starting
 * the SOP at the same moment sees the referral and takes it into the SOP.
 */
async function referralBeforeSop(c: ActContext, actor: Actor, caseId: string) {
  const risk = await repo.lockCaseRisk(c.db, caseId);
  if (await findWorkflow(c.db, caseId)) return undefined;
  if (!canReferBeforeSop(actor, { risk })) {
    throw new AppError(
      'WORKFLOW_NOT_STARTED',
      'The SOP has not started for this case: screen it first (a supervisor may refer an urgent case now)',
    );
  }
  return {
    risk,
    sops: await latestSops(c.db),
    calendar: await loadCalendar(c.db, c.services.config.utcOffsetMinutes),
  };
}

/** Sends the referral in the caller's transaction (`c.db`); answers its id. */
export async function sendReferralIn(c: ActContext, actor: Actor, caseId: string, input: ReferralCreate) {
  const org = await loadTargetOrganisation(c.db, input.organisationId);
  const { embassy, ...consent } = await consentCheck(c.db, caseId, org, input.purpose);
  if (embassy && !embassy.allowed) {
    throw new AppError(
      'EMBASSY_NOT_OF_NATIONALITY',
      "Refer the case to the embassy of the person's nationality, or to an embassy the person named in their consent",
      { organisationId: org.id },
    );
  }
  if (!consent.covered) {
    if (!input.withoutConsentReason) {
      throw new AppError('CONSENT_REQUIRED', 'The person has not consented to this referral', consent);
    }
    if (!can(actor, 'referrals.send_without_consent')) {
      throw new AppError('FORBIDDEN', 'Only a supervisor can refer without consent');
    }
  }
  const override = !consent.covered && input.withoutConsentReason ? input.withoutConsentReason : null;
  const beforeSop = await referralBeforeSop(c, actor, caseId);
  const id = await repo.insertReferral(
    c.db,
    {
      caseId,
      organisationId: org.id,
      sharedSections: input.sharedSections,
      purpose: input.purpose,
      messageEnc: input.message ? c.services.crypto.encrypt(input.message) : null,
      consentOverrideReasonEnc: override ? c.services.crypto.encrypt(override) : null,
      createdBy: actor.userId,
    },
    c.now,
  );
  const recipient = {
    organisationKind: org.kind,
    purpose: input.purpose,
    ...(embassy ? { embassyOfNationality: embassy.allowed && embassy.basis === 'nationality' } : {}),
  };
  let acknowledgeBy: Date;
  if (beforeSop) {
    // No SOP yet: the strictest deadline any SOP gives this recipient at the case's risk.
    acknowledgeBy =
      referralDeadlineBeforeSop(
        beforeSop.sops,
        recipient,
        'acknowledgeWithin',
        beforeSop.risk,
        c.now,
        beforeSop.calendar,
      ) ?? addBusinessDays(c.now, c.services.config.referralDefaults.acknowledgeDays, beforeSop.calendar);
  } else {
    const { workflow } = await act(c, caseId, [{ type: 'send_referral', id, ...recipient }], {
      skipAudit: true,
    });
    const engine = workflow.state.referrals.find((r) => r.id === id);
    // The SOP's deadline, else the installation's default: every referral has one.
    acknowledgeBy = engine?.acknowledgeBy
      ? new Date(engine.acknowledgeBy)
      : addBusinessDays(c.now, c.services.config.referralDefaults.acknowledgeDays, workflow.calendar);
  }
  await repo.setSentReferralDeadline(c.db, id, acknowledgeBy);
  await recordAudit(
    c.db,
    c.audit,
    {
      action: 'referral.sent',
      targetType: 'case',
      targetId: caseId,
      details: {
        referralId: id,
        organisationId: org.id,
        purpose: input.purpose,
        sharedSections: input.sharedSections,
        consent: consent.status,
        withoutConsent: override !== null,
        ...(embassy?.allowed ? { embassy: embassy.basis } : {}),
        ...(beforeSop ? { beforeSop: true } : {}),
      },
    },
    c.now,
  );
  const { reference } = (await repo.findReferral(c.db, id))!;
  await notify(
    c.db,
    [{ organisationId: org.id, roles: ROLE_GROUPS.organisationWorkers }],
    {
      kind: 'referral_new',
      caseId,
      subject: { reference, purpose: input.purpose },
      link: `/inbox?referral=${id}`,
      dedupeKey: `referral_new:${id}`,
    },
    c.now,
  );
  return id;
}
