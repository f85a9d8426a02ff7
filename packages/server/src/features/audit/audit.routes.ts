import {
  type AuditAction,
  type AuditOutcome,
  AuditPage,
  AuditQuery,
  AuditVerifyResult,
  auditDetailsForReader,
} from '@opennrm/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { decodeNumberCursor, pageFrom } from '../../lib/sql.js';
import { auditContext } from '../../plugins/auth.plugin.js';
import type { Services } from '../../services.js';
import { listAudit } from './audit.repository.js';
import { recordAudit, toAuditContent, verifyAuditChain } from './audit.service.js';

const tags = ['audit'];
const config = { access: { permission: 'audit.read' as const } };

export async function auditRoutes(base: FastifyInstance, { services }: { services: Services }) {
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
        summary: 'Check the whole hash chain; names the first broken row',
        response: { 200: AuditVerifyResult },
      },
    },
    async (request) => {
      const result = await verifyAuditChain(services.db);
      await recordAudit(
        services.db,
        auditContext(request),
        { action: 'audit.verified', outcome: result.ok ? 'success' : 'failure', details: { ...result } },
        services.now(),
      );
      return result;
    },
  );
}
