import type { KeyObject } from 'node:crypto';
import type { AuditAction, AuditCheckpoint, AuditOutcome, AuditVerifyResult } from '@opennrm/domain';
import type { Kysely, Transaction } from 'kysely';
import type { AuditRow, DB } from '../../db/schema.js';
import type { AuditActor, AuditContext } from '../../lib/act-context.js';
import type { AuditSigningKey } from '../../lib/keys.js';
import {
  allCheckpoints,
  assignPositions,
  auditBatch,
  findHead,
  insertAuditRow,
  insertCheckpoint,
  latestCheckpoint,
  lockSequencer,
  staleUnsequenced,
  tryLockSequencer,
  unsequencedBatch,
  writeHead,
} from './audit.repository.js';
import { type AuditContent, chainHash, GENESIS_HASH } from './audit-chain.js';
import { checkpointSignatureValid, fromCheckpointRow, signCheckpoint } from './audit-checkpoints.js';

export type { AuditActor, AuditContext } from '../../lib/act-context.js';

export interface AuditEvent {
  action: AuditAction;
  outcome?: AuditOutcome;
  targetType?: string;
  targetId?: string;
  /** Identifiers and field names only: never a password, a token or a person's data. */
  details?: Record<string, unknown>;
  /** For events where the actor is only known after the request began (a login). */
  actor?: AuditActor;
}

/** The hashed content of a row: its `id` is the chain position (the insertion id is not hashed). */
export function toAuditContent(
  row: Omit<AuditRow, 'id' | 'recorded_at'>,
  position: string | null = row.position,
): AuditContent {
  return {
    id: String(position),
    occurredAt: row.occurred_at.toISOString(),
    actorUserId: row.actor_user_id,
    actorUsername: row.actor_username,
    actorOrganisationId: row.actor_organisation_id,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    outcome: row.outcome,
    requestId: row.request_id,
    ip: row.ip,
    details: row.details ?? {},
  };
}

/**
 * Inserts one audit row in the caller's transaction, so the record and the change it records
 * commit or roll back together. One INSERT and no lock: the row has no chain position yet;
 * the sequencer (`sequenceAudit`) gives it one, with its hash, within AUDIT_SEQUENCE_INTERVAL_MS.
 */
export async function recordAudit(
  db: Kysely<DB> | Transaction<DB>,
  ctx: AuditContext,
  event: AuditEvent,
  now: Date = new Date(),
): Promise<void> {
  const actor = event.actor ?? ctx.actor;
  await insertAuditRow(db, {
    occurred_at: now,
    actor_user_id: actor?.userId ?? null,
    actor_username: actor?.username ?? null,
    actor_organisation_id: actor?.organisationId ?? null,
    action: event.action,
    target_type: event.targetType ?? null,
    target_id: event.targetId ?? null,
    outcome: event.outcome ?? 'success',
    request_id: ctx.requestId ?? null,
    ip: ctx.ip ?? null,
    details: event.details ?? {},
  });
}

export interface SequenceOptions {
  /** Rows per transaction (default 1000). */
  batchSize?: number;
  /**
   * Wait for the sequencer lock instead of leaving the work to whichever instance holds it:
   * a flush on demand (verification, tests). The scheduler's ticks do not wait.
   */
  wait?: boolean;
  /** Signs a checkpoint every `checkpointEvery` rows or `checkpointIntervalMs`; none without a key. */
  signer?: AuditSigningKey | undefined;
  checkpointEvery?: number;
  checkpointIntervalMs?: number;
  now?: () => Date;
  /** Called after each committed batch (the benchmark measures the lag with it). */
  onBatch?: (batch: { recordedAt: Date[]; committedAt: Date }) => void;
}

export interface SequenceResult {
  /** False when another transaction held the sequencer lock (another instance is at work). */
  leader: boolean;
  sequenced: number;
  checkpoint: AuditCheckpoint | undefined;
}

/**
 * The sequencer: takes the rows still without a position in insertion order, a batch per
 * transaction, and gives them the next contiguous positions, each hash chained from the one
 * before (prev hash + canonical content), then moves the head. Leader election is the
 * transaction-level advisory lock: with N instances, one sequences and the others' tries
 * return at once. Positions are contiguous because only the lock holder assigns them and a
 * batch commits whole. With a signing key, a checkpoint (size, head hash, time) is signed in
 * the same transaction when due.
 */
