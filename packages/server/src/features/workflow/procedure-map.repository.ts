import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/** What the map's heading shows of a case. */
export function findCaseForMap(db: Db, caseId: string) {
  return db
    .selectFrom('cases')
    .select(['reference', 'category', 'subtype', 'received_at'])
    .where('id', '=', caseId)
    .executeTakeFirst();
}

/** A case's referrals with the dates of their steps and their organisation, oldest first. */
export function listReferralsForMap(db: Db, caseId: string) {
  return db
    .selectFrom('referrals as r')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .select([
      'r.id',
      'o.name',
      'o.name_ar',
      'o.kind',
      'r.purpose',
      'r.status',
      'r.created_at',
      'r.acknowledged_at',
      'r.accepted_at',
      'r.declined_at',
      'r.completed_at',
      'r.revoked_at',
      'r.acknowledge_by',
      'r.complete_by',
      'r.updated_at',
    ])
    .where('r.case_id', '=', caseId)
    .orderBy('r.created_at')
    .execute();
}
