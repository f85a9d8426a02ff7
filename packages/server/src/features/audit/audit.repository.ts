import type { AuditQuery } from '@opennrm/domain';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { AuditRow, DB } from '../../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Any fixed 64-bit number: the advisory lock held by the one sequencer at work (per
 * transaction). Requests never take it: they only insert their row.
 */
const AUDIT_SEQUENCER_LOCK_KEY = 7_346_819_021;

/** Leader election: true when this transaction is the sequencer; false when another one is. */
export async function tryLockSequencer(trx: Transaction<DB>): Promise<boolean> {
  const { rows } = await sql<{ locked: boolean }>`
    SELECT pg_try_advisory_xact_lock(${AUDIT_SEQUENCER_LOCK_KEY}) AS locked`.execute(trx);
  return rows[0]?.locked === true;
}

/** Waits until this transaction is the sequencer (a flush on demand). */
export async function lockSequencer(trx: Transaction<DB>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_SEQUENCER_LOCK_KEY})`.execute(trx);
}

export function findHead(db: Db) {
  return db.selectFrom('audit_head').select(['last_id', 'last_hash']).executeTakeFirst();
}

export async function writeHead(trx: Transaction<DB>, position: string, hash: string): Promise<void> {
  await trx
    .insertInto('audit_head')
    .values({ singleton: true, last_id: position, last_hash: hash })
    .onConflict((oc) => oc.column('singleton').doUpdateSet({ last_id: position, last_hash: hash }))
    .execute();
}

/** One statement, no lock: the row waits, without a position or hash, for the sequencer. */
export async function insertAuditRow(
  db: Db,
  row: Omit<AuditRow, 'details' | 'id' | 'position' | 'prev_hash' | 'hash' | 'recorded_at'> & {
    details: Record<string, unknown>;
  },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ ...row, details: JSON.stringify(row.details) })
    .execute();
}

/** Rows still without a chain position, in insertion order. */
export function unsequencedBatch(trx: Transaction<DB>, size: number) {
  return trx
    .selectFrom('audit_log')
    .selectAll()
    .where('position', 'is', null)
    .orderBy('id', 'asc')
    .limit(size)
    .execute();
}

/** Gives a batch of rows their positions and hashes in one statement; answers how many it changed. */
export async function assignPositions(
  trx: Transaction<DB>,
  rows: { id: string; position: string; prevHash: string; hash: string }[],
): Promise<number> {
  const result = await sql`
    UPDATE audit_log AS a
       SET position = v.position, prev_hash = v.prev_hash, hash = v.hash
      FROM unnest(
             ${rows.map((r) => r.id)}::bigint[],
             ${rows.map((r) => r.position)}::bigint[],
             ${rows.map((r) => r.prevHash)}::text[],
             ${rows.map((r) => r.hash)}::text[]
           ) AS v(id, position, prev_hash, hash)
     WHERE a.id = v.id AND a.position IS NULL`.execute(trx);
  return Number(result.numAffectedRows ?? 0n);
}

/** Rows waiting longer than `olderThanMs` (by the database's clock): how many, and the oldest. */
export async function staleUnsequenced(db: Db, olderThanMs: number) {
  const { rows } = await sql<{ n: string | number; oldest_id: string | null; total: string | number }>`
    SELECT count(*) FILTER (WHERE recorded_at < statement_timestamp() - make_interval(secs => ${olderThanMs / 1000})) AS n,
           min(id) FILTER (WHERE recorded_at < statement_timestamp() - make_interval(secs => ${olderThanMs / 1000})) AS oldest_id,
           count(*) AS total
      FROM audit_log WHERE position IS NULL`.execute(db);
  const r = rows[0];
  return { stale: Number(r?.n ?? 0), oldestId: r?.oldest_id ?? null, total: Number(r?.total ?? 0) };
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

/** Sequenced rows in chain order, a batch at a time, so verification needs constant memory. */
export function auditBatch(db: Db, afterPosition: string, size: number) {
  return db
    .selectFrom('audit_log')
    .select([
      'position',
      'occurred_at',
      'actor_user_id',
      'actor_username',
      'actor_organisation_id',
      'action',
      'target_type',
      'target_id',
      'outcome',
      'request_id',
      'ip',
      'details',
      'prev_hash',
      'hash',
    ])
    .where('position', '>', afterPosition)
    .orderBy('position', 'asc')
    .limit(size)
    .execute();
}

export interface CheckpointRow {
  id: string;
  size: string;
  head_hash: string;
  signed_at: Date;
  key_id: string;
  signature: string;
}

export function latestCheckpoint(db: Db): Promise<CheckpointRow | undefined> {
  return db
    .selectFrom('audit_checkpoints')
    .selectAll()
    .orderBy('size', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function allCheckpoints(db: Db): Promise<CheckpointRow[]> {
  return db.selectFrom('audit_checkpoints').selectAll().orderBy('size', 'asc').orderBy('id', 'asc').execute();
}

export async function insertCheckpoint(trx: Transaction<DB>, cp: Omit<CheckpointRow, 'id'>): Promise<void> {
  await trx.insertInto('audit_checkpoints').values(cp).execute();
}
