import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestContext, type TestContext } from './harness.js';
import { traffickingAnswers } from './workflow-support.js';

/**
 * Task access = access to the case + ownership (issue 9, hole 7): an organisation only owns
 * (and so only sees and works on) the tasks of a case it holds an active referral on.
 */
let ctx: TestContext;
let manager: Client;
let supervisor: Client;
let focal: Client;
let inspectionOrg: string;

interface Task {
  id: string;
  key: string;
  caseId: string;
  status: string;
  version: number;
  owner: { organisationId: string | null; organisationKind: string | null };
}

beforeAll(async () => {
  ctx = await createTestContext();
  manager = await ctx.signIn('casemanager');
  supervisor = await ctx.signIn('supervisor');
  focal = await ctx.signIn('focalpoint');
  inspectionOrg = (
    await ctx.db
      .selectFrom('organisations')
      .select('id')
      .where('kind', '=', 'labour_inspection')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => ctx.close());

async function caseTasks(client: Client, caseId: string) {
  const res = await client.get(`/api/cases/${caseId}/tasks`);
  return { statusCode: res.statusCode, items: (res.statusCode === 200 ? res.json().items : []) as Task[] };
}

/** Open tasks done by the NRM, so the case moves on. */
async function completeOpenTasks(caseId: string) {
  for (const t of (await caseTasks(manager, caseId)).items.filter((t) => t.status === 'open')) {
    const res = await manager.patch(
      `/api/tasks/${t.id}`,
      { status: 'done' },
      { headers: { 'if-match': `"v${t.version}"` } },
    );
    expect(res.statusCode, res.body).toBe(200);
  }
}

/** A labour case at "referral and assistance": the SOP gives the inspection visit to the labour inspection. */
async function labourCaseAtReferral(): Promise<string> {
  const created = await manager.post('/api/cases', {
    intakeKind: 'walk_in',
    channel: 'walk_in',
    person: { nameLatin: 'Joy Dela Cruz', dateOfBirth: '1991-03-04', nationality: 'PH' },
    narrative: 'Four months of wages unpaid.',
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  expect(
    (await manager.request('PUT', `/api/cases/${id}/screening`, { answers: traffickingAnswers() }))
      .statusCode,
  ).toBe(200);
  const confirmed = await manager.post(`/api/cases/${id}/screening/confirm`, {
    category: 'labour_case',
    subtype: 'unpaid_wages',
    risk: 'medium',
    reason: 'Wages only; the person keeps their passport.',
  });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  for (let i = 0; i < 3; i++) {
    const tasks = (await caseTasks(manager, id)).items;
    if (tasks.some((t) => t.key === 'inspection_visit')) break;
    await completeOpenTasks(id);
  }
  return id;
}

async function visibleToFocal(caseId: string) {
  const ids = new Set<string>();
  for (const view of ['mine', 'organisation']) {
    const page = await focal.get(`/api/tasks?view=${view}&status=all&limit=100`);
    expect(page.statusCode, page.body).toBe(200);
    for (const t of page.json().items as Task[]) if (t.caseId === caseId) ids.add(t.id);
  }
  return ids;
}

async function completeAsFocal(task: Task) {
  return focal.patch(
    `/api/tasks/${task.id}`,
    { status: 'done' },
    { headers: { 'if-match': `"v${task.version}"` } },
  );
}

describe('task access: the case and ownership', () => {
  it('gives an organisation no task on a case not referred to it', async () => {
    const caseId = await labourCaseAtReferral();
    // The NRM cannot give a task to an organisation the case is not referred to, nor to its staff.
    const toOrg = await manager.post(`/api/cases/${caseId}/tasks`, {
      title: 'Visit the workplace',
      organisationId: inspectionOrg,
    });
    expect(toOrg.statusCode, toOrg.body).toBe(400);
    expect(toOrg.json().details.issues[0]).toMatchObject({
      path: ['organisationId'],
      code: 'organisationNotReferred',
    });
    const focalId = (
      await ctx.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'focalpoint')
        .executeTakeFirstOrThrow()
    ).id;
    const toUser = await manager.post(`/api/cases/${caseId}/tasks`, {
      title: 'Call back',
      assigneeId: focalId,
    });
    expect(toUser.statusCode, toUser.body).toBe(400);

    // A task recorded as the organisation's (as the old "only organisation of that kind" owner
    // did) stays out of its reach: no list shows it, it cannot be completed.
    const mine = await manager.post(`/api/cases/${caseId}/tasks`, { title: 'Collect the payslips' });
    expect(mine.statusCode, mine.body).toBe(201);
    const task = mine.json() as Task;
    await ctx.db
      .updateTable('tasks')
      .set({ owner_organisation_id: inspectionOrg, assignee_id: focalId })
      .where('id', '=', task.id)
      .execute();
    expect((await caseTasks(focal, caseId)).statusCode).toBe(404);
    expect(await visibleToFocal(caseId)).toEqual(new Set());
    expect((await completeAsFocal(task)).statusCode).toBe(404);
    const still = (await caseTasks(manager, caseId)).items.find((t) => t.id === task.id)!;
    expect(still.status).toBe('open');
  });

  it('hands the task to the organisation once referred, and takes it back when the referral is revoked', async () => {
    const caseId = await labourCaseAtReferral();
    const consent = await manager.post(`/api/cases/${caseId}/consents`, {
      purpose: 'share_with_organisation_kind',
      organisationKind: 'labour_inspection',
      status: 'given',
      method: 'verbal',
    });
    expect(consent.statusCode, consent.body).toBe(201);
    const sent = await manager.post(`/api/cases/${caseId}/referrals`, {
      organisationId: inspectionOrg,
      purpose: 'inspection',
      sharedSections: ['person'],
    });
    expect(sent.statusCode, sent.body).toBe(201);

    const visit = (await caseTasks(manager, caseId)).items.find((t) => t.key === 'inspection_visit')!;
    expect(visit.owner.organisationId).toBe(inspectionOrg);
    expect((await caseTasks(focal, caseId)).items.map((t) => t.id)).toContain(visit.id);
    expect(await visibleToFocal(caseId)).toContain(visit.id);

    const revoked = await supervisor.post(
      `/api/referrals/${sent.json().id}/transitions`,
      { status: 'revoked', reason: 'Referred by mistake' },
      { headers: { 'if-match': '"v1"' } },
    );
    expect(revoked.statusCode, revoked.body).toBe(200);

    expect((await caseTasks(focal, caseId)).statusCode).toBe(404);
    expect(await visibleToFocal(caseId)).toEqual(new Set());
    expect((await completeAsFocal(visit)).statusCode).toBe(404);
    // The task is the NRM's again.
    const back = (await caseTasks(manager, caseId)).items.find((t) => t.id === visit.id)!;
    expect(back).toMatchObject({ status: 'open', owner: { organisationId: null } });
  });

  it('lets the organisation see and complete its task while the referral is active', async () => {
    const caseId = await labourCaseAtReferral();
    await manager.post(`/api/cases/${caseId}/consents`, {
      purpose: 'share_with_organisation_kind',
      organisationKind: 'labour_inspection',
      status: 'given',
      method: 'verbal',
    });
    const sent = await manager.post(`/api/cases/${caseId}/referrals`, {
      organisationId: inspectionOrg,
      purpose: 'inspection',
      sharedSections: ['person'],
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const visit = (await caseTasks(focal, caseId)).items.find((t) => t.key === 'inspection_visit')!;
    expect(visit).toBeTruthy();
    const done = await completeAsFocal(visit);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('done');
    // An agency still cannot cancel or reassign.
    const cancel = await focal.patch(
      `/api/tasks/${visit.id}`,
      { status: 'cancelled' },
      { headers: { 'if-match': done.headers.etag as string } },
    );
    expect(cancel.statusCode).toBe(403);
  });
});
