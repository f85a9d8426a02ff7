import { AuditCheckpointExport, AuditPage, AuditQuery, AuditVerifyResult } from '@opennrm/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AuditSigningKey } from '../../lib/keys.js';
import { auditContext } from '../../plugins/auth.plugin.js';
import type { Services } from '../../services.js';
import { browseAudit, verifyAuditTrail, witnessCheckpoints } from './audit-reader.service.js';

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
    async (request) => browseAudit(services, auditContext(request), request.query),
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
    async (request) => verifyAuditTrail(services, auditContext(request), auditKey()),
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
    async (request) => witnessCheckpoints(services, auditContext(request), auditKey()),
  );
}
