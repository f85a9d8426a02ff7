import {
  type Actor,
  addBusinessDays,
  type ConsentCheck,
  type ConsentStatus,
  can,
  canReferBeforeSop,
  type EmbassyTarget,
  embassyReferralTarget,
  type OrganisationKind,
  type ReferralCreate,
  type ReferralPurpose,
  type ReferralStatus,
  type ReferralTransition,
  type RiskLevel,
  ROLE_GROUPS,
  referralAccess,
  referralDeadlineBeforeSop,
} from '@opennrm/domain';
import type { Database } from '../../db/create-db.js';
import { AppError, notFound } from '../../lib/app-error.js';
import { recordAudit } from '../audit/audit.service.js';
import { notify } from '../notifications/notify.js';
import { latestSops, loadCalendar } from '../sops/sops.repository.js';
import { allowedTransitions, findReferral, type ReferralRow } from './referral-reads.js';
import { ORGANISATION_TASK_ROLES } from './task-projection.js';
import { type ActContext, act } from './workflow.service.js';
import { findWorkflow } from './workflow.store.js';

/** A target organisation as the consent check needs it. */
interface TargetOrganisation {
  id: string;
  kind: string;
  country_code: string | null;
}

/**
 * Whether an embassy may receive the case at all (`embassyReferralTarget`): the embassy of the
 * person's nationality, or one the newest consent naming it (embassy contact or sharing with
 * that organisation) allows.
 */
