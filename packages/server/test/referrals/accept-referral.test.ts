import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateReferralRow } from '../../src/features/referrals/referrals.repository.js';
import { type Client, createTestContext, type TestContext } from '../harness.js';
import { screenedTraffickingCase } from '../workflow-support.js';

/**
 * Accepting a referral (features/referrals/answer-referral.ts): the ETag guards it, the case's
 * SOP records it, and nobody outside the referral can do it.
 */
let ctx: TestContext;
let manager: Client;
let focal: Client;
let police: Client;
let inspection: string;

/** A screened case referred, with consent, to the labour inspection (the focal point's organisation). */
async function referredCase() {
  const caseId = await screenedTraffickingCase(manager);
  const consent = await manager.post(`/api/cases/${caseId}/consents`, {
    purpose: 'share_with_organisation',
    organisationId: inspection,
    status: 'given',
    method: 'verbal',
  });
  expect(consent.statusCode, consent.body).toBe(201);
  const sent = await manager.post(`/api/cases/${caseId}/referrals`, {
    organisationId: inspection,
    purpose: 'inspection',
    sharedSections: ['person'],
  });
  expect(sent.statusCode, sent.body).toBe(201);
  expect(sent.headers.etag).toBe('"v1"');
  return { caseId, referralId: sent.json().id as string };
}

const accept = (client: Client, referralId: string, etag?: string) =>
  client.post(
    `/api/referrals/${referralId}/transitions`,
    { status: 'accepted' },
    etag ? { headers: { 'if-match': etag } } : {},
  );

async function sopReferral(caseId: string, referralId: string) {
  const row = await ctx.db
    .selectFrom('case_workflows')
    .select('state')
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  const state = row.state as { referrals: { id: string; status: string; completeBy?: string | null }[] };
  return state.referrals.find((r) => r.id === referralId);
}

beforeAll(async () => {
  ctx = await createTestContext();
  manager = await ctx.signIn('casemanager');
  focal = await ctx.signIn('focalpoint');
  police = await ctx.signIn('officer');
  inspection = (
    await ctx.db
      .selectFrom('organisations')
      .select('id')
      .where('kind', '=', 'labour_inspection')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => ctx.close());

describe('accepting a referral', () => {
  it('is refused with a stale ETag (412) or none (428), and changes nothing', async () => {
    const { referralId } = await referredCase();
    const acknowledged = await focal.post(
      `/api/referrals/${referralId}/transitions`,
      { status: 'acknowledged' },
      { headers: { 'if-match': '"v1"' } },
    );
    expect(acknowledged.statusCode, acknowledged.body).toBe(200);
    expect(acknowledged.headers.etag).toBe('"v2"');

    const stale = await accept(focal, referralId, '"v1"');
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'PRECONDITION_FAILED', details: { currentVersion: 2 } });
    const blind = await accept(focal, referralId);
    expect(blind.statusCode).toBe(428);
    const now = (await focal.get(`/api/referrals/${referralId}`)).json();
    expect(now).toMatchObject({ status: 'acknowledged', acceptedAt: null, version: 2 });
  });

  it('is recorded in the SOP and sets the deadline to complete the work', async () => {
    const { caseId, referralId } = await referredCase();
    expect(await sopReferral(caseId, referralId)).toMatchObject({ status: 'sent' });
    const accepted = await accept(focal, referralId, '"v1"');
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.headers.etag).toBe('"v2"');
    const dto = accepted.json();
    expect(dto).toMatchObject({ status: 'accepted', acceptedAt: expect.any(String), version: 2 });
    expect(dto.allowedTransitions).toEqual(expect.arrayContaining(['in_progress']));

    const inSop = await sopReferral(caseId, referralId);
    expect(inSop?.status).toBe('accepted');
    // The SOP's deadline to complete the work, else the installation's default: always one.
    expect(dto.completeBy).toEqual(expect.any(String));
    if (inSop?.completeBy) expect(dto.completeBy).toBe(new Date(inSop.completeBy).toISOString());

    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('target_id', '=', caseId)
      .where('action', '=', 'referral.updated')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('is not possible for an organisation the referral was not sent to: 404, nothing changes', async () => {
    const { caseId, referralId } = await referredCase();
    const outsider = await accept(police, referralId, '"v1"');
    expect(outsider.statusCode).toBe(404);
    expect((await focal.get(`/api/referrals/${referralId}`)).json()).toMatchObject({
      status: 'sent',
      version: 1,
    });
    expect(await sopReferral(caseId, referralId)).toMatchObject({ status: 'sent' });
  });

  it('has one writer: a change from an older version is refused (412)', async () => {
    const { referralId } = await referredCase();
    expect((await accept(focal, referralId, '"v1"')).statusCode).toBe(200);
    await expect(
      updateReferralRow(ctx.db, referralId, { status: 'declined' }, new Date(), { expectedVersion: 1 }),
    ).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect((await focal.get(`/api/referrals/${referralId}`)).json()).toMatchObject({ status: 'accepted' });
  });
});
