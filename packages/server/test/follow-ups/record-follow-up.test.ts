import type { Actor } from '@opennrm/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFollowUp } from '../../src/features/follow-ups/index.js';
import { act } from '../../src/features/workflow/index.js';
import { actContextOf } from '../../src/lib/act-context.js';
import { createServices, type Services } from '../../src/services.js';
import { type Client, createTestContext, type TestContext } from '../harness.js';
import { traffickingAnswers } from '../workflow-support.js';

/**
 * The record-follow-up use case (features/follow-ups/record-follow-up.ts), called as a service:
 * a contact that finds a high risk marks the contact done, sets the risk on the case (a new
 * ETag: a client holding the older one gets 412) and reopens the case at referral assistance.
 */
let ctx: TestContext;
let manager: Client;
let services: Services;
let actor: Actor;
beforeAll(async () => {
  ctx = await createTestContext();
  manager = await ctx.signIn('casemanager');
  services = createServices({ config: ctx.config, db: ctx.db, now: ctx.clock.now, crypto: ctx.crypto });
  const me = await ctx.db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select(['u.id', 'u.role', 'u.organisation_id', 'o.kind', 'o.country_code'])
    .where('u.username', '=', 'casemanager')
    .executeTakeFirstOrThrow();
  actor = {
    userId: me.id,
    role: me.role,
    organisationId: me.organisation_id,
    organisationKind: me.kind,
    organisationCountry: me.country_code,
    active: true,
  };
});
afterAll(() => ctx.close());

