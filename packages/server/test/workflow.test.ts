import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestContext, type TestContext } from './harness.js';
import { screenedTraffickingCase } from './workflow-support.js';

let ctx: TestContext;
let manager: Client;
let supervisor: Client;
let police: Client;
let shelter: Client;
let embassy: Client;
let orgs: Map<string, string>;
beforeAll(async () => {
  ctx = await createTestContext();
  manager = await ctx.signIn('casemanager');
  supervisor = await ctx.signIn('supervisor');
  police = await ctx.signIn('officer');
  shelter = await ctx.signIn('shelter');
  embassy = await ctx.signIn('embassy');
  const rows = await ctx.db.selectFrom('organisations').select(['id', 'kind', 'country_code']).execute();
  orgs = new Map(rows.map((r) => [r.kind === 'embassy' ? `embassy:${r.country_code}` : r.kind, r.id]));
});
afterAll(() => ctx.close());

async function workflow(client: Client, id: string) {
  const res = await client.get(`/api/cases/${id}/workflow`);
  expect(res.statusCode).toBe(200);
  return { body: res.json(), etag: res.headers.etag as string };
}

async function action(client: Client, id: string, body: Record<string, unknown>) {
  const { etag } = await workflow(client, id);
  return client.post(`/api/cases/${id}/workflow/actions`, body, { headers: { 'if-match': etag } });
}

async function consent(id: string, purpose: string, status: string, organisationKind?: string) {
  const res = await manager.post(`/api/cases/${id}/consents`, {
    purpose,
    status,
    method: 'verbal_with_interpreter',
    ...(organisationKind ? { organisationKind } : {}),
  });
  expect(res.statusCode).toBe(201);
}

async function refer(id: string, organisationId: string, purpose: string, client: Client = manager) {
  return client.post(`/api/cases/${id}/referrals`, {
    organisationId,
    purpose,
    message: 'Please see the case.',
    sharedSections: ['person', 'narrative'],
  });
}

async function transition(client: Client, referralId: string, body: Record<string, unknown>) {
  const current = await client.get(`/api/referrals/${referralId}`);
  expect(current.statusCode).toBe(200);
  return client.post(`/api/referrals/${referralId}/transitions`, body, {
    headers: { 'if-match': current.headers.etag as string },
  });
}

/** Marks every open task of the case done, as the NRM (whoever owns it). */
async function completeOpenTasks(id: string, filter: (t: { key: string }) => boolean = () => true) {
  const tasks = (await manager.get(`/api/cases/${id}/tasks`)).json().items as {
    id: string;
    key: string;
    status: string;
    version: number;
  }[];
  for (const t of tasks.filter((t) => t.status === 'open' && filter(t))) {
    const res = await manager.patch(
      `/api/tasks/${t.id}`,
      { status: 'done' },
      { headers: { 'if-match': `"v${t.version}"` } },
    );
    expect(res.statusCode, res.body).toBe(200);
  }
}