async function embassyTarget(db: Database, caseId: string, org: TargetOrganisation) {
  const [person, named] = await Promise.all([
    db
      .selectFrom('cases as c')
      .innerJoin('persons as p', 'p.id', 'c.person_id')
      .select('p.nationality')
      .where('c.id', '=', caseId)
      .executeTakeFirst(),
    db
      .selectFrom('consents')
      .select('status')
      .where('case_id', '=', caseId)
      .where('organisation_id', '=', org.id)
      .where('purpose', 'in', ['embassy_contact', 'share_with_organisation'])
      .orderBy('recorded_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  return embassyReferralTarget({
    personNationality: person?.nationality ?? null,
    embassyCountry: org.country_code,
    namedConsent: (named?.status as ConsentStatus | undefined) ?? 'none',
  });
}

/**
 * Whether the consent records cover referring the case to this organisation: consent to share
 * with it or with its kind, to a shelter for a shelter, to contact the embassy for the embassy
 * of the person's nationality (an embassy-contact consent naming another embassy covers that
 * one only). The newest relevant record decides. Another country's embassy is covered only by
 * a consent naming it, and never when `embassy` says it may not receive the case.
 */
export async function consentCheck(
  db: Database,
  caseId: string,
  org: TargetOrganisation,
  purpose: ReferralPurpose,
): Promise<ConsentCheck & { embassy?: EmbassyTarget }> {
  if (org.kind === 'embassy') {
    const embassy = await embassyTarget(db, caseId, org);
    if (!embassy.allowed) return { covered: false, purpose: 'embassy_contact', status: 'none', embassy };
    if (embassy.basis === 'named_consent')
      return { covered: true, purpose: 'embassy_contact', status: 'given', embassy };
    const newest = await db
      .selectFrom('consents')
      .select(['status'])
      .where('case_id', '=', caseId)
      .where((eb) =>
        eb.or([
          eb.and([
            eb('purpose', 'in', ['share_with_organisation', 'embassy_contact']),
            eb('organisation_id', '=', org.id),
          ]),
          eb.and([eb('purpose', '=', 'embassy_contact'), eb('organisation_id', 'is', null)]),
          eb.and([
            eb('purpose', '=', 'share_with_organisation_kind'),
            eb('organisation_kind', '=', org.kind),
          ]),
        ]),
      )
      .orderBy('recorded_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const status = (newest?.status ?? 'none') as ConsentCheck['status'];
    return { covered: status === 'given', purpose: 'embassy_contact', status, embassy };
  }
  const consentPurpose =
    org.kind === 'embassy'
      ? 'embassy_contact'
      : org.kind === 'shelter' || purpose === 'shelter'
        ? 'shelter'
        : 'share_with_organisation_kind';
  const newest = await db
    .selectFrom('consents')
    .select(['status'])
    .where('case_id', '=', caseId)
    .where((eb) =>
      eb.or([
        eb.and([eb('purpose', '=', 'share_with_organisation'), eb('organisation_id', '=', org.id)]),
        eb.and([eb('purpose', '=', 'share_with_organisation_kind'), eb('organisation_kind', '=', org.kind)]),
        ...(consentPurpose !== 'share_with_organisation_kind' ? [eb('purpose', '=', consentPurpose)] : []),
      ]),
    )
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const status = (newest?.status ?? 'none') as ConsentCheck['status'];
  return { covered: status === 'given', purpose: consentPurpose, status };
}

export async function loadTargetOrganisation(db: Database, organisationId: string) {
  const org = await db
    .selectFrom('organisations')
    .select(['id', 'kind', 'active', 'name', 'country_code'])
    .where('id', '=', organisationId)
    .executeTakeFirst();
  if (!org?.active || org.kind === 'coordinator') {
    throw new AppError('ORGANISATION_INVALID', 'Refer the case to an active partner organisation');
  }
  return org;
}

/**
 * A case whose SOP has not started (before screening chose it): undefined when it has started.
 * Only a supervisor may refer an urgent case then (`canReferBeforeSop`); anyone else is told to
 * wait for the SOP (409 WORKFLOW_NOT_STARTED). The case row is locked, so a screening starting
 * the SOP at the same moment sees the referral and takes it into the SOP.
 */
async function referralBeforeSop(c: ActContext, actor: Actor, caseId: string) {
  const row = await c.db
    .selectFrom('cases')
    .select('risk')
    .where('id', '=', caseId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (await findWorkflow(c.db, caseId)) return undefined;
  if (!canReferBeforeSop(actor, { risk: row.risk })) {
    throw new AppError(
      'WORKFLOW_NOT_STARTED',
      'The SOP has not started for this case: screen it first (a supervisor may refer an urgent case now)',
    );
  }
  return {
    risk: row.risk as RiskLevel,
    sops: await latestSops(c.db),
    calendar: await loadCalendar(c.db, c.services.config.utcOffsetMinutes),
  };
}

export async function sendReferral(c: ActContext, actor: Actor, caseId: string, input: ReferralCreate) {
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
  const { id } = await c.db
    .insertInto('referrals')
    .values({
      case_id: caseId,
      organisation_id: org.id,
      shared_sections: [...new Set(input.sharedSections)],
      status: 'sent',
      purpose: input.purpose,
      message_enc: input.message ? c.services.crypto.encrypt(input.message) : null,
      consent_override_reason_enc: override ? c.services.crypto.encrypt(override) : null,
      created_by: actor.userId,
      created_at: c.now,
      updated_at: c.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const recipient = {
    organisationKind: org.kind as OrganisationKind,
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
  await c.db.updateTable('referrals').set({ acknowledge_by: acknowledgeBy }).where('id', '=', id).execute();
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
  const { reference } = (await findReferral(c.db, id))!;
  await notify(
    c.db,
    [{ organisationId: org.id, roles: ORGANISATION_TASK_ROLES }],
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
 * one: the SOP takes its status when it starts. Returns the SOP's deadline, if any, with the
 * case's risk and calendar for a default.
 */
async function answerInWorkflow(c: ActContext, referral: ReferralRow, input: ReferralTransition) {
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
async function completeByOnAcceptance(c: ActContext, referral: ReferralRow, input: ReferralTransition) {
  const fromSop = await answerInWorkflow(c, referral, input);
  if (fromSop) return fromSop;
  const calendar = await loadCalendar(c.db, c.services.config.utcOffsetMinutes);
  if (fromSop === undefined) {
    const row = await c.db
      .selectFrom('cases')
      .select('risk')
      .where('id', '=', referral.case_id)
      .executeTakeFirstOrThrow();
    const before = referralDeadlineBeforeSop(
      await latestSops(c.db),
      {
        organisationKind: referral.organisation_kind as OrganisationKind,
        purpose: referral.purpose as ReferralPurpose,
      },
      'completeWithin',
      row.risk as RiskLevel,
      c.now,
      calendar,
    );
    if (before) return before;
  }
  return addBusinessDays(c.now, c.services.config.referralDefaults.completeDays, calendar);
}

export async function transitionReferral(
  c: ActContext,
  actor: Actor,
  referral: ReferralRow,
  input: ReferralTransition,
  ifMatch: (version: number) => void,
) {
  const locked = await c.db
    .selectFrom('referrals')
    .select(['version', 'status', 'organisation_id'])
    .where('id', '=', referral.id)
    .forUpdate()
    .executeTakeFirstOrThrow();
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
      {
        from: locked.status,
        to: input.status,
      },
    );
  }
  const reason = 'reason' in input ? input.reason : undefined;
  const completeBy =
    input.status === 'accepted'
      ? await completeByOnAcceptance(c, referral, input)
      : ((await answerInWorkflow(c, referral, input)) ?? undefined);
  const stamp = TIMESTAMP_OF[input.status];
  await c.db
    .updateTable('referrals')
    .set({
      status: input.status,
      version: locked.version + 1,
      updated_at: c.now,
      ...(stamp ? { [stamp]: c.now } : {}),
      ...(reason ? { reason_enc: c.services.crypto.encrypt(reason) } : {}),
      ...(input.status === 'completed' ? { outcome_enc: c.services.crypto.encrypt(input.outcome) } : {}),
      ...(completeBy ? { complete_by: completeBy } : {}),
      // A new deadline restarts the overdue clock.
      overdue_at: null,
      escalated_at: null,
    })
    .where('id', '=', referral.id)
    .execute();
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
      ? [{ organisationId: referral.organisation_id, roles: ORGANISATION_TASK_ROLES }]
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

export async function requestOnward(
  c: ActContext,
  actor: Actor,
  referral: ReferralRow,
  input: { organisationKind?: OrganisationKind | undefined; message: string },
) {
  if (referral.organisation_id !== actor.organisationId || !can(actor, 'referrals.respond'))
    throw notFound('Referral');
  const locked = await c.db
    .selectFrom('referrals')
    .select(['version', 'status', 'organisation_id'])
    .where('id', '=', referral.id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const access = referralAccess(actor, { organisationId: locked.organisation_id, status: locked.status });
  if (!access.read || !access.requestOnward)
    throw new AppError(
      'REFERRAL_ENDED',
      'This referral was revoked or declined: nothing more can be done with it',
    );
  await c.db
    .updateTable('referrals')
    .set({
      onward_requested_at: c.now,
      onward_kind: input.organisationKind ?? null,
      onward_message_enc: c.services.crypto.encrypt(input.message),
      version: locked.version + 1,
      updated_at: c.now,
    })
    .where('id', '=', referral.id)
    .execute();
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