/** A case screened as trafficking at low risk, then put in its follow-up stage with one contact due. */
async function caseInFollowUp(): Promise<string> {
  const created = await manager.post('/api/cases', {
    intakeKind: 'walk_in',
    channel: 'walk_in',
    person: { nameLatin: 'Follow Person', dateOfBirth: '1992-05-06', nationality: 'PH' },
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const saved = await manager.request('PUT', `/api/cases/${id}/screening`, { answers: traffickingAnswers() });
  expect(saved.statusCode, saved.body).toBe(200);
  const confirmed = await manager.post(`/api/cases/${id}/screening/confirm`, {
    category: 'trafficking',
    subtype: 'forced_labour',
    risk: 'low',
    reason: 'She is safe with her family now.',
  });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  // Reaching the follow-up stage through the API takes dozens of requests: the state is set here.
  const wf = await ctx.db
    .selectFrom('case_workflows')
    .select('state')
    .where('case_id', '=', id)
    .executeTakeFirstOrThrow();
  const dueAt = new Date(ctx.clock.now().getTime() + 7 * 86_400_000).toISOString();
  const state = { ...(wf.state as object), stage: 'follow_up', followUps: [{ dueAt, done: false }] };
  await ctx.db
    .updateTable('case_workflows')
    .set({ state: JSON.stringify(state) })
    .where('case_id', '=', id)
    .execute();
  return id;
}

describe('recordFollowUp', () => {
  it('a high risk found reopens the case at referral assistance and sets the risk; the older case ETag gets 412', async () => {
    const id = await caseInFollowUp();
    const before = await manager.get(`/api/cases/${id}`);
    expect(before.json().risk).toBe('low');
    const caseEtag = before.headers.etag as string;
    const { version } = (await manager.get(`/api/cases/${id}/workflow`)).json();

    const seen: number[] = [];
    const wf = await recordFollowUp(services, {}, actor, {
      caseId: id,
      index: 0,
      input: { reached: true, situation: 'The recruiter called her again.', riskAfter: 'high' },
      ifMatch: (v) => seen.push(v),
    });
    expect(seen).toEqual([version]);
    expect(wf).toMatchObject({ stage: 'referral_assistance', reopenRequired: false });
    // The contact that found the risk stays on the case: the reopening only dropped the contacts not made.
    const recorded = {
      round: 1,
      index: 0,
      done: true,
      reached: true,
      situation: 'The recruiter called her again.',
      riskAfter: 'high',
      overdue: false,
    };
    expect(wf.followUps).toEqual([expect.objectContaining(recorded)]);
    expect(wf.followUps[0]?.recordedAt).not.toBeNull();
    expect(wf.stages.find((s) => s.id === 'referral_assistance')?.status).toBe('current');

    const after = await manager.get(`/api/cases/${id}`);
    expect(after.json()).toMatchObject({ risk: 'high', stage: 'referral_assistance' });
    expect(after.headers.etag).not.toBe(caseEtag);

    const stale = await manager.request(
      'PATCH',
      `/api/cases/${id}`,
      { risk: 'low', interpreterUsed: true },
      { headers: { 'if-match': caseEtag } },
    );
    expect(stale.statusCode, stale.body).toBe(412);
    expect((await manager.get(`/api/cases/${id}`)).json().risk).toBe('high');

    const contact = await ctx.db
      .selectFrom('follow_up_contacts')
      .select(['reached', 'risk_after', 'situation_enc'])
      .where('case_id', '=', id)
      .where('idx', '=', 0)
      .executeTakeFirstOrThrow();
    expect(contact).toMatchObject({ reached: true, risk_after: 'high' });
    expect(ctx.crypto.decrypt(contact.situation_enc!)).toBe('The recruiter called her again.');
    // The case page's follow-ups list (the workflow's DTO) still shows it after the reopening.
    const page = await manager.get(`/api/cases/${id}/workflow`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().followUps).toEqual([expect.objectContaining(recorded)]);
    const events = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('target_id', '=', id)
      .where('action', 'in', ['follow_up.recorded', 'workflow.action'])
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['follow_up.recorded', 'workflow.action']);
    expect(events.at(-1)?.details).toMatchObject({ actions: ['reopen'] });
  });

  it('a case that reaches follow-up again starts its schedule anew and keeps the contacts recorded before', async () => {
    const id = await caseInFollowUp();
    await recordFollowUp(services, {}, actor, {
      caseId: id,
      index: 0,
      input: { reached: true, situation: 'She was moved to another house.', riskAfter: 'urgent' },
      ifMatch: () => {},
    });
    // The referrals made anew, the case comes back to its resolution (set here, as above).
    const wf = await ctx.db
      .selectFrom('case_workflows')
      .select('state')
      .where('case_id', '=', id)
      .executeTakeFirstOrThrow();
    const state = { ...(wf.state as object), stage: 'resolution', followUps: [], resolutionRecorded: false };
    await ctx.db
      .updateTable('case_workflows')
      .set({ state: JSON.stringify(state) })
      .where('case_id', '=', id)
      .execute();
    await services.db
      .transaction()
      .execute((trx) =>
        act(actContextOf(services, {}, actor.userId, trx), id, [
          { type: 'record_resolution', resolution: 'return_to_same_employer' },
        ]),
      );
    const resolved = (await manager.get(`/api/cases/${id}/workflow`)).json();
    const earlier = { round: 1, index: 0, done: true, reached: true, riskAfter: 'urgent' };
    expect(resolved.followUps[0]).toMatchObject({ ...earlier, situation: 'She was moved to another house.' });
    const schedule = resolved.followUps.slice(1);
    expect(schedule.length).toBeGreaterThan(0);
    expect(schedule.every((f: { round: number; done: boolean }) => f.round === 2 && !f.done)).toBe(true);
    expect(schedule.map((f: { index: number }) => f.index)).toEqual(
      schedule.map((_: unknown, i: number) => i),
    );

    // The new schedule falls due in weeks; a contact is recorded from a week before (issue 12, point 13).
    const scheduled = await ctx.db
      .selectFrom('case_workflows')
      .select('state')
      .where('case_id', '=', id)
      .executeTakeFirstOrThrow();
    const rescheduled = scheduled.state as { followUps: { dueAt: string }[] };
    const dueNow = ctx.clock.now().toISOString();
    await ctx.db
      .updateTable('case_workflows')
      .set({
        state: JSON.stringify({
          ...rescheduled,
          followUps: rescheduled.followUps.map((f) => ({ ...f, dueAt: dueNow })),
        }),
      })
      .where('case_id', '=', id)
      .execute();

    // The new schedule's first contact is recorded under its own index; the earlier one is untouched.
    const after = await recordFollowUp(services, {}, actor, {
      caseId: id,
      index: 0,
      input: { reached: true, situation: 'She is back at work and safe.', riskAfter: 'low' },
      ifMatch: () => {},
    });
    expect(after.followUps[0]).toMatchObject({ ...earlier, situation: 'She was moved to another house.' });
    expect(after.followUps[1]).toMatchObject({
      round: 2,
      index: 0,
      done: true,
      riskAfter: 'low',
      situation: 'She is back at work and safe.',
    });
    const rows = await ctx.db
      .selectFrom('follow_up_contacts')
      .select(['round', 'idx', 'risk_after'])
      .where('case_id', '=', id)
      .where('recorded_at', 'is not', null)
      .orderBy('round')
      .orderBy('idx')
      .execute();
    expect(rows).toEqual([
      { round: 1, idx: 0, risk_after: 'urgent' },
      { round: 2, idx: 0, risk_after: 'low' },
    ]);
  });

  it('refuses a contact the client read an older workflow for, and changes nothing', async () => {
    const id = await caseInFollowUp();
    const before = await manager.get(`/api/cases/${id}`);
    await expect(
      recordFollowUp(services, {}, actor, {
        caseId: id,
        index: 0,
        input: { reached: false, riskAfter: 'urgent' },
        ifMatch: () => {
          throw new Error('stale');
        },
      }),
    ).rejects.toThrow('stale');
    const after = await manager.get(`/api/cases/${id}`);
    expect(after.json().risk).toBe('low');
    expect(after.headers.etag).toBe(before.headers.etag);
  });
});
