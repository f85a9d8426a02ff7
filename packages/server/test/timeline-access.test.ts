import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestContext, type TestContext } from './harness.js';

/**
 * The case timeline shows an organisation what the referral and document rules let it see
 * (issue 9, hole 8): its own referrals, documents shared with it, never a document's SHA-256
 * or whom else it is shared with.
 */
let ctx: TestContext;
let manager: Client;
let police: Client;
let caseId: string;
let orgs: Map<string, string>;

async function upload(title: string) {
  const file = Buffer.alloc(2_000, 0x20);
  file.write('%PDF-1.4\n', 0, 'latin1');
  file.write(title, 32, 'latin1');
  const started = await manager.post(`/api/cases/${caseId}/uploads`, {
    fileName: `${title}.pdf`,
    size: file.length,
    metadata: { type: 'police_report', title, date: '2026-11-20', language: 'en' },
  });
  expect(started.statusCode, started.body).toBe(201);
  const up = started.json();
  const sent = await manager.request('PUT', `/api/uploads/${up.id}/chunks/0`, file, {
    headers: { 'content-type': 'application/octet-stream' },
  });
  expect(sent.statusCode, sent.body).toBe(200);
  const done = await manager.post(`/api/uploads/${up.id}/complete`);
  expect(done.statusCode, done.body).toBe(201);
  return done.json().id as string;
}

beforeAll(async () => {
  ctx = await createTestContext();
  manager = await ctx.signIn('casemanager');
  police = await ctx.signIn('officer');
  const rows = await ctx.db.selectFrom('organisations').select(['id', 'kind']).execute();
  orgs = new Map(rows.map((r) => [r.kind, r.id]));
  const created = await manager.post('/api/cases', {
    intakeKind: 'walk_in',
    channel: 'walk_in',
    person: { nameLatin: 'Sita Rai', nationality: 'NP', dateOfBirth: '1993-01-01' },
  });
  caseId = created.json().id;
  await ctx.db
    .updateTable('cases')
    .set({ category: 'abuse', subtype: null })
    .where('id', '=', caseId)
    .execute();
  expect((await manager.post(`/api/cases/${caseId}/workflow/start`)).statusCode).toBe(200);
  for (const kind of ['police', 'shelter']) {
    await manager.post(`/api/cases/${caseId}/consents`, {
      purpose: kind === 'shelter' ? 'shelter' : 'share_with_organisation_kind',
      ...(kind === 'shelter' ? {} : { organisationKind: kind }),
      status: 'given',
      method: 'verbal',
    });
  }
  for (const [kind, purpose] of [
    ['police', 'investigation'],
    ['shelter', 'shelter'],
  ] as const) {
    const sent = await manager.post(`/api/cases/${caseId}/referrals`, {
      organisationId: orgs.get(kind)!,
      purpose,
      sharedSections: ['person', 'timeline'],
    });
    expect(sent.statusCode, sent.body).toBe(201);
  }
});
afterAll(() => ctx.close());

describe('case timeline', () => {
  it('shows an agency its own referrals and shared documents only, without hashes or share lists', async () => {
    const shared = await upload('Shared statement');
    const unshared = await upload('Internal note');
    const etag = (await manager.get(`/api/documents/${shared}`)).headers.etag as string;
    const share = await manager.patch(
      `/api/documents/${shared}`,
      { sharedWith: [orgs.get('police')!, orgs.get('shelter')!] },
      { headers: { 'if-match': etag } },
    );
    expect(share.statusCode, share.body).toBe(200);

    // The NRM sees everything, hashes and share lists included.
    const full = (await manager.get(`/api/cases/${caseId}/timeline`)).json().items as {
      action: string;
      details: Record<string, unknown>;
    }[];
    expect(full.filter((e) => e.action === 'referral.sent')).toHaveLength(2);
    expect(JSON.stringify(full)).toContain(unshared);
    expect(full.some((e) => typeof e.details.sha256 === 'string')).toBe(true);

    const res = await police.get(`/api/cases/${caseId}/timeline`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { action: string; details: Record<string, unknown> }[];
    const text = JSON.stringify(items);
    // Its own referral, not the shelter's.
    const referrals = items.filter((e) => e.action === 'referral.sent');
    expect(referrals).toHaveLength(1);
    expect(referrals[0]!.details.organisationId).toBe(orgs.get('police'));
    expect(text).not.toContain(orgs.get('shelter')!);
    // The document shared with it, not the other one; no hash, no share list.
    expect(text).toContain(shared);
    expect(text).not.toContain(unshared);
    expect(items.some((e) => 'sha256' in e.details || 'sharedWith' in e.details)).toBe(false);
  });
});
