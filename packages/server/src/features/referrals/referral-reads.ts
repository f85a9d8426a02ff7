import { type Actor, can, type InboxQuery, referralAccess } from '@opennrm/domain';
import type { Database } from '../../db/create-db.js';
import type { AuditContext } from '../../lib/act-context.js';
import { notFound } from '../../lib/app-error.js';
import { decodeInstantIdCursor, pageFrom } from '../../lib/sql.js';
import type { Services } from '../../services.js';
import { type AuditEvent, recordAudit } from '../audit/index.js';
import { readableCase } from '../cases/index.js';
import { presentHistoryItem, presentReferral } from './referrals.present.js';
import * as repo from './referrals.repository.js';

/*
 * Reading referrals: one referral as the actor may see it, a case's referrals, an
 * organisation's inbox and a person's referral history, each recorded in the audit trail.
 */

const audited = (services: Services, audit: AuditContext, event: AuditEvent) =>
  recordAudit(services.db, audit, event, services.now());

/** The case's referrals the actor may see: all for the NRM, their organisation's otherwise. */
export async function listCaseReferrals(services: Services, actor: Actor, caseId: string) {
  const organisationId = can(actor, 'referrals.send') ? undefined : actor.organisationId;
  const rows = await repo.listReferralsOfCase(services.db, caseId, organisationId);
  return rows.map((r) => presentReferral(services, actor, r));
}

/** A case's referrals through the API: need-to-know on the case, then a read in the audit trail. */
export async function readCaseReferrals(
  services: Services,
  audit: AuditContext,
  actor: Actor,
  caseId: string,
) {
  await readableCase(services, audit, actor, caseId);
  await audited(services, audit, {
    action: 'case.viewed',
    targetType: 'case',
    targetId: caseId,
    details: { part: 'referrals' },
  });
  return { items: await listCaseReferrals(services, actor, caseId) };
}

/**
 * A referral the actor may see (`referralAccess`): the NRM on a case it can open, or the
 * receiving organisation (a bare record once revoked or declined: `presentReferral`). 404
 * otherwise, the refusal in the audit trail.
 */
export async function visibleReferral(
  services: Services,
  audit: AuditContext,
  actor: Actor,
  id: string,
): Promise<repo.ReferralRow> {
  const referral = await repo.findReferral(services.db, id);
  const access = referral
    ? referralAccess(actor, { organisationId: referral.organisation_id, status: referral.status })
    : ({ read: false } as const);
  if (referral && access.read && access.revoke) {
    await readableCase(services, audit, actor, referral.case_id);
    return referral;
  }
  if (!referral || !access.read) {
    await audited(services, audit, {
      action: 'referral.viewed',
      outcome: 'denied',
      targetType: 'referral',
      targetId: id,
    });
    throw notFound('Referral');
  }
  return referral;
}

/** One referral, its reading in the audit trail. */
export async function readReferral(services: Services, audit: AuditContext, actor: Actor, id: string) {
  const referral = await visibleReferral(services, audit, actor, id);
  await audited(services, audit, {
    action: 'referral.viewed',
    targetType: 'referral',
    targetId: referral.id,
    details: { caseId: referral.case_id },
  });
  return referral;
}

/** The referral as it is now, read in `db` (a change's transaction, or the services' database). */
export async function currentReferral(db: Database, id: string): Promise<repo.ReferralRow> {
  const referral = await repo.findReferral(db, id);
  if (!referral) throw notFound('Referral');
  return referral;
}

/** An organisation's inbox: one box, newest first, with the count of every box. */
export async function inboxPage(services: Services, audit: AuditContext, actor: Actor, q: InboxQuery) {
  await audited(services, audit, { action: 'referrals.inbox_listed', details: { box: q.box } });
  const now = services.now();
  const rows = await repo.listInboxRows(
    services.db,
    actor.organisationId,
    q.box,
    now,
    decodeInstantIdCursor(q.cursor),
    q.limit + 1,
  );
  const page = pageFrom(rows, q.limit, (r) => `${r.created_at.toISOString()}|${r.id}`);
  const counts = await repo.countInboxBoxes(services.db, actor.organisationId, now);
  return {
    items: page.items.map((r) => presentReferral(services, actor, r)),
    nextCursor: page.nextCursor,
    counts,
  };
}

/** Every organisation a person was referred to, across all their cases (the NRM's view). */
export async function personReferralHistory(
  services: Services,
  audit: AuditContext,
  actor: Actor,
  personId: string,
) {
  await audited(services, audit, {
    action: 'person.referrals_viewed',
    targetType: 'person',
    targetId: personId,
  });
  const rows = await repo.listReferralsOfPerson(services.db, personId);
  return { items: rows.map((r) => presentHistoryItem(services, actor, r)) };
}
