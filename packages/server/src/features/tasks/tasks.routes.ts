import {
  CaseIdParams,
  IdParams,
  TaskCreate,
  TaskDto,
  TaskList,
  TaskListQuery,
  TaskPage,
  TaskUpdate,
} from '@opennrm/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { etagOf } from '../../lib/http-preconditions.js';
import { auditContext } from '../../plugins/auth.plugin.js';
import { versionedChange } from '../../plugins/versioned-change.js';
import type { Services } from '../../services.js';
import { addTask, changeTask, listTaskPage, readCaseTasks } from './tasks.service.js';

const tags = ['tasks and referrals'];

export async function taskRoutes(base: FastifyInstance, { services }: { services: Services }) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/cases/:id/tasks',
    {
      config: { access: { permission: ['cases.manage', 'tasks.work'] } },
      schema: {
        tags,
        summary: "The case's tasks you may see",
        params: CaseIdParams,
        response: { 200: TaskList },
      },
    },
    async (request) => ({
      items: await readCaseTasks(services, auditContext(request), request.auth!.actor, request.params.id),
    }),
  );

  app.post(
    '/api/cases/:id/tasks',
    {
      config: { access: { permission: 'cases.manage' } },
      schema: {
        tags,
        summary: 'Add a task by hand',
        params: CaseIdParams,
        body: TaskCreate,
        response: { 201: TaskDto },
      },
    },
    async (request, reply) => {
      const task = await addTask(
        services,
        auditContext(request),
        request.auth!.actor,
        request.params.id,
        request.body,
      );
      reply.code(201).header('etag', etagOf(task.version));
      return task;
    },
  );

  app.patch(
    '/api/tasks/:id',
    {
      config: { access: { permission: 'tasks.work' } },
      schema: {
        tags,
        summary: 'Complete, cancel or reopen a task; reassign it; note on it (If-Match)',
        params: IdParams,
        body: TaskUpdate,
        response: { 200: TaskDto },
      },
    },
    versionedChange(services, changeTask),
  );

  app.get(
    '/api/tasks',
    {
      config: { access: { permission: 'tasks.work' } },
      schema: {
        tags,
        summary: "My tasks or my organisation's, overdue first",
        querystring: TaskListQuery,
        response: { 200: TaskPage },
      },
    },
    async (request) => listTaskPage(services, auditContext(request), request.auth!.actor, request.query),
  );
}
