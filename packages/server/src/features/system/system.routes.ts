import { HealthResponse, ReadyResponse } from '@opennrm/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { AppError } from '../../lib/app-error.js';
import type { Services } from '../../services.js';

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
    async () => {
      try {
        await sql`SELECT 1`.execute(services.db);
      } catch {
        throw new AppError('NOT_READY', 'The database is not reachable');
      }
      return { status: 'ready' as const };
    },
  );

  app.get('/api/openapi.json', { config: open, schema: { hide: true } }, async () => app.swagger());
}
