import type { AuditQuery } from '@opennrm/domain';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { AuditRow, DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Any fixed 64-bit number: the advisory lock that serialises appends across server instances. */
const AUDIT_LOCK_KEY = 7_346_819_021;

export async function lockAuditChain(trx: Transaction<DB>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
}

export function findHead(db: Db) {
  return db.selectFrom('audit_head').select(['last_id', 'last_hash']).executeTakeFirst();
}

export async function insertAuditRow(
  trx: Transaction<DB>,
  row: Omit<AuditRow, 'details'> & { details: Record<string, unknown> },
): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({ ...row, details: JSON.stringify(row.details) })
    .execute();
  await trx
    .insertInto('audit_head')
    .values({ singleton: true, last_id: row.id, last_hash: row.hash })
    .onConflict((oc) => oc.column('singleton').doUpdateSet({ last_id: row.id, last_hash: row.hash }))
    .execute();
}

export function listAudit(db: Db, q: AuditQuery, afterId: string | undefined) {
  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(q.limit + 1);
  if (afterId) query = query.where('id', '<', afterId);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.actor) query = query.where('actor_username', '=', q.actor.toLowerCase());
  if (q.outcome) query = query.where('outcome', '=', q.outcome);
  if (q.targetType) query = query.where('target_type', '=', q.targetType);
  if (q.targetId) query = query.where('target_id', '=', q.targetId);
  if (q.from) query = query.where('occurred_at', '>=', new Date(`${q.from}T00:00:00Z`));
  if (q.to) query = query.where('occurred_at', '<', new Date(Date.parse(`${q.to}T00:00:00Z`) + 86_400_000));
  return query.execute();
}

/** Rows in chain order, a batch at a time, so verification needs constant memory. */
export function auditBatch(db: Db, afterId: string, size: number) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('id', '>', afterId)
    .orderBy('id', 'asc')
    .limit(size)
    .execute();
}