/** Screening, referrals to police, shelter and embassy, tasks, closure refused, resolution: at follow-up. */
async function toFollowUp(): Promise<string> {
  const id = await screenedTraffickingCase(manager);
  let wf = (await workflow(manager, id)).body;
  // Screened, but the SOP's first tasks (the safety assessment within 4 hours) keep it at "received".
  expect(wf).toMatchObject({ started: true, sop: { id: 'trafficking-adult' }, stage: 'received' });
  const advance = wf.actions.find((a: { type: string }) => a.type === 'advance');
  expect(advance.blockers).toContainEqual({ code: 'OPEN_MANDATORY_TASK', ref: 'safety_assessment' });

  // Intake stages move on by themselves as their tasks are done; screening's tasks come next.
  await completeOpenTasks(id);
  expect((await workflow(manager, id)).body.stage).toBe('screening');
  await completeOpenTasks(id);
  expect((await workflow(manager, id)).body.stage).toBe('referral_assistance');

  await consent(id, 'shelter', 'given');
  await consent(id, 'share_with_organisation_kind', 'given', 'police');
  await consent(id, 'embassy_contact', 'given');
  await consent(id, 'share_with_organisation_kind', 'refused', 'labour_inspection');

  // Without consent on record, a case manager cannot refer; a supervisor can, with a reason.
  const noConsent = await refer(id, orgs.get('health')!, 'medical');
  expect(noConsent.statusCode).toBe(422);
  expect(noConsent.json().code).toBe('CONSENT_REQUIRED');

  const toPolice = await refer(id, orgs.get('police')!, 'investigation');
  expect(toPolice.statusCode, toPolice.body).toBe(201);
  expect(toPolice.json().acknowledgeBy).toBeTruthy();
  const toPoliceStatus = await refer(id, orgs.get('police')!, 'other');
  const toShelter = await refer(id, orgs.get('shelter')!, 'shelter');
  const toEmbassy = await refer(id, orgs.get('embassy:PH')!, 'travel_document');
  for (const r of [toPoliceStatus, toShelter, toEmbassy]) expect(r.statusCode, r.body).toBe(201);

  // The police see it in their inbox, and only the shared sections of the case.
  const inbox = (await police.get('/api/inbox?box=new')).json();
  expect(inbox.items.map((r: { id: string }) => r.id)).toContain(toPolice.json().id);
  expect(inbox.counts.new).toBeGreaterThanOrEqual(2);
  const seen = await police.get(`/api/cases/${id}`);
  expect(seen.statusCode).toBe(200);
  expect(seen.json().narrative).toBeTruthy();
  expect((await police.get(`/api/cases/${id}/screening`)).statusCode).toBe(403);
  // The shelter cannot act on the police's referral.
  expect((await shelter.get(`/api/referrals/${toPolice.json().id}`)).statusCode).toBe(404);

  for (const [client, r] of [
    [police, toPolice],
    [police, toPoliceStatus],
    [shelter, toShelter],
    [embassy, toEmbassy],
  ] as const) {
    const accepted = await transition(client, r.json().id, { status: 'accepted' });
    expect(accepted.statusCode, accepted.body).toBe(200);
  }
  // Declining needs a reason; skipping back is refused.
  expect((await transition(police, toPolice.json().id, { status: 'acknowledged' })).statusCode).toBe(409);

  // Closing now is refused with the blockers listed.
  const early = await action(manager, id, { type: 'close' });
  expect(early.statusCode).toBe(409);
  expect(early.json().code).toBe('CASE_CLOSE_BLOCKED');
  const codes = early.json().details.blockers.map((b: { code: string }) => b.code);
  expect(codes).toEqual(
    expect.arrayContaining([
      'OPEN_MANDATORY_TASK',
      'REFERRAL_NOT_CONCLUDED',
      'NO_RESOLUTION',
      'CLOSURE_NOT_APPROVED',
    ]),
  );
  wf = (await workflow(manager, id)).body;
  expect(wf.closeBlockers.map((b: { code: string }) => b.code)).toEqual(expect.arrayContaining(codes));

  // The agencies finish their work and report.
  for (const [client, r] of [
    [police, toPolice],
    [police, toPoliceStatus],
    [shelter, toShelter],
    [embassy, toEmbassy],
  ] as const) {
    const done = await transition(client, r.json().id, { status: 'completed', outcome: 'Done as asked.' });
    expect(done.statusCode, done.body).toBe(200);
  }
  await completeOpenTasks(id);
  const toResolution = await action(manager, id, {
    type: 'skip',
    stage: 'proceedings',
    reason: 'No proceedings opened',
  });
  expect(toResolution.statusCode, toResolution.body).toBe(200);
  expect(toResolution.json().stage).toBe('resolution');
  await completeOpenTasks(id);
  expect(
    (await action(manager, id, { type: 'record_resolution', resolution: 'transfer_of_employer' })).statusCode,
  ).toBe(200);
  await completeOpenTasks(id);
  const toFollowUp = await action(manager, id, { type: 'advance' });
  expect(toFollowUp.statusCode, toFollowUp.body).toBe(200);
  wf = toFollowUp.json();
  expect(wf.stage).toBe('follow_up');
  expect(wf.followUps.length).toBe(3);
  // The contacts fall due weeks and months ahead and may be recorded only from a week before
  // (issue 12, point 13): the scenario makes them due now to record them at once.
  const stored = await ctx.db
    .selectFrom('case_workflows')
    .select('state')
    .where('case_id', '=', id)
    .executeTakeFirstOrThrow();
  const state = stored.state as { followUps: { dueAt: string }[] };
  const now = new Date().toISOString();
  await ctx.db
    .updateTable('case_workflows')
    .set({
      state: JSON.stringify({ ...state, followUps: state.followUps.map((f) => ({ ...f, dueAt: now })) }),
    })
    .where('case_id', '=', id)
    .execute();

  return id;
}

