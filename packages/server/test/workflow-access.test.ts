import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestContext, type TestContext } from './harness.js';
import { screenedTraffickingCase } from './workflow-support.js';

let ctx: TestContext;
let manager: Client;
let supervisor: Client;
let orgs: Map<string, string>;
let caseId: string;
beforeAll(async () => {
  ctx = await createTestContext();
  manager = await ctx.signIn('casemanager');
  supervisor = await ctx.signIn('supervisor');
  const rows = await ctx.db.selectFrom('organisations').select(['id', 'kind', 'country_code']).execute();
  orgs = new Map(rows.map((r) => [r.kind === 'embassy' ? `embassy:${r.country_code}` : r.kind, r.id]));
  caseId = await screenedTraffickingCase(manager);
});
afterAll(() => ctx.close());

describe('referrals and need-to-know', () => {
  it('refers without consent only by a supervisor with a written reason, audited', async () => {
    const body = {
      organisationId: orgs.get('labour_inspection')!,
      purpose: 'inspection',
      sharedSections: ['person'],
    };
    const refused = await manager.post(`/api/cases/${caseId}/referrals`, body);
    expect(refused.json()).toMatchObject({ code: 'CONSENT_REQUIRED', details: { status: 'none' } });
    const managerWithReason = await manager.post(`/api/cases/${caseId}/referrals`, {
      ...body,
      withoutConsentReason: 'Workplace still holds other workers',
    });
    expect(managerWithReason.statusCode).toBe(403);
    const ok = await supervisor.post(`/api/cases/${caseId}/referrals`, {
      ...body,
      withoutConsentReason: 'Workplace still holds other workers',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().consentOverride).toBe(true);
    // The SOP gives this referral no deadline: the installation's default (2 business days) applies.
    expect(ok.json().acknowledgeBy).toBeTruthy();
    const event = await ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'referral.sent')
      .where('target_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(event.details).toMatchObject({ withoutConsent: true, consent: 'none' });
    // The reason is stored encrypted, never in the audit details.
    expect(JSON.stringify(event.details)).not.toContain('Workplace');
  });

  it('shows an agency only its own referrals and tasks, and lets it act only on them', async () => {
    const focal = await ctx.signIn('focalpoint');
    const police = await ctx.signIn('officer');
    const mine = (await focal.get('/api/inbox?box=new')).json();
    expect(mine.items).toHaveLength(1);
    const referral = mine.items[0];
    expect(referral).toMatchObject({
      purpose: 'inspection',
      allowedTransitions: expect.arrayContaining(['accepted', 'declined']),
    });
    expect(referral.allowedTransitions).not.toContain('revoked');
    // The police neither see the case nor the referral, and cannot move it.
    expect((await police.get(`/api/cases/${caseId}`)).statusCode).toBe(404);
    expect((await police.get(`/api/referrals/${referral.id}`)).statusCode).toBe(404);
    expect((await police.get(`/api/cases/${caseId}/referrals`)).statusCode).toBe(404);
    const moved = await police.post(
      `/api/referrals/${referral.id}/transitions`,
      { status: 'accepted' },
      { headers: { 'if-match': '"v1"' } },
    );
    expect(moved.statusCode).toBe(404);
    // The labour inspection sees the person (shared), not the narrative or the screening.
    const seen = (await focal.get(`/api/cases/${caseId}`)).json();
    expect(seen.person).toBeTruthy();
    expect(seen.narrative ?? null).toBeNull();
    expect((await focal.get(`/api/cases/${caseId}/screening`)).statusCode).toBe(403);
    expect((await focal.get(`/api/cases/${caseId}/workflow`)).statusCode).toBe(403);
    // While it holds the referral, the organisation may ask the NRM to refer the case onward.
    const onward = await focal.post(`/api/referrals/${referral.id}/onward-request`, {
      message: 'Try the grievances office',
    });
    expect(onward.statusCode).toBe(200);
    expect((await manager.get(`/api/cases/${caseId}/referrals`)).json().items[0].onwardRequest).toMatchObject(
      {
        message: 'Try the grievances office',
      },
    );
    // Declining needs a reason; with one, the organisation loses the case.
    expect(
      (
        await focal.post(
          `/api/referrals/${referral.id}/transitions`,
          { status: 'declined' },
          { headers: { 'if-match': '"v2"' } },
        )
      ).statusCode,
    ).toBe(400);
    const declined = await focal.post(
      `/api/referrals/${referral.id}/transitions`,
      { status: 'declined', reason: 'Outside our remit' },
      { headers: { 'if-match': '"v2"' } },
    );
    expect(declined.statusCode, declined.body).toBe(200);
    expect((await focal.get(`/api/cases/${caseId}`)).statusCode).toBe(404);
    // A declined referral allows nothing more (issue 9, hole 10).
    const after = await focal.post(`/api/referrals/${referral.id}/onward-request`, {
      message: 'Try the grievances office',
    });
    expect(after.statusCode).toBe(409);
    expect(after.json().code).toBe('REFERRAL_ENDED');
  });

  it('lets an embassy see a case referred to it, only what was shared', async () => {
    await manager.post(`/api/cases/${caseId}/consents`, {
      purpose: 'embassy_contact',
      status: 'given',
      method: 'verbal',
    });
    const sent = await manager.post(`/api/cases/${caseId}/referrals`, {
      organisationId: orgs.get('embassy:PH')!,
      purpose: 'travel_document',
      sharedSections: ['person'],
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const embassy = await ctx.signIn('embassy');
    const inbox = (await embassy.get('/api/inbox')).json();
    expect(inbox.items.map((r: { id: string }) => r.id)).toContain(sent.json().id);
    const ack = await embassy.post(
      `/api/referrals/${sent.json().id}/transitions`,
      { status: 'acknowledged' },
      { headers: { 'if-match': '"v1"' } },
    );
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json().status).toBe('acknowledged');
    const accepted = await embassy.post(
      `/api/referrals/${sent.json().id}/transitions`,
      { status: 'accepted' },
      { headers: { 'if-match': ack.headers.etag as string } },
    );
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().completeBy).toBeTruthy();
  });

  it('keeps the workflow, tasks and the person history to the NRM', async () => {
    for (const username of ['hotline', 'analyst', 'auditor', 'admin']) {
      const client = await ctx.signIn(username);
      expect((await client.get(`/api/cases/${caseId}/workflow`)).statusCode, username).toBe(403);
      expect((await client.get(`/api/cases/${caseId}/procedure-map`)).statusCode, username).toBe(403);
      expect((await client.get('/api/inbox')).statusCode, username).toBe(403);
    }
    const tasks = (await manager.get(`/api/cases/${caseId}/tasks`)).json().items;
    const focal = await ctx.signIn('focalpoint');
    const task = tasks.find((t: { status: string }) => t.status === 'open');
    const patched = await focal.patch(
      `/api/tasks/${task.id}`,
      { status: 'done' },
      { headers: { 'if-match': `"v${task.version}"` } },
    );
    expect(patched.statusCode).toBe(404);
    // A manual task needs If-Match to change, and a stale one is refused.
    const created = await manager.post(`/api/cases/${caseId}/tasks`, {
      title: 'Call the interpreter',
      dueInBusinessDays: 2,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((await manager.patch(`/api/tasks/${created.json().id}`, { status: 'done' })).statusCode).toBe(428);
    expect(
      (
        await manager.patch(
          `/api/tasks/${created.json().id}`,
          { status: 'done' },
          { headers: { 'if-match': '"v9"' } },
        )
      ).statusCode,
    ).toBe(412);
    const done = await manager.patch(
      `/api/tasks/${created.json().id}`,
      { status: 'done', note: 'Booked' },
      { headers: { 'if-match': '"v1"' } },
    );
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', note: 'Booked', completedBy: expect.any(String) });
    const mine = (await manager.get('/api/tasks?view=mine&status=all')).json();
    expect(mine.items.some((t: { id: string }) => t.id === created.json().id)).toBe(true);
  });
});

describe('assignment and the SOP', () => {
  it('reassigns a case whose SOP has started, and the case manager tasks follow', async () => {
    const id = await screenedTraffickingCase(manager);
    const other = await ctx.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'supervisor')
      .executeTakeFirstOrThrow();
    const current = await supervisor.get(`/api/cases/${id}`);
    const res = await supervisor.request(
      'PUT',
      `/api/cases/${id}/assignee`,
      { assigneeId: other.id },
      { headers: { 'if-match': current.headers.etag as string } },
    );
    expect(res.statusCode, res.body).toBe(200);
    const tasks = (await manager.get(`/api/cases/${id}/tasks`)).json().items as {
      owner: { role: string | null; assigneeId: string | null };
      status: string;
    }[];
    const managerTasks = tasks.filter((t) => t.owner.role === 'nrm_case_manager' && t.status === 'open');
    expect(managerTasks.length).toBeGreaterThan(0);
    expect(managerTasks.every((t) => t.owner.assigneeId === other.id)).toBe(true);
  });
});
