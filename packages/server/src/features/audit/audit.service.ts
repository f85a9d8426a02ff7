import type { AuditAction, AuditOutcome, AuditVerifyResult } from '@opennrm/domain';
import type { Kysely, Transaction } from 'kysely';
import type { AuditRow, DB } from '../../db/schema.js';
import { auditBatch, findHead, insertAuditRow, lockAuditChain } from './audit.repository.js';
import { type AuditContent, chainHash, GENESIS_HASH } from './audit-chain.js';

export interface AuditActor {
  userId: string;
  username: string;
  organisationId: string;
}

/** Who is acting and where from: built once per request by the auth plugin. */
export interface AuditContext {
  actor?: AuditActor | undefined;
  requestId?: string | undefined;
  ip?: string | undefined;
}

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

export function toAuditContent(row: AuditRow): AuditContent {
  return {
    id: String(row.id),
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
 * Appends one row to the hash chain inside the caller's transaction, so the record and
 * the change it records commit or roll back together. Ids are contiguous: the next id is
 * taken under the chain lock, so a rolled-back transaction leaves no gap.
 */
export async function recordAudit(
  db: Kysely<DB> | Transaction<DB>,
  ctx: AuditContext,
  event: AuditEvent,
  now: Date = new Date(),
): Promise<void> {
  if (!db.isTransaction) {
    await db.transaction().execute((trx) => recordAudit(trx, ctx, event, now));
    return;
  }
  const trx = db as Transaction<DB>;
  await lockAuditChain(trx);
  const head = await findHead(trx);
  const actor = event.actor ?? ctx.actor;
  const content: AuditContent = {
    id: String(BigInt(head?.last_id ?? '0') + 1n),
    occurredAt: now.toISOString(),
    actorUserId: actor?.userId ?? null,
    actorUsername: actor?.username ?? null,
    actorOrganisationId: actor?.organisationId ?? null,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    outcome: event.outcome ?? 'success',
    requestId: ctx.requestId ?? null,
    ip: ctx.ip ?? null,
    details: event.details ?? {},
  };
  const prevHash = head?.last_hash ?? GENESIS_HASH;
  await insertAuditRow(trx, {
    id: content.id,
    occurred_at: now,
    actor_user_id: content.actorUserId,
    actor_username: content.actorUsername,
    actor_organisation_id: content.actorOrganisationId,
    action: content.action,
    target_type: content.targetType,
    target_id: content.targetId,
    outcome: content.outcome,
    request_id: content.requestId,
    ip: content.ip,
    details: content.details,
    prev_hash: prevHash,
    hash: chainHash(prevHash, content),
  });
}

/**
 * Walks the whole chain in id order and names the first row that does not fit:
 * `hash_mismatch` when a row's content was edited, `chain_break` when a row was
 * removed, inserted or moved (its predecessor is not the one it was chained to).
 */
export async function verifyAuditChain(db: Kysely<DB>, batchSize = 2000): Promise<AuditVerifyResult> {
  let prevHash = GENESIS_HASH;
  let prevId = 0n;
  let checked = 0;
  const broken = (id: bigint | string, reason: 'hash_mismatch' | 'chain_break'): AuditVerifyResult => ({
    ok: false,
    checked,
    firstBrokenId: String(id),
    reason,
  });
  for (;;) {
    const rows = await auditBatch(db, String(prevId), batchSize);
    for (const row of rows) {
      const id = BigInt(row.id);
      if (id !== prevId + 1n || row.prev_hash !== prevHash) return broken(prevId + 1n, 'chain_break');
      if (chainHash(prevHash, toAuditContent(row)) !== row.hash) return broken(id, 'hash_mismatch');
      prevHash = row.hash;
      prevId = id;
      checked++;
    }
    if (rows.length < batchSize) break;
  }
  const head = await findHead(db);
  const headId = BigInt(head?.last_id ?? '0');
  if (headId !== prevId || (head && head.last_hash !== prevHash)) {
    return broken(headId > prevId ? prevId + 1n : prevId, 'chain_break');
  }
  return { ok: true, checked, firstBrokenId: null, reason: null };
}

/** The newest row's id and hash: record it outside the database to detect a rewritten chain later. */
export async function auditHead(db: Kysely<DB>): Promise<{ id: string; hash: string } | undefined> {
  const head = await findHead(db);
  return head ? { id: String(head.last_id), hash: head.last_hash } : undefined;
}
