import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHUNK_SIZE } from '../src/features/documents/files.js';
import { type Client, createTestContext, type TestContext } from './harness.js';
import { screenedTraffickingCase } from './workflow-support.js';

/**
 * Issue 9, hole 10: access ends when a referral is revoked or declined, on every path: the
 * referral's content, answering it, asking for more, and an upload begun before.
 */
let ctx: TestContext;
let manager: Client;
let focal: Client;
let inspection: string;

const SECRET_MESSAGE = 'She is hiding at her cousin in the old market';
const SECRET_REASON = 'The employer bribed an inspector';

/** A case referred to the labour inspection (the demo focal point's organisation), with a message. */
async function referredCase() {
  const caseId = await screenedTraffickingCase(manager);
  await manager.post(`/api/cases/${caseId}/consents`, {
    purpose: 'share_with_organisation',
    organisationId: inspection,
    status: 'given',
    method: 'verbal',
  });
  const sent = await manager.post(`/api/cases/${caseId}/referrals`, {
    organisationId: inspection,
    purpose: 'inspection',
    sharedSections: ['person', 'narrative'],
    message: SECRET_MESSAGE,
  });
  expect(sent.statusCode, sent.body).toBe(201);
  return { caseId, referralId: sent.json().id as string };
}

async function revoke(referralId: string) {
  const current = await manager.get(`/api/referrals/${referralId}`);
  const res = await manager.post(
    `/api/referrals/${referralId}/transitions`,
    { status: 'revoked', reason: SECRET_REASON },
    { headers: { 'if-match': current.headers.etag as string } },
  );
  expect(res.statusCode, res.body).toBe(200);
}

/** What the receiving organisation may still see of an ended referral: that it existed, no content. */
function expectBare(dto: Record<string, unknown>) {
  expect(dto).toMatchObject({
    message: null,
    reason: null,
    outcome: null,
    onwardRequest: null,
    sharedSections: [],
    sentBy: null,
    allowedTransitions: [],
  });
  expect(JSON.stringify(dto)).not.toContain('cousin');
  expect(JSON.stringify(dto)).not.toContain('bribed');
}

async function startUpload(caseId: string, size: number, metadata: Record<string, unknown> = {}) {
  const started = await focal.post(`/api/cases/${caseId}/uploads`, {
    fileName: 'report.pdf',
    size,
    metadata: { type: 'police_report', title: 'Inspection report', language: 'en', ...metadata },
  });
  expect(started.statusCode, started.body).toBe(201);
  return started.json() as { id: string; chunks: number };
}

const pdf = (size: number) => {
  const buf = Buffer.alloc(size, 0x20);
  buf.write('%PDF-1.4\n', 0, 'latin1');
  return buf;
};

const sendChunk = (id: string, index: number, bytes: Buffer) =>
  focal.request('PUT', `/api/uploads/${id}/chunks/${index}`, bytes, {
    headers: { 'content-type': 'application/octet-stream' },
  });

