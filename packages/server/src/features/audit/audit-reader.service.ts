import {
  type AuditCheckpointExport,
  type AuditPage,
  type AuditQuery,
  type AuditVerifyResult,
  auditDetailsForReader,
} from '@opennrm/domain';
import type { AuditContext } from '../../lib/act-context.js';
import type { AuditSigningKey } from '../../lib/keys.js';
import { decodeNumberCursor, pageFrom } from '../../lib/sql.js';
import type { Services } from '../../services.js';
import { listAudit } from './audit.repository.js';
import { recordAudit, toAuditContent, verifyAuditChain } from './audit.service.js';
import { exportCheckpoints } from './audit-checkpoints.js';

/*
 * What an auditor reads: the trail, its verification, the signed checkpoints. Each reading
 * is itself recorded in the trail.
 */

/** A page of the audit trail, newest first; the reading is recorded with its filters. */
export async function browseAudit(services: Services, ctx: AuditContext, q: AuditQuery): Promise<AuditPage> {
  const rows = await listAudit(services.db, q, decodeNumberCursor(q.cursor));
  const page = pageFrom(rows, q.limit, (r) => String(r.id));
  const { cursor: _cursor, limit: _limit, ...filters } = q;
  await recordAudit(services.db, ctx, { action: 'audit.viewed', details: { filters } }, services.now());
  return {
    items: page.items.map((row) => {
      const c = toAuditContent(row);
      // Who did what, not case content: also for rows written before details were reduced.
      return {
        ...c,
        id: String(row.id),
        position: row.position === null ? null : String(row.position),
        action: row.action,
        outcome: row.outcome,
        details: auditDetailsForReader(c.details),
      };
    }),
    nextCursor: page.nextCursor,
  };
}

/** Sequences the waiting entries, checks the chain against the checkpoints, records the check. */
export async function verifyAuditTrail(
  services: Services,
  ctx: AuditContext,
  key: AuditSigningKey | undefined,
): Promise<AuditVerifyResult> {
  const result = await verifyAuditChain(services.db, {
    maxLagMs: services.config.audit.maxLagMs,
    ...(key ? { trustedKeys: new Map([[key.id, key.publicKey]]) } : {}),
  });
  await recordAudit(
    services.db,
    ctx,
    { action: 'audit.verified', outcome: result.ok ? 'success' : 'failure', details: { ...result } },
    services.now(),
  );
  return result;
}

/** The signed checkpoints and the public key, for a partner to keep as a witness; recorded. */
export async function witnessCheckpoints(
  services: Services,
  ctx: AuditContext,
  key: AuditSigningKey | undefined,
): Promise<AuditCheckpointExport> {
  const result = await exportCheckpoints(services.db, key);
  await recordAudit(
    services.db,
    ctx,
    { action: 'audit.viewed', details: { checkpoints: result.checkpoints.length } },
    services.now(),
  );
  return result;
}
