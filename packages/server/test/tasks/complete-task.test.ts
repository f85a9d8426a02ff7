import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestContext, type TestContext } from '../harness.js';
import { screenedTraffickingCase } from '../workflow-support.js';

/**
 * Completing a task: the one writer of a task row (`updateTaskRow`) refuses a version changed
 * since the client read it (412), and a user who may not reach the task learns nothing (404).
 */
let ctx: TestContext;
let manager: Client;
let caseId: string;

interface Task {
  id: string;
  status: string;
  version: number;
}

beforeAll(async () => {
  ctx = await createTestContext();
  manager = await ctx.signIn('casemanager');
  // A screened case: its SOP has started, so tasks can be added to it.
  caseId = await screenedTraffickingCase(manager);
});
afterAll(() => ctx.close());

async function addTask(title: string): Promise<Task> {
  const res = await manager.post(`/api/cases/${caseId}/tasks`, { title });
  expect(res.statusCode, res.body).toBe(201);
  expect(res.headers.etag).toBe(`"v${res.json().version}"`);
  return res.json();
}

describe('completing a task', () => {
  it('refuses a stale ETag with 412 and changes nothing', async () => {
    const task = await addTask('Call the interpreter');
    // Someone notes on the task first: its version moves on.
    const noted = await manager.patch(
      `/api/tasks/${task.id}`,
      { note: 'Interpreter booked for Tuesday' },
      { headers: { 'if-match': `"v${task.version}"` } },
    );
    expect(noted.statusCode, noted.body).toBe(200);
    expect(noted.json().version).toBe(task.version + 1);

    const stale = await manager.patch(
      `/api/tasks/${task.id}`,
      { status: 'done' },
      { headers: { 'if-match': `"v${task.version}"` } },
    );
    expect(stale.statusCode, stale.body).toBe(412);
    const tasks = (await manager.get(`/api/cases/${caseId}/tasks`)).json().items as Task[];
    expect(tasks.find((t) => t.id === task.id)?.status).toBe('open');

    // With the ETag it now holds, the same client completes it.
    const done = await manager.patch(
      `/api/tasks/${task.id}`,
      { status: 'done' },
      { headers: { 'if-match': noted.headers.etag as string } },
    );
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', completedBy: expect.any(String) });
    expect(done.headers.etag).toBe(`"v${done.json().version}"`);
  });

  it('answers 404 to an outsider, as if the task did not exist', async () => {
    const task = await addTask('Ask the embassy for a travel document');
    // An agency the case is not referred to: no access to the case, so none to its tasks.
    const focal = await ctx.signIn('focalpoint');
    const res = await focal.patch(
      `/api/tasks/${task.id}`,
      { status: 'done' },
      { headers: { 'if-match': `"v${task.version}"` } },
    );
    expect(res.statusCode, res.body).toBe(404);
    const missing = await focal.patch(
      `/api/tasks/00000000-0000-4000-8000-000000000000`,
      { status: 'done' },
      { headers: { 'if-match': '"v1"' } },
    );
    expect(missing.statusCode).toBe(404);
    expect(res.json().error?.code ?? res.json().code).toBe(missing.json().error?.code ?? missing.json().code);
    const tasks = (await manager.get(`/api/cases/${caseId}/tasks`)).json().items as Task[];
    expect(tasks.find((t) => t.id === task.id)?.status).toBe('open');
  });
});
