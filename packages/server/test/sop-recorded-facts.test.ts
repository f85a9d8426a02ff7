import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestContext, type TestContext } from './harness.js';
import { traffickingAnswers } from './workflow-support.js';

/**
 * Issue 12, points 6 and 7: facts the system already records complete the SOP's matching
 * tasks and stages. A case screened at the walk-in is not sent back to "Received" nor asked
 * for a second screening interview; a referral's events tick the tasks the SOP links to them.
 */
let ctx: TestContext;
let manager: Client;
let shelter: Client;
let orgs: Map<string, string>;
beforeAll(async () => {
  ctx = await createTestContext();
  manager = await ctx.signIn('casemanager');
  shelter = await ctx.signIn('shelter');
  const rows = await ctx.db.selectFrom('organisations').select(['id', 'kind']).execute();
  orgs = new Map(rows.map((r) => [r.kind, r.id]));
}, 180_000);
afterAll(() => ctx.close());

interface Task {
  key: string;
  sopTaskId?: string;
  status: string;
}

/** The walk-in interview as the web drives it: the case (step 1), its details, the screening. */
async function walkInScreened(risk: 'high' | 'urgent'): Promise<string> {
  const created = await manager.post('/api/cases', {
    intakeKind: 'walk_in',
    channel: 'walk_in',
    person: { nameLatin: 'Maria Santos', dateOfBirth: '1991-03-04', nationality: 'PH' },
    duplicateCheck: 'new_person_confirmed',
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const current = await manager.get(`/api/cases/${id}`);
  const details = await manager.patch(
    `/api/cases/${id}`,
    { narrative: 'Recruited for a hotel job, made to work in a house, passport taken.' },
    { headers: { 'if-match': current.headers.etag as string } },
  );
  expect(details.statusCode, details.body).toBe(200);
  const saved = await manager.request('PUT', `/api/cases/${id}/screening`, { answers: traffickingAnswers() });
  expect(saved.statusCode, saved.body).toBe(200);
  const confirmed = await manager.post(`/api/cases/${id}/screening/confirm`, {
    category: 'trafficking',
    subtype: 'forced_labour',
    risk,
    ...(risk === 'urgent' ? { reason: 'The recruiter is looking for her.' } : {}),
  });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  return id;
}

async function tasksOf(id: string): Promise<Task[]> {
  const res = await manager.get(`/api/cases/${id}/tasks`);
  expect(res.statusCode).toBe(200);
  return res.json().items as Task[];
}

const statusOf = (tasks: Task[], key: string) =>
  tasks.find((t) => t.key === key || t.sopTaskId === key || t.key.startsWith(`${key}#`))?.status;

async function consent(id: string, purpose: string, organisationKind?: string) {
  const res = await manager.post(`/api/cases/${id}/consents`, {
    purpose,
    status: 'given',
    method: 'verbal_with_interpreter',
    ...(organisationKind ? { organisationKind } : {}),
  });
  expect(res.statusCode, res.body).toBe(201);
}

async function transition(client: Client, referralId: string, body: Record<string, unknown>) {
  const current = await client.get(`/api/referrals/${referralId}`);
  expect(current.statusCode).toBe(200);
  return client.post(`/api/referrals/${referralId}/transitions`, body, {
    headers: { 'if-match': current.headers.etag as string },
  });
}

describe("a referral's events tick the SOP tasks linked to it (issue 12, point 7)", () => {
  it('sending the police referral alerts the police; the shelter accepting places the person', async () => {
    const id = await walkInScreened('urgent');
    let tasks = await tasksOf(id);
    expect(statusOf(tasks, 'urgent_police')).toBe('open');
    expect(statusOf(tasks, 'urgent_shelter')).toBe('open');
    await consent(id, 'share_with_organisation_kind', 'police');
    await consent(id, 'shelter');
    const message = { message: 'Urgent: please see the case.', sharedSections: ['person', 'narrative'] };
    const toPolice = await manager.post(`/api/cases/${id}/referrals`, {
      organisationId: orgs.get('police'),
      purpose: 'investigation',
      ...message,
    });
    expect(toPolice.statusCode, toPolice.body).toBe(201);
    tasks = await tasksOf(id);
    expect(statusOf(tasks, 'urgent_police')).toBe('done');

    const toShelter = await manager.post(`/api/cases/${id}/referrals`, {
      organisationId: orgs.get('shelter'),
      purpose: 'shelter',
      ...message,
    });
    expect(toShelter.statusCode, toShelter.body).toBe(201);
    // Sent is not placed: the shelter's acceptance is.
    expect(statusOf(await tasksOf(id), 'urgent_shelter')).toBe('open');
    const accepted = await transition(shelter, toShelter.json().id, { status: 'accepted' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(statusOf(await tasksOf(id), 'urgent_shelter')).toBe('done');
  });
});

describe('a case screened at the walk-in (issue 12, point 6)', () => {
  it('is not asked for a second screening interview when the SOP reaches screening', async () => {
    const id = await walkInScreened('high');
    let tasks = await tasksOf(id);
    expect(statusOf(tasks, 'acknowledge_receipt')).toBe('done');
    // The received stage's own work (the safety assessment) still holds it there.
    const safety = (await manager.get(`/api/cases/${id}/tasks`))
      .json()
      .items.find((t: Task) => t.key === 'safety_assessment') as { id: string; version: number };
    const done = await manager.patch(
      `/api/tasks/${safety.id}`,
      { status: 'done' },
      { headers: { 'if-match': `"v${safety.version}"` } },
    );
    expect(done.statusCode, done.body).toBe(200);
    expect((await manager.get(`/api/cases/${id}/workflow`)).json().stage).toBe('screening');
    // The indicator interview was held at the walk-in: the questionnaire is on record.
    tasks = await tasksOf(id);
    expect(statusOf(tasks, 'indicator_interview')).toBe('done');
  });
});
