import {
  type Actor,
  type CaseSection,
  can,
  type InboxBox,
  type InboxQuery,
  type OrganisationKind,
  REFERRAL_TRANSITIONS,
  type ReferralDto,
  type ReferralPurpose,
  type ReferralStatus,
  referralAccess,
} from '@opennrm/domain';
import { type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/create-db.js';
import { decodeInstantIdCursor, pageFrom } from '../../lib/sql.js';
import type { Services } from '../../services.js';

/*
 * Reading referrals: the query every read shares, the presenter (what the actor may see of a
 * referral, `referralAccess`), a case's referrals, an organisation's inbox and a person's
 * referral history. Sending and answering referrals is in referrals.service.ts.
 */
function referralQuery(db: Database) {
  return db
    .selectFrom('referrals as r')
    .innerJoin('cases as c', 'c.id', 'r.case_id')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .leftJoin('users as u', 'u.id', 'r.created_by')
    .selectAll('r')
    .select([
      'c.reference',
      'c.assigned_to',
      'o.name as organisation_name',
      'o.kind as organisation_kind',
      'u.display_name as sent_by',
    ]);
}
export type ReferralRow = Awaited<ReturnType<ReturnType<typeof referralQuery>['executeTakeFirstOrThrow']>>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function isOverdue(
  r: Pick<ReferralRow, 'status' | 'acknowledge_by' | 'complete_by'>,
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
  r: Pick<ReferralRow, 'status' | 'organisation_id'>,
): ReferralStatus[] {
  const next = REFERRAL_TRANSITIONS[r.status as ReferralStatus] ?? [];
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
    organisationKind: r.organisation_kind as OrganisationKind,
    purpose: r.purpose as ReferralPurpose,
    status: r.status as ReferralStatus,
    message: dec(r.message_enc),
    sharedSections: ended ? [] : (r.shared_sections as CaseSection[]),
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
            organisationKind: (r.onward_kind as OrganisationKind | null) ?? null,
            message: dec(r.onward_message_enc) ?? '',
          }
        : null,
    overdue: isOverdue(r, services.now()),
    allowedTransitions: allowedTransitions(actor, r),
    version: r.version,
  };
}

export async function findReferral(db: Database, id: string) {
  return referralQuery(db).where('r.id', '=', id).executeTakeFirst();
}

/** The case's referrals the actor may see: all for the NRM, their organisation's otherwise. */
export async function listCaseReferrals(services: Services, actor: Actor, caseId: string) {
  let q = referralQuery(services.db).where('r.case_id', '=', caseId);
  if (!can(actor, 'referrals.send')) q = q.where('r.organisation_id', '=', actor.organisationId);
  const rows = await q.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').execute();
  return rows.map((r) => presentReferral(services, actor, r));
}

/**
 * Each box's condition, written exactly as the partial indexes of migration 2320 are, so the
 * planner reads a page of a box as an index range (newest first) and counts it index-only.
 */
function boxFilter(box: InboxBox, now: Date) {
  switch (box) {
    case 'new':
      return sql<SqlBool>`r.status IN ('sent', 'acknowledged')`;
    case 'overdue':
      return sql<SqlBool>`r.status IN ('sent', 'accepted', 'in_progress') AND ((r.status = 'sent' AND r.acknowledge_by < ${now}) OR (r.status IN ('accepted', 'in_progress') AND r.complete_by < ${now}))`;
    case 'in_progress':
      return sql<SqlBool>`r.status IN ('accepted', 'in_progress')`;
    case 'completed':
      return sql<SqlBool>`r.status IN ('completed', 'declined', 'revoked')`;
  }
}

async function boxCounts(db: Database, organisationId: string, now: Date) {
  const count = async (condition: ReturnType<typeof sql<SqlBool>>) =>
    (
      await db
        .selectFrom('referrals as r')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('r.organisation_id', '=', organisationId)
        .where(condition)
        .executeTakeFirstOrThrow()
    ).n;
  const [fresh, late, lateWork, working, done] = await Promise.all([
    count(boxFilter('new', now)),
    count(sql<SqlBool>`r.status = 'sent' AND r.acknowledge_by < ${now}`),
    count(sql<SqlBool>`r.status IN ('accepted', 'in_progress') AND r.complete_by < ${now}`),
    count(boxFilter('in_progress', now)),
    count(boxFilter('completed', now)),
  ]);
  return { new: fresh, overdue: late + lateWork, in_progress: working, completed: done };
}

/** An organisation's inbox: one box, newest first, with the count of every box. */
export async function inboxPage(services: Services, actor: Actor, q: InboxQuery) {
  const now = services.now();
  const db = services.db;
  let query = referralQuery(db)
    .where('r.organisation_id', '=', actor.organisationId)
    .where(boxFilter(q.box, now));
  const after = decodeInstantIdCursor(q.cursor);
  if (after) {
    query = query.where(sql<SqlBool>`(r.created_at, r.id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
  }
  const rows = await query
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(q.limit + 1)
    .execute();
  const page = pageFrom(rows, q.limit, (r) => `${r.created_at.toISOString()}|${r.id}`);
  const counts = await boxCounts(db, actor.organisationId, now);
  return {
    items: page.items.map((r) => presentReferral(services, actor, r)),
    nextCursor: page.nextCursor,
    counts,
  };
}

/** Every organisation a person was referred to, across all their cases (the NRM's view). */
export async function personReferralHistory(services: Services, actor: Actor, personId: string) {
  const rows = await referralQuery(services.db)
    .where('c.person_id', '=', personId)
    .orderBy('r.created_at', 'desc')
    .execute();
  return rows.map((r) => {
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
  });
}
