import { HealthResponse, ReadyResponse } from '@opennrm/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services.js';
import { checkReady } from './system.service.js';

const tags = ['system'];
const open = { access: { public: true as const } };
export const VERSION = '0.1.0';

export async function systemRoutes(base: FastifyInstance, { services }: { services: Services }) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/health',
    { config: open, schema: { tags, summary: 'The process is up', response: { 200: HealthResponse } } },
    async () => ({ status: 'ok' as const, version: VERSION }),
  );

  app.get(
    '/api/ready',
    { config: open, schema: { tags, summary: 'The database answers', response: { 200: ReadyResponse } } },
    async () => checkReady(services),
  );

  app.get('/api/openapi.json', { config: open, schema: { hide: true } }, async () => app.swagger());
}
