import type { AuditAction } from '@opennrm/domain';
import { type Kysely, type SqlBool, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/** The referrals of a case and the organisation each went to. */
export function referralOrganisationsOfCase(db: Db, caseId: string) {
  return db.selectFrom('referrals').select(['id', 'organisation_id']).where('case_id', '=', caseId).execute();
}

/** The documents of a case and whom each is shared with. */
export function documentSharingOfCase(db: Db, caseId: string) {
  return db.selectFrom('documents').select(['id', 'shared_with']).where('case_id', '=', caseId).execute();
}

/**
 * The case's audit events for its timeline, oldest first: successes only, reads (`readActions`)
 * left out. With `restrict`, referral events only of the listed referrals and document or upload
 * events only of the listed documents (what the reader may see of them).
 */
export function caseTimelineRows(
  db: Db,
  caseId: string,
  readActions: readonly AuditAction[],
  restrict?: { referralIds: string[]; documentIds: string[] },
) {
  let query = db
    .selectFrom('audit_log')
    .select(['id', 'occurred_at', 'action', 'actor_user_id', 'actor_username', 'details'])
    .where('target_type', '=', 'case')
    .where('target_id', '=', caseId)
    .where('action', 'not in', readActions)
    .where('outcome', '=', 'success');
  if (restrict) {
    const inList = (ids: string[]) => (ids.length ? sql`IN (${sql.join(ids)})` : sql`IN (NULL)`);
    query = query
      .where(
        sql<SqlBool>`(action NOT LIKE 'referral.%' OR details->>'referralId' ${inList(restrict.referralIds)})`,
      )
      .where(
        sql<SqlBool>`((action NOT LIKE 'document.%' AND action NOT LIKE 'upload.%') OR details->>'documentId' ${inList(restrict.documentIds)})`,
      );
  }
  return query.orderBy('id').limit(1000).execute();
}

/** Who opened the case, newest first (the access log). */
export function caseAccessLogRows(db: Db, caseId: string) {
  return db
    .selectFrom('audit_log')
    .select(['occurred_at', 'action', 'actor_username', 'outcome'])
    .where('target_type', '=', 'case')
    .where('target_id', '=', caseId)
    .where('action', 'in', ['case.viewed'])
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
}