beforeAll(async () => {
  ctx = await createTestContext();
  manager = await ctx.signIn('casemanager');
  focal = await ctx.signIn('focalpoint');
  inspection = (
    await ctx.db
      .selectFrom('organisations')
      .select('id')
      .where('kind', '=', 'labour_inspection')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => ctx.close());

describe('a revoked referral', () => {
  it('keeps no content for the organisation, in the referral or its inbox', async () => {
    const { caseId, referralId } = await referredCase();
    expect((await focal.get(`/api/referrals/${referralId}`)).json().message).toBe(SECRET_MESSAGE);
    await revoke(referralId);
    const after = await focal.get(`/api/referrals/${referralId}`);
    expect(after.statusCode).toBe(200);
    expect(after.json()).toMatchObject({ id: referralId, status: 'revoked' });
    expectBare(after.json());
    const box = (await focal.get('/api/inbox?box=completed')).json();
    const listed = box.items.find((r: { id: string }) => r.id === referralId);
    expect(listed).toBeTruthy();
    expectBare(listed);
    expect((await focal.get(`/api/cases/${caseId}/referrals`)).statusCode).toBe(404);
    expect((await focal.get(`/api/cases/${caseId}`)).statusCode).toBe(404);
    // The NRM still sees everything.
    expect((await manager.get(`/api/referrals/${referralId}`)).json()).toMatchObject({
      message: SECRET_MESSAGE,
      reason: SECRET_REASON,
    });
  });

  it('allows no answer, no onward request and no work on its tasks', async () => {
    const { caseId, referralId } = await referredCase();
    const task = await manager.post(`/api/cases/${caseId}/tasks`, {
      title: 'Inspect the workplace',
      organisationId: inspection,
    });
    expect(task.statusCode, task.body).toBe(201);
    expect((await focal.get(`/api/cases/${caseId}/tasks`)).statusCode).toBe(200);
    await revoke(referralId);
    const worked = await focal.patch(
      `/api/tasks/${task.json().id}`,
      { status: 'done', note: 'Visited' },
      { headers: { 'if-match': task.headers.etag as string } },
    );
    expect(worked.statusCode).toBe(404);
    const mine = (await focal.get('/api/tasks?view=organisation&status=all')).json();
    expect(mine.items.map((t: { id: string }) => t.id)).not.toContain(task.json().id);
    const etag = (await manager.get(`/api/referrals/${referralId}`)).headers.etag as string;
    const accepted = await focal.post(
      `/api/referrals/${referralId}/transitions`,
      { status: 'accepted' },
      { headers: { 'if-match': etag } },
    );
    expect(accepted.statusCode).toBe(409);
    expect(accepted.json().code).toBe('REFERRAL_ENDED');
    const onward = await focal.post(`/api/referrals/${referralId}/onward-request`, {
      message: 'Please send it to the police',
    });
    expect(onward.statusCode).toBe(409);
    expect(onward.json().code).toBe('REFERRAL_ENDED');
    const row = await ctx.db
      .selectFrom('referrals')
      .select(['onward_requested_at', 'status'])
      .where('id', '=', referralId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ onward_requested_at: null, status: 'revoked' });
  });

  it('stops an upload begun before: the next chunk and the completion are refused', async () => {
    const { caseId, referralId } = await referredCase();
    const file = pdf(CHUNK_SIZE + 1000);
    const up = await startUpload(caseId, file.length, { referralId });
    expect((await sendChunk(up.id, 0, file.subarray(0, CHUNK_SIZE))).statusCode).toBe(200);
    await revoke(referralId);
    expect((await sendChunk(up.id, 1, file.subarray(CHUNK_SIZE))).statusCode).toBe(404);
    expect((await focal.post(`/api/uploads/${up.id}/complete`)).statusCode).toBe(404);
  });

  it('refuses to complete an upload whose last chunk arrived before the revocation', async () => {
    const { caseId, referralId } = await referredCase();
    const file = pdf(2000);
    const up = await startUpload(caseId, file.length);
    expect((await sendChunk(up.id, 0, file)).statusCode).toBe(200);
    await revoke(referralId);
    const done = await focal.post(`/api/uploads/${up.id}/complete`);
    expect(done.statusCode).toBe(404);
    const docs = await ctx.db.selectFrom('documents').select('id').where('case_id', '=', caseId).execute();
    expect(docs).toEqual([]);
  });

  it('refuses an upload linked to a referral that ended, though the case is referred again', async () => {
    const { caseId, referralId } = await referredCase();
    const file = pdf(2000);
    const up = await startUpload(caseId, file.length, { referralId });
    expect((await sendChunk(up.id, 0, file)).statusCode).toBe(200);
    await revoke(referralId);
    const again = await manager.post(`/api/cases/${caseId}/referrals`, {
      organisationId: inspection,
      purpose: 'inspection',
      sharedSections: ['person'],
    });
    expect(again.statusCode, again.body).toBe(201);
    const done = await focal.post(`/api/uploads/${up.id}/complete`);
    expect(done.statusCode).toBe(422);
    expect(done.json()).toMatchObject({ code: 'REFERENCE_INVALID', details: { field: 'referralId' } });
  });
});

describe('a declined referral', () => {
  it('leaves the organisation that declined only a bare record and no further action', async () => {
    const { caseId, referralId } = await referredCase();
    const declined = await focal.post(
      `/api/referrals/${referralId}/transitions`,
      { status: 'declined', reason: 'Outside our remit' },
      { headers: { 'if-match': '"v1"' } },
    );
    expect(declined.statusCode, declined.body).toBe(200);
    const after = (await focal.get(`/api/referrals/${referralId}`)).json();
    expect(after).toMatchObject({ status: 'declined', declinedAt: expect.any(String) });
    expectBare(after);
    expect((await focal.get(`/api/cases/${caseId}`)).statusCode).toBe(404);
    const onward = await focal.post(`/api/referrals/${referralId}/onward-request`, {
      message: 'Try the grievances office',
    });
    expect(onward.json().code).toBe('REFERRAL_ENDED');
    // The NRM reads the reason.
    expect((await manager.get(`/api/referrals/${referralId}`)).json().reason).toBe('Outside our remit');
  });
});
