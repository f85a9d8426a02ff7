import {
  type Actor,
  type ConsentCheck,
  type EmbassyTarget,
  embassyReferralTarget,
  type ReferralPurpose,
} from '@opennrm/domain';
import type { ActContext, AuditContext } from '../../lib/act-context.js';
import { AppError } from '../../lib/app-error.js';
import type { Services } from '../../services.js';
import { writableCase } from '../cases/index.js';
import * as repo from './referrals.repository.js';

/*
 * The rules every referral use case shares: which organisation may receive a case and whether
 * the person's consent covers it, and the transaction a use case runs in. The use cases are
 * one a file: send-referral.ts, answer-referral.ts, request-onward.ts.
 */

/** A target organisation as the consent check needs it. */
export type TargetOrganisation = NonNullable<Awaited<ReturnType<typeof repo.findOrganisation>>>;

/** An active partner organisation a case may be referred to (422 ORGANISATION_INVALID otherwise). */
export async function loadTargetOrganisation(db: ActContext['db'], organisationId: string) {
  const org = await repo.findOrganisation(db, organisationId);
  if (!org?.active || org.kind === 'coordinator') {
    throw new AppError('ORGANISATION_INVALID', 'Refer the case to an active partner organisation');
  }
  return org;
}

/**
 * Whether an embassy may receive the case at all (`embassyReferralTarget`): the embassy of the
 * person's nationality, or one the newest consent naming it (embassy contact or sharing with
 * that organisation) allows.
 */
async function embassyTarget(db: ActContext['db'], caseId: string, org: TargetOrganisation) {
  const [personNationality, named] = await Promise.all([
    repo.personNationalityOfCase(db, caseId),
    repo.newestConsentStatus(db, caseId, { kind: 'named_embassy', organisationId: org.id }),
  ]);
  return embassyReferralTarget({
    personNationality,
    embassyCountry: org.country_code,
    namedConsent: named ?? 'none',
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
  db: ActContext['db'],
  caseId: string,
  org: TargetOrganisation,
  purpose: ReferralPurpose,
): Promise<ConsentCheck & { embassy?: EmbassyTarget }> {
  if (org.kind === 'embassy') {
    const embassy = await embassyTarget(db, caseId, org);
    if (!embassy.allowed) return { covered: false, purpose: 'embassy_contact', status: 'none', embassy };
    if (embassy.basis === 'named_consent')
      return { covered: true, purpose: 'embassy_contact', status: 'given', embassy };
    const status =
      (await repo.newestConsentStatus(db, caseId, {
        kind: 'embassy',
        organisationId: org.id,
        organisationKind: org.kind,
      })) ?? 'none';
    return { covered: status === 'given', purpose: 'embassy_contact', status, embassy };
  }
  const consentPurpose =
    org.kind === 'shelter' || purpose === 'shelter' ? 'shelter' : 'share_with_organisation_kind';
  const status =
    (await repo.newestConsentStatus(db, caseId, {
      kind: 'organisation',
      organisationId: org.id,
      organisationKind: org.kind,
      purpose: consentPurpose,
    })) ?? 'none';
  return { covered: status === 'given', purpose: consentPurpose, status };
}

/** The consent check the refer dialog shows, for a case the actor may change. */
export async function checkReferralConsent(
  services: Services,
  audit: AuditContext,
  actor: Actor,
  caseId: string,
  query: { organisationId: string; purpose: ReferralPurpose },
): Promise<ConsentCheck> {
  const { row } = await writableCase(services, audit, actor, caseId);
  const org = await loadTargetOrganisation(services.db, query.organisationId);
  const { embassy: _embassy, ...check } = await consentCheck(services.db, row.id, org, query.purpose);
  return check;
}

/**
 * Runs a use case's change in one transaction: a new one, or the caller's when `c.db` is
 * already a transaction (the demo data's walk through many cases).
 */
export function inTransaction<T>(c: ActContext, change: (c: ActContext) => Promise<T>): Promise<T> {
  if (c.db.isTransaction) return change(c);
  return c.db.transaction().execute((trx) => change({ ...c, db: trx }));
}