export async function sequenceAudit(db: Kysely<DB>, opts: SequenceOptions = {}): Promise<SequenceResult> {
  const batchSize = opts.batchSize ?? 1000;
  const now = opts.now ?? (() => new Date());
  let sequenced = 0;
  let checkpoint: AuditCheckpoint | undefined;
  for (;;) {
    const batch = await db.transaction().execute(async (trx) => {
      if (opts.wait) await lockSequencer(trx);
      else if (!(await tryLockSequencer(trx))) return undefined;
      const rows = await unsequencedBatch(trx, batchSize);
      const head = await findHead(trx);
      let position = BigInt(head?.last_id ?? '0');
      let prevHash = head?.last_hash ?? GENESIS_HASH;
      const assigned = rows.map((row) => {
        position += 1n;
        const hash = chainHash(prevHash, toAuditContent(row, String(position)));
        const entry = { id: String(row.id), position: String(position), prevHash, hash };
        prevHash = hash;
        return entry;
      });
      if (assigned.length > 0) {
        const changed = await assignPositions(trx, assigned);
        if (changed !== assigned.length) {
          throw new Error(`audit sequencer: ${changed} of ${assigned.length} rows positioned; rolled back`);
        }
        await writeHead(trx, String(position), prevHash);
      }
      const signed = opts.signer
        ? await checkpointIfDue(trx, opts, now(), String(position), prevHash)
        : undefined;
      return { rows, signed };
    });
    if (!batch) return { leader: false, sequenced, checkpoint };
    opts.onBatch?.({ recordedAt: batch.rows.map((r) => r.recorded_at), committedAt: new Date() });
    sequenced += batch.rows.length;
    checkpoint = batch.signed ?? checkpoint;
    if (batch.rows.length < batchSize) return { leader: true, sequenced, checkpoint };
  }
}

async function checkpointIfDue(
  trx: Transaction<DB>,
  opts: SequenceOptions,
  at: Date,
  size: string,
  headHash: string,
): Promise<AuditCheckpoint | undefined> {
  if (size === '0') return undefined;
  const last = await latestCheckpoint(trx);
  const grown = BigInt(size) - BigInt(last?.size ?? '0');
  if (grown <= 0n) return undefined;
  const due =
    !last ||
    grown >= BigInt(opts.checkpointEvery ?? 1000) ||
    at.getTime() - last.signed_at.getTime() >= (opts.checkpointIntervalMs ?? 60_000);
  if (!due) return undefined;
  const cp = signCheckpoint(opts.signer!, { size, headHash, signedAt: at.toISOString() });
  await insertCheckpoint(trx, {
    size: cp.size,
    head_hash: cp.headHash,
    signed_at: at,
    key_id: cp.keyId,
    signature: cp.signature,
  });
  return cp;
}

export interface VerifyOptions {
  batchSize?: number;
  /** Sequence the waiting rows first, as a flush (default true); false: read only. */
  sequenceFirst?: boolean;
  /** A row waiting longer than this for its position is a failure (default 5 s). */
  maxLagMs?: number;
  /**
   * Public keys trusted to sign checkpoints, by key id. Given, a checkpoint signed by any
   * other key is `checkpoint_invalid`; absent, the checkpoints' signatures are not checked.
   */
  trustedKeys?: Map<string, KeyObject>;
  /** Checkpoints a partner kept (`audit:verify --witness`), with the keys from their file. */
  witness?: { checkpoints: AuditCheckpoint[]; keys: Map<string, KeyObject> };
}

type Reason = NonNullable<AuditVerifyResult['reason']>;

/**
 * Walks the sequenced chain in position order and names the first row that does not fit:
 * `hash_mismatch` when a row's content was edited, `chain_break` when a row was removed,
 * inserted or moved. Every signed checkpoint (the database's and a witness file's) must
 * match the chain at its size: a chain cut below a checkpoint, or rewritten before it, is
 * `checkpoint_mismatch`, even when the head row was rewritten to match. A row waiting for
 * its position longer than `maxLagMs` is `unsequenced`.
 */
