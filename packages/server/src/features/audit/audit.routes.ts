import {
  type AuditAction,
  AuditCheckpointExport,
  type AuditOutcome,
  AuditPage,
  AuditQuery,
  AuditVerifyResult,
  auditDetailsForReader,
} from '@opennrm/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AuditSigningKey } from '../../lib/keys.js';
import { decodeNumberCursor, pageFrom } from '../../lib/sql.js';
import { auditContext } from '../../plugins/auth.plugin.js';
import type { Services } from '../../services.js';
import { listAudit } from './audit.repository.js';
import { recordAudit, toAuditContent, verifyAuditChain } from './audit.service.js';
import { exportCheckpoints } from './audit-checkpoints.js';

const tags = ['audit'];
const config = { access: { permission: 'audit.read' as const } };

export async function auditRoutes(
  base: FastifyInstance,
  { services, auditKey }: { services: Services; auditKey: () => AuditSigningKey | undefined },
) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/audit',
    {
      config,
      schema: {
        tags,
        summary: 'Browse the audit trail, newest first',
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await listAudit(services.db, q, decodeNumberCursor(q.cursor));
      const page = pageFrom(rows, q.limit, (r) => String(r.id));
      const { cursor: _cursor, limit: _limit, ...filters } = q;
      await recordAudit(
        services.db,
        auditContext(request),
        { action: 'audit.viewed', details: { filters } },
        services.now(),
      );
      return {
        items: page.items.map((row) => {
          const c = toAuditContent(row);
          // Who did what, not case content: also for rows written before details were reduced.
          return {
            ...c,
            id: String(row.id),
            position: row.position === null ? null : String(row.position),
            action: c.action as AuditAction,
            outcome: c.outcome as AuditOutcome,
            details: auditDetailsForReader(c.details),
          };
        }),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.get(
    '/api/audit/verify',
    {
      config,
      schema: {
        tags,
        summary:
          'Sequence the waiting entries, then check the whole hash chain against the signed checkpoints; names the first broken row',
        response: { 200: AuditVerifyResult },
      },
    },
    async (request) => {
      const key = auditKey();
      const result = await verifyAuditChain(services.db, {
        maxLagMs: services.config.audit.maxLagMs,
        ...(key ? { trustedKeys: new Map([[key.id, key.publicKey]]) } : {}),
      });
      await recordAudit(
        services.db,
        auditContext(request),
        { action: 'audit.verified', outcome: result.ok ? 'success' : 'failure', details: { ...result } },
        services.now(),
      );
      return result;
    },
  );

  app.get(
    '/api/audit/checkpoints',
    {
      config,
      schema: {
        tags,
        summary: 'The signed checkpoints and the public key, for partner organisations to keep as witnesses',
        response: { 200: AuditCheckpointExport },
      },
    },
    async (request) => {
      const result = await exportCheckpoints(services.db, auditKey());
      await recordAudit(
        services.db,
        auditContext(request),
        { action: 'audit.viewed', details: { checkpoints: result.checkpoints.length } },
        services.now(),
      );
      return result;
    },
  );
}
