import { CaseIdParams, DossierExport, DossierStarted, IdParams } from '@opennrm/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditContext } from '../../plugins/auth.plugin.js';
import type { Services } from '../../services.js';
import type { FileServices } from '../documents/index.js';
import { getExport, openExport, startExport } from './dossier.service.js';

const tags = ['documents'];

export async function dossierRoutes(
  base: FastifyInstance,
  { services, files: filesOf }: { services: Services; files: () => FileServices },
) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/cases/:id/dossier',
    {
      config: { access: { permission: 'cases.list' } },
      schema: {
        tags,
        summary: 'Export the case as a ZIP: every document you may see, an index, and a summary PDF',
        description:
          'Runs in the background: poll GET /api/dossiers/{id} for progress, then download from its `downloadUrl` within 24 hours.',
        params: CaseIdParams,
        response: { 202: DossierStarted },
      },
    },
    async (request, reply) => {
      const started = await startExport(
        services,
        filesOf(),
        auditContext(request),
        request.auth!.actor,
        request.params.id,
      );
      return reply.code(202).send(started);
    },
  );

  app.get(
    '/api/dossiers/:id',
    {
      config: { access: { permission: 'cases.list' } },
      schema: {
        tags,
        summary: 'Where a dossier export stands (only its requester sees it)',
        params: IdParams,
        response: { 200: DossierExport },
      },
    },
    async (request, reply) => {
      const found = await getExport(services, auditContext(request), request.auth!.actor, request.params.id);
      return reply.header('cache-control', 'no-store').send(found);
    },
  );

  app.get(
    '/api/dossiers/:id/download',
    {
      config: { access: { permission: 'cases.list' } },
      schema: {
        tags,
        summary: 'Download the dossier ZIP (its requester, until it expires)',
        params: IdParams,
        produces: ['application/zip'],
      },
    },
    async (request, reply) => {
      const file = await openExport(
        services,
        filesOf(),
        auditContext(request),
        request.auth!.actor,
        request.params.id,
      );
      // A damaged file stops mid-way: the connection is cut, so the download never looks complete.
      file.stream.on('error', (error) => {
        request.log.warn(
          { err: { message: error.message, name: error.name } },
          'dossier failed verification',
        );
        reply.raw.destroy(error);
      });
      if (file.size !== undefined) reply.header('content-length', String(file.size));
      return reply
        .header('content-type', 'application/zip')
        .header(
          'content-disposition',
          `attachment; filename="${file.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"`,
        )
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(file.stream);
    },
  );
}