describe('the trafficking scenario, from screening to follow-up', () => {
  it('refers, refuses to close with the blockers listed, closes on approval and can be reopened', async () => {
    const id = await toFollowUp();
    // Follow-ups all fine; closing needs a request and a supervisor's approval.
    for (const index of [0, 1]) {
      const { etag } = await workflow(manager, id);
      const res = await manager.post(
        `/api/cases/${id}/follow-ups/${index}`,
        { reached: true, situation: 'Back home, working.', riskAfter: 'low' },
        { headers: { 'if-match': etag } },
      );
      expect(res.statusCode, res.body).toBe(200);
    }
    // The closure request and the supervisor's rejection, then the last contact.
    const requestEarly = await action(manager, id, { type: 'request_closure' });
    expect(requestEarly.statusCode).toBe(409);
    {
      const { etag } = await workflow(manager, id);
      const last = await manager.post(
        `/api/cases/${id}/follow-ups/2`,
        { reached: true, situation: 'Fine.', riskAfter: 'low' },
        { headers: { 'if-match': etag } },
      );
      expect(last.statusCode, last.body).toBe(200);
    }
    const request = await action(manager, id, { type: 'request_closure' });
    expect(request.statusCode, request.body).toBe(200);
    expect((await action(manager, id, { type: 'approve_closure' })).statusCode).toBe(403);
    const reject = await action(supervisor, id, {
      type: 'reject_closure',
      comment: 'Check the passport was returned.',
    });
    expect(reject.statusCode).toBe(200);
    expect(reject.json().closure).toMatchObject({ requested: false, decision: 'rejected' });
    expect((await action(manager, id, { type: 'request_closure' })).statusCode).toBe(200);
    const approve = await action(supervisor, id, { type: 'approve_closure', comment: 'All done.' });
    expect(approve.statusCode, approve.body).toBe(200);
    expect(approve.json().stage).toBe('closed');
    expect(approve.json().closure).toMatchObject({ decision: 'approved', comment: 'All done.' });

    // Reopening needs a reason and restarts the stage.
    const reopen = await action(manager, id, {
      type: 'reopen',
      toStage: 'referral_assistance',
      reason: 'New threat from the recruiter',
    });
    expect(reopen.statusCode, reopen.body).toBe(200);
    expect(reopen.json().stage).toBe('referral_assistance');

    // The timeline holds every step with who did it.
    const timeline = (await manager.get(`/api/cases/${id}/timeline`))
      .json()
      .items.map((e: { action: string }) => e.action);
    expect(timeline).toEqual(
      expect.arrayContaining([
        'workflow.started',
        'referral.sent',
        'referral.updated',
        'workflow.action',
        'follow_up.recorded',
      ]),
    );
    // The person's referral history across cases.
    const person = (await manager.get(`/api/cases/${id}`)).json().person.id;
    const history = (await manager.get(`/api/persons/${person}/referrals`)).json().items;
    expect(history).toHaveLength(4);
    expect(history[0]).toMatchObject({ status: 'completed', outcome: 'Done as asked.' });
  });

  it('reopens the case when a follow-up contact finds a high risk', async () => {
    const id = await toFollowUp();
    // The procedure map: stages with their dates, the four referrals with their organisations, the tasks.
    const map = (await manager.get(`/api/cases/${id}/procedure-map`)).json();
    expect(map.stages.find((s: { id: string }) => s.id === 'follow_up')).toMatchObject({ status: 'current' });
    expect(map.stages.find((s: { id: string }) => s.id === 'proceedings')).toMatchObject({
      status: 'skipped',
      skipReason: 'No proceedings opened',
    });
    expect(map.referrals).toHaveLength(4);
    expect(
      map.referrals.every(
        (r: { status: string; concludedAt: string | null }) => r.status === 'completed' && r.concludedAt,
      ),
    ).toBe(true);
    expect(map.tasks.length).toBeGreaterThan(5);
    expect(map.followUps).toHaveLength(3);
    // Read in Arabic, organisations carry their Arabic names.
    await manager.patch('/api/me', { locale: 'ar' });
    const arMap = (await manager.get(`/api/cases/${id}/procedure-map`)).json();
    expect(arMap.referrals.map((r: { organisationName: string }) => r.organisationName)).toContain(
      'مديرية الشرطة',
    );
    await manager.patch('/api/me', { locale: 'en' });
    const { etag } = await workflow(manager, id);
    const res = await manager.post(
      `/api/cases/${id}/follow-ups/0`,
      { reached: true, situation: 'The recruiter called her again.', riskAfter: 'high' },
      { headers: { 'if-match': etag } },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ stage: 'referral_assistance', reopenRequired: false });
    // The schedule is emptied by the reopening; the contact recorded stays with the case.
    expect(res.json().followUps).toEqual([
      expect.objectContaining({ round: 1, index: 0, done: true, riskAfter: 'high', reached: true }),
    ]);
    expect((await manager.get(`/api/cases/${id}`)).json().risk).toBe('high');
    const stages = res.json().stages as { id: string; status: string }[];
    expect(stages.find((s) => s.id === 'referral_assistance')?.status).toBe('current');
    const events = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('target_id', '=', id)
      .where('action', 'in', ['follow_up.recorded', 'workflow.action'])
      .orderBy('id')
      .execute();
    expect(events.at(-1)).toMatchObject({ action: 'workflow.action', details: { actions: ['reopen'] } });
    // The situation is stored encrypted.
    const row = await ctx.db
      .selectFrom('follow_up_contacts')
      .select('situation_enc')
      .where('case_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.situation_enc).toBeTruthy();
    expect(row.situation_enc).not.toContain('recruiter');
  });
});