export async function verifyAuditChain(
  db: Kysely<DB>,
  opts: VerifyOptions | number = {},
): Promise<AuditVerifyResult> {
  const o: VerifyOptions = typeof opts === 'number' ? { batchSize: opts } : opts;
  const batchSize = o.batchSize ?? 5000;
  if (o.sequenceFirst !== false) await sequenceAudit(db, { wait: true });

  type Anchor = AuditCheckpoint & { witness: boolean };
  const stored = (await allCheckpoints(db)).map(fromCheckpointRow);
  const anchors: Anchor[] = [
    ...stored.map((c) => ({ ...c, witness: false })),
    ...(o.witness?.checkpoints ?? []).map((c) => ({ ...c, witness: true })),
  ].sort((a, b) => (BigInt(a.size) < BigInt(b.size) ? -1 : BigInt(a.size) > BigInt(b.size) ? 1 : 0));
  const latest = stored.reduce<AuditCheckpoint | null>(
    (best, c) => (!best || BigInt(c.size) >= BigInt(best.size) ? c : best),
    null,
  );

  let prevHash = GENESIS_HASH;
  let prevPos = 0n;
  let checked = 0;
  const extra = {
    checkpoint: latest,
    ...(o.witness ? { witnessChecked: o.witness.checkpoints.length } : {}),
  };
  const broken = (at: bigint | string, reason: Reason): AuditVerifyResult => ({
    ok: false,
    checked,
    firstBrokenId: String(at),
    reason,
    ...extra,
  });

  for (const a of anchors) {
    const key = a.witness ? o.witness?.keys.get(a.keyId) : o.trustedKeys?.get(a.keyId);
    const mustCheck = a.witness || o.trustedKeys !== undefined;
    if (mustCheck && (!key || !checkpointSignatureValid(a, key))) return broken(a.size, 'checkpoint_invalid');
    if (a.witness && o.trustedKeys && !o.trustedKeys.has(a.keyId))
      return broken(a.size, 'checkpoint_invalid');
  }

  let next = 0;
  // The next batch is read while this one is hashed: the database and the CPU work at once.
  let pending = auditBatch(db, '0', batchSize);
  for (;;) {
    const rows = await pending;
    const more = rows.length === batchSize;
    if (more) {
      pending = auditBatch(db, String(rows[rows.length - 1]!.position), batchSize);
      pending.catch(() => undefined);
    }
    for (const row of rows) {
      const pos = BigInt(row.position!);
      if (pos !== prevPos + 1n || row.prev_hash !== prevHash) return broken(prevPos + 1n, 'chain_break');
      if (chainHash(prevHash, toAuditContent(row)) !== row.hash) return broken(pos, 'hash_mismatch');
      prevHash = row.hash;
      prevPos = pos;
      checked++;
      while (next < anchors.length && BigInt(anchors[next]!.size) <= pos) {
        const a = anchors[next++]!;
        if (BigInt(a.size) === pos && a.headHash !== row.hash) return broken(pos, 'checkpoint_mismatch');
      }
    }
    if (!more) break;
  }
  // A checkpoint beyond the end: rows were cut off, whatever the head row says.
  if (next < anchors.length) return broken(prevPos + 1n, 'checkpoint_mismatch');
  const head = await findHead(db);
  const headPos = BigInt(head?.last_id ?? '0');
  if (headPos !== prevPos || (head && head.last_hash !== prevHash)) {
    return broken(headPos > prevPos ? prevPos + 1n : prevPos, 'chain_break');
  }
  const waiting = await staleUnsequenced(db, o.maxLagMs ?? 5000);
  if (waiting.stale > 0) {
    return { ...broken(waiting.oldestId ?? '0', 'unsequenced'), unsequenced: waiting.total };
  }
  return { ok: true, checked, firstBrokenId: null, reason: null, unsequenced: waiting.total, ...extra };
}

/** The newest sequenced row's position and hash: record it outside the database to detect a rewritten chain later. */
export async function auditHead(db: Kysely<DB>): Promise<{ id: string; hash: string } | undefined> {
  const head = await findHead(db);
  return head ? { id: String(head.last_id), hash: head.last_hash } : undefined;
}
