import type { NotificationKind } from '@opennrm/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepOverdue } from '../src/features/tasks/index.js';
import type { Services } from '../src/services.js';
import { createServices } from '../src/services.js';
import { type Client, createTestContext, type TestContext } from './harness.js';
import { traffickingAnswers } from './workflow-support.js';

/**
 * Issue 12, points 1 and 2: an urgent intake alerts the supervisors at once (in the app and by
 * email, even for a daily-digest reader), heads the intake queue, may be referred to the police
 * by a supervisor before screening, and the police acknowledge an urgent referral in hours: the
 * sweep marks and escalates it when they do not.
 */
let ctx: TestContext;
let services: Services;
let hotline: Client;
let supervisor: Client;
let manager: Client;
let policeId: string;
const HOUR = 3_600_000;

beforeAll(async () => {
  ctx = await createTestContext({ ESCALATION_GRACE_HOURS: '24' });
  services = createServices({ config: ctx.config, db: ctx.db, now: ctx.clock.now, crypto: ctx.crypto });
  hotline = await ctx.signIn('hotline');
  supervisor = await ctx.signIn('supervisor');
  manager = await ctx.signIn('casemanager');
  policeId = (
    await ctx.db
      .selectFrom('organisations')
      .select('id')
      .where('kind', '=', 'police')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => ctx.close());

async function userId(username: string) {
  return (
    await ctx.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()
  ).id;
}

async function notificationsOf(username: string, kind: NotificationKind, caseId: string) {
  return ctx.db
    .selectFrom('notifications')
    .select(['subject', 'email_status', 'link'])
    .where('user_id', '=', await userId(username))
    .where('kind', '=', kind)
    .where('case_id', '=', caseId)
    .execute();
}

async function call(risk?: 'urgent' | 'high') {
  const res = await hotline.post('/api/cases', {
    intakeKind: 'hotline',
    channel: 'hotline',
    person: { nameLatin: 'Caller At Night', nationality: 'PH' },
    narrative: 'Locked in a flat, passport taken.',
    ...(risk ? { risk } : {}),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; reference: string };
}

describe('an urgent intake', () => {
  it('alerts the supervisors at once, in the app and by email, even those who read a daily digest', async () => {
    // The supervisor reads email once a day; an urgent call cannot wait for the morning.
    const prefs = await supervisor.request('PUT', '/api/profile/notification-preferences', {
      email: ['urgent_intake', 'escalation'],
      dailyDigest: true,
    });
    expect(prefs.statusCode, prefs.body).toBe(200);
    const urgent = await call('urgent');
    const alerts = await notificationsOf('supervisor', 'urgent_intake', urgent.id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ email_status: 'pending', link: `/cases/${urgent.id}` });
    // The reference, never the person.
    expect(alerts[0]!.subject).toEqual({ reference: urgent.reference });
    expect(JSON.stringify(alerts[0]!.subject)).not.toContain('Caller');
    // Nobody else is told by default, and the hotline operator who logged it knows.
    expect(await notificationsOf('casemanager', 'urgent_intake', urgent.id)).toHaveLength(0);
    expect(await notificationsOf('hotline', 'urgent_intake', urgent.id)).toHaveLength(0);

    const ordinary = await call();
    expect(await notificationsOf('supervisor', 'urgent_intake', ordinary.id)).toHaveLength(0);
  });

  it('alerts them when a case in the intake queue is marked urgent later', async () => {
    const later = await call('high');
    expect(await notificationsOf('supervisor', 'urgent_intake', later.id)).toHaveLength(0);
    const current = await manager.get(`/api/cases/${later.id}`);
    const patched = await manager.patch(
      `/api/cases/${later.id}`,
      { risk: 'urgent' },
      { headers: { 'if-match': current.headers.etag as string } },
    );
    expect(patched.statusCode, patched.body).toBeLessThan(300);
    expect(await notificationsOf('supervisor', 'urgent_intake', later.id)).toHaveLength(1);
  });
});

describe('the intake queue', () => {
  it('lists urgent intakes first, then by time, page after page', async () => {
    await call('urgent');
    await call();
    const all = (await supervisor.get('/api/cases?view=intake&limit=100')).json() as {
      items: { id: string; risk: string; receivedAt: string }[];
      nextCursor: string | null;
    };
    expect(all.nextCursor).toBeNull();
    const urgency = all.items.map((c) => (c.risk === 'urgent' ? 1 : 0));
    expect(urgency).toEqual([...urgency].sort((a, b) => b - a));
    expect(urgency[0]).toBe(1);
    expect(urgency.at(-1)).toBe(0);
    for (const group of [1, 0]) {
      const times = all.items.filter((_, i) => urgency[i] === group).map((c) => c.receivedAt);
      expect(times).toEqual([...times].sort().reverse());
    }
    // The oldest first keeps urgent ones on top too.
    const oldest = (await supervisor.get('/api/cases?view=intake&limit=100&sort=received_asc')).json();
    expect(oldest.items[0].risk).toBe('urgent');

    // Pages of two: the same order, across the boundary between urgent and the rest.
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/cases?view=intake&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await supervisor.get(url)).json();
      paged.push(...page.items.map((c: { id: string }) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.items.map((c) => c.id));
  });
});

describe('referring an urgent case before screening', () => {
  let urgentId: string;

  it('is open to a supervisor on an urgent case only', async () => {
    urgentId = (await call('urgent')).id;
    const ordinaryId = (await call()).id;
    for (const id of [urgentId, ordinaryId]) {
      const consent = await supervisor.post(`/api/cases/${id}/consents`, {
        purpose: 'share_with_organisation_kind',
        organisationKind: 'police',
        status: 'given',
        method: 'verbal',
      });
      expect(consent.statusCode, consent.body).toBe(201);
    }
    const body = {
      organisationId: policeId,
      purpose: 'investigation',
      sharedSections: ['person', 'narrative'],
    };
    // A case manager waits for the screening, which chooses the SOP.
    const byManager = await manager.post(`/api/cases/${urgentId}/referrals`, body);
    expect(byManager.statusCode).toBe(409);
    expect(byManager.json().code).toBe('WORKFLOW_NOT_STARTED');
    // A case that is not urgent waits too, even for a supervisor.
    const notUrgent = await supervisor.post(`/api/cases/${ordinaryId}/referrals`, body);
    expect(notUrgent.statusCode).toBe(409);
    expect(notUrgent.json().code).toBe('WORKFLOW_NOT_STARTED');

    const sentAt = ctx.clock.now().getTime();
    const sent = await supervisor.post(`/api/cases/${urgentId}/referrals`, body);
    expect(sent.statusCode, sent.body).toBe(201);
    // The strictest deadline any SOP gives the police for an urgent case: 2 hours.
    const acknowledgeBy = Date.parse(sent.json().acknowledgeBy);
    expect(acknowledgeBy - sentAt).toBeGreaterThanOrEqual(2 * HOUR);
    expect(acknowledgeBy - sentAt).toBeLessThan(2 * HOUR + 60_000);
    expect(await notificationsOf('officer', 'referral_new', urgentId)).toHaveLength(1);
  });

  it('is escalated to the supervisors when the police do not acknowledge it in time', async () => {
    ctx.clock.advance(1 * HOUR);
    expect((await sweepOverdue(services)).referralsOverdue).toBe(0);
    ctx.clock.advance(1.5 * HOUR);
    const late = await sweepOverdue(services);
    expect(late.referralsOverdue).toBeGreaterThanOrEqual(1);
    expect(await notificationsOf('officer', 'overdue', urgentId)).toHaveLength(1);
    // The grace before escalating is no longer than the deadline itself (2 hours, not a day).
    expect(await notificationsOf('supervisor', 'escalation', urgentId)).toHaveLength(0);
    ctx.clock.advance(2 * HOUR);
    const escalated = await sweepOverdue(services);
    expect(escalated.referralsEscalated).toBeGreaterThanOrEqual(1);
    // No case manager yet: the supervisors hear of it.
    expect(await notificationsOf('supervisor', 'escalation', urgentId)).toHaveLength(1);
  });

  it('lets the police answer it, and joins the SOP when the screening starts it', async () => {
    const police = await ctx.signIn('officer');
    const referral = (await police.get('/api/inbox?box=overdue'))
      .json()
      .items.find((r: { caseId: string }) => r.caseId === urgentId);
    expect(referral).toBeDefined();
    const current = await police.get(`/api/referrals/${referral.id}`);
    const acknowledged = await police.post(
      `/api/referrals/${referral.id}/transitions`,
      { status: 'acknowledged' },
      { headers: { 'if-match': current.headers.etag as string } },
    );
    expect(acknowledged.statusCode, acknowledged.body).toBe(200);

    manager = await ctx.signIn('casemanager');
    expect(
      (await manager.request('PUT', `/api/cases/${urgentId}/screening`, { answers: traffickingAnswers() }))
        .statusCode,
    ).toBe(200);
    const confirmed = await manager.post(`/api/cases/${urgentId}/screening/confirm`, {
      category: 'trafficking',
      subtype: 'forced_labour',
      risk: 'urgent',
      reason: 'Still locked in the flat at the time of the call.',
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const wf = await ctx.db
      .selectFrom('case_workflows')
      .select('state')
      .where('case_id', '=', urgentId)
      .executeTakeFirstOrThrow();
    const state = wf.state as { referrals: { id: string; status: string; organisationKind: string }[] };
    expect(state.referrals).toEqual([
      expect.objectContaining({ id: referral.id, organisationKind: 'police', status: 'acknowledged' }),
    ]);
  });
});

describe('a high-risk police referral once the SOP runs', () => {
  it('must be acknowledged within 2 hours, and is marked overdue after them', async () => {
    manager = await ctx.signIn('casemanager');
    const created = await manager.post('/api/cases', {
      intakeKind: 'walk_in',
      channel: 'walk_in',
      person: { nameLatin: 'Day Visitor', dateOfBirth: '1991-03-01', nationality: 'PH' },
      narrative: 'Threatened by the employer.',
    });
    const id = created.json().id as string;
    await manager.request('PUT', `/api/cases/${id}/screening`, { answers: traffickingAnswers() });
    await manager.post(`/api/cases/${id}/screening/confirm`, {
      category: 'trafficking',
      subtype: 'forced_labour',
      risk: 'high',
    });
    await manager.post(`/api/cases/${id}/consents`, {
      purpose: 'share_with_organisation_kind',
      organisationKind: 'police',
      status: 'given',
      method: 'verbal',
    });
    const sentAt = ctx.clock.now().getTime();
    const sent = await manager.post(`/api/cases/${id}/referrals`, {
      organisationId: policeId,
      purpose: 'investigation',
      sharedSections: ['person'],
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const window = Date.parse(sent.json().acknowledgeBy) - sentAt;
    expect(window).toBeGreaterThanOrEqual(2 * HOUR);
    expect(window).toBeLessThan(2 * HOUR + 60_000);
    ctx.clock.advance(2 * HOUR + 60_000);
    expect((await sweepOverdue(services)).referralsOverdue).toBeGreaterThanOrEqual(1);
    expect(await notificationsOf('officer', 'overdue', id)).toHaveLength(1);
  });
});
