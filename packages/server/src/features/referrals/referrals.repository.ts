import type {
  CaseSection,
  ConsentStatus,
  InboxBox,
  OrganisationKind,
  ReferralPurpose,
  ReferralStatus,
  RiskLevel,
} from '@opennrm/domain';
import { type Kysely, type SqlBool, sql, type Transaction, type Updateable } from 'kysely';
import type { DB } from '../../db/schema.js';
import { notFound } from '../../lib/app-error.js';
import { staleVersion } from '../../lib/http-preconditions.js';

/*
 * Every SQL statement about referrals: the query every read shares, the inbox's boxes, the
 * consent records a referral needs, and the one writer of a referral row (`updateReferralRow`).
 */
type Db = Kysely<DB> | Transaction<DB>;

function referralQuery(db: Db) {
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

/** A referral with its case's reference and case manager, its organisation and who sent it. */
export type ReferralRow = Awaited<ReturnType<ReturnType<typeof referralQuery>['executeTakeFirstOrThrow']>>;

export function findReferral(db: Db, id: string): Promise<ReferralRow | undefined> {
  return referralQuery(db).where('r.id', '=', id).executeTakeFirst();
}

/** A case's referrals, newest first; only those sent to `organisationId` when given. */
export function listReferralsOfCase(db: Db, caseId: string, organisationId?: string): Promise<ReferralRow[]> {
  let q = referralQuery(db).where('r.case_id', '=', caseId);
  if (organisationId !== undefined) q = q.where('r.organisation_id', '=', organisationId);
  return q.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').execute();
}

/** Every referral of a person, across all their cases, newest first. */
export function listReferralsOfPerson(db: Db, personId: string): Promise<ReferralRow[]> {
  return referralQuery(db).where('c.person_id', '=', personId).orderBy('r.created_at', 'desc').execute();
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

/** One box of an organisation's inbox, newest first, after the keyset cursor `after`. */
export function listInboxRows(
  db: Db,
  organisationId: string,
  box: InboxBox,
  now: Date,
  after: { at: string; id: string } | undefined,
  limit: number,
): Promise<ReferralRow[]> {
  let query = referralQuery(db).where('r.organisation_id', '=', organisationId).where(boxFilter(box, now));
  if (after) {
    query = query.where(sql<SqlBool>`(r.created_at, r.id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
  }
  return query.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(limit).execute();
}

/** How many referrals each box of an organisation's inbox holds. */
export async function countInboxBoxes(db: Db, organisationId: string, now: Date) {
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

/** An organisation a case may be referred to, as the consent check needs it. */
export function findOrganisation(db: Db, organisationId: string) {
  return db
    .selectFrom('organisations')
    .select(['id', 'kind', 'active', 'name', 'country_code'])
    .where('id', '=', organisationId)
    .executeTakeFirst();
}

/** The nationality of the case's person. */
export async function personNationalityOfCase(db: Db, caseId: string): Promise<string | null> {
  const row = await db
    .selectFrom('cases as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .select('p.nationality')
    .where('c.id', '=', caseId)
    .executeTakeFirst();
  return row?.nationality ?? null;
}

/** Which consent records decide a referral: see `newestConsentStatus`. */
export type ConsentScope =
  /** Embassy contact or sharing, naming this embassy. */
  | { kind: 'named_embassy'; organisationId: string }
  /** What covers an embassy: naming it, any embassy contact, or sharing with embassies. */
  | { kind: 'embassy'; organisationId: string; organisationKind: OrganisationKind }
  /** What covers another organisation: sharing with it or its kind, or the purpose's own consent. */
  | {
      kind: 'organisation';
      organisationId: string;
      organisationKind: OrganisationKind;
      purpose: 'shelter' | 'share_with_organisation_kind';
    };

/** The status of the newest consent record of the case in the scope, if any. */
export async function newestConsentStatus(
  db: Db,
  caseId: string,
  scope: ConsentScope,
): Promise<ConsentStatus | undefined> {
  const row = await db
    .selectFrom('consents')
    .select('status')
    .where('case_id', '=', caseId)
    .where((eb) => {
      switch (scope.kind) {
        case 'named_embassy':
          return eb.and([
            eb('purpose', 'in', ['embassy_contact', 'share_with_organisation']),
            eb('organisation_id', '=', scope.organisationId),
          ]);
        case 'embassy':
          return eb.or([
            eb.and([
              eb('purpose', 'in', ['share_with_organisation', 'embassy_contact']),
              eb('organisation_id', '=', scope.organisationId),
            ]),
            eb.and([eb('purpose', '=', 'embassy_contact'), eb('organisation_id', 'is', null)]),
            eb.and([
              eb('purpose', '=', 'share_with_organisation_kind'),
              eb('organisation_kind', '=', scope.organisationKind),
            ]),
          ]);
        case 'organisation':
          return eb.or([
            eb.and([
              eb('purpose', '=', 'share_with_organisation'),
              eb('organisation_id', '=', scope.organisationId),
            ]),
            eb.and([
              eb('purpose', '=', 'share_with_organisation_kind'),
              eb('organisation_kind', '=', scope.organisationKind),
            ]),
            ...(scope.purpose !== 'share_with_organisation_kind' ? [eb('purpose', '=', scope.purpose)] : []),
          ]);
      }
    })
    .orderBy('recorded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.status;
}

/** The case's risk, its row locked until the transaction ends (a referral before the SOP starts). */
export async function lockCaseRisk(db: Db, caseId: string): Promise<RiskLevel> {
  const row = await db
    .selectFrom('cases')
    .select('risk')
    .where('id', '=', caseId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return row.risk;
}

/** The case's risk level. */
export async function caseRisk(db: Db, caseId: string): Promise<RiskLevel> {
  const row = await db.selectFrom('cases').select('risk').where('id', '=', caseId).executeTakeFirstOrThrow();
  return row.risk;
}

/** A new referral, as sent. */
export interface NewReferral {
  caseId: string;
  organisationId: string;
  sharedSections: readonly CaseSection[];
  purpose: ReferralPurpose;
  messageEnc: string | null;
  consentOverrideReasonEnc: string | null;
  createdBy: string;
}

export async function insertReferral(db: Db, referral: NewReferral, now: Date): Promise<string> {
  const { id } = await db
    .insertInto('referrals')
    .values({
      case_id: referral.caseId,
      organisation_id: referral.organisationId,
      shared_sections: [...new Set(referral.sharedSections)],
      status: 'sent',
      purpose: referral.purpose,
      message_enc: referral.messageEnc,
      consent_override_reason_enc: referral.consentOverrideReasonEnc,
      created_by: referral.createdBy,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * The acknowledgement deadline of a referral being sent, in the transaction that inserted it:
 * the SOP names the deadline only once it knows the referral's id, so this completes the
 * insert and the new referral keeps version 1 (nobody can have read it yet).
 */
export async function setSentReferralDeadline(db: Db, id: string, acknowledgeBy: Date): Promise<void> {
  await db
    .updateTable('referrals')
    .set({ acknowledge_by: acknowledgeBy })
    .where('id', '=', id)
    .where('version', '=', 1)
    .where('status', '=', 'sent')
    .execute();
}

/** The referral's version, status and recipient, its row locked until the transaction ends. */
export function lockReferral(db: Db, id: string) {
  return db
    .selectFrom('referrals')
    .select(['version', 'status', 'organisation_id'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/** The columns of a referral that change after it was sent. */
export type ReferralPatch = Omit<
  Updateable<DB['referrals']>,
  'id' | 'case_id' | 'organisation_id' | 'created_by' | 'created_at' | 'version' | 'updated_at' | 'status'
> & { status?: ReferralStatus };

/**
 * The one writer of a referral row after it was sent: every change bumps `version`, the
 * referral's ETag, and `updated_at`, in one statement. With `expectedVersion` the row changes
 * only if nobody changed it since (`WHERE version = $v`, 412 otherwise). Answers the new
 * version. The caller records the audit event of its change.
 */
export async function updateReferralRow(
  db: Db,
  id: string,
  patch: ReferralPatch,
  now: Date,
  opts: { expectedVersion?: number } = {},
): Promise<number> {
  let query = db
    .updateTable('referrals')
    .set({ ...patch, version: (eb) => eb('version', '+', 1), updated_at: now })
    .where('id', '=', id);
  if (opts.expectedVersion !== undefined) query = query.where('version', '=', opts.expectedVersion);
  const row = await query.returning('version').executeTakeFirst();
  if (row) return row.version;
  const current = await db.selectFrom('referrals').select('version').where('id', '=', id).executeTakeFirst();
  if (!current) throw notFound('Referral');
  throw staleVersion(current.version);
}
