import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpiredIdempotencyKeys } from '../src/lib/idempotency.js';
import { type Client, createTestContext, type TestContext } from './harness.js';

let ctx: TestContext;
let manager: Client;
beforeAll(async () => {
  ctx = await createTestContext();
  manager = await ctx.signIn('casemanager');
});
afterAll(() => ctx.close());

const HOUR = 3_600_000;
const PASSPORT = 'X9081726Q';
const NARRATIVE = 'Recruiter in Kathmandu took her passport at the airport.';
const PHONE = '+973 3655 4433';

const walkIn = (name: string, overrides: Record<string, unknown> = {}) => ({
  intakeKind: 'walk_in',
  channel: 'walk_in',
  person: {
    nameLatin: name,
    nationality: 'NP',
    phone: PHONE,
    documents: [{ type: 'passport', number: PASSPORT, issuingCountry: 'NP', holder: 'employer' }],
  },
  narrative: NARRATIVE,
  ...overrides,
});

const create = (c: Client, key: string, body: unknown) =>
  c.post('/api/cases', body, { headers: { 'idempotency-key': key } });

async function casesNamed(name: string) {
  return ctx.db.selectFrom('persons').select('id').where('name_latin', '=', name).execute();
}

describe('Idempotency-Key on case creation', () => {
  it('answers a replay with the same case, read again, and stores no case content', async () => {
    const body = walkIn('Replay Person');
    const first = await create(manager, 'key-replay', body);
    expect(first.statusCode).toBe(201);
    const again = await create(manager, 'key-replay', body);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(await casesNamed('Replay Person')).toHaveLength(1);

    // The store keeps a hash of the request and the id of the case, nothing readable.
    const rows = await ctx.db.selectFrom('idempotency_keys').selectAll().execute();
    expect(rows.length).toBeGreaterThan(0);
    const text = JSON.stringify(rows);
    for (const secret of [PASSPORT, NARRATIVE, 'Replay Person', PHONE, '3655', 'Kathmandu']) {
      expect(text).not.toContain(secret);
    }
    const row = rows.find((r) => r.key === 'key-replay')!;
    expect(row).toMatchObject({ resource_type: 'case', resource_id: first.json().id, status_code: 201 });
  });

  it('refuses a reused key with a different body (422) and creates nothing', async () => {
    const first = await create(manager, 'key-reused', walkIn('Reused First'));
    expect(first.statusCode).toBe(201);
    const other = await create(manager, 'key-reused', walkIn('Reused Second'));
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await casesNamed('Reused Second')).toHaveLength(0);
  });

  it('keeps keys per user: the same key from another user creates their own case', async () => {
    const supervisor = await ctx.signIn('supervisor');
    const mine = await create(manager, 'key-shared', walkIn('Per User Mine'));
    const theirs = await create(supervisor, 'key-shared', walkIn('Per User Theirs'));
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.json().id).not.toBe(mine.json().id);
  });

  it('re-reads the case with the caller’s access as it is now', async () => {
    const hotline = await ctx.signIn('hotline');
    const known = (await manager.post('/api/cases', walkIn('Already Known'))).json();
    const body = { intakeKind: 'hotline', channel: 'hotline', person: { nameLatin: 'Already Known' } };
    const call = await create(hotline, 'key-hotline', body);
    expect(call.json().person.nameLatin).toBe('Already Known');
    // The NRM links the call to the person already known: the operator no longer sees that record.
    const linked = await manager.request(
      'POST',
      `/api/cases/${call.json().id}/person`,
      { personId: known.person.id },
      { headers: { 'if-match': '"v1"' } },
    );
    expect(linked.statusCode).toBe(200);
    const replay = await create(hotline, 'key-hotline', body);
    expect(replay.statusCode).toBe(201);
    expect(replay.json().id).toBe(call.json().id);
    expect(replay.json().person).toBeNull();
    expect(JSON.stringify(replay.json())).not.toContain(PASSPORT);
  });

  it('ignores keys older than 24 hours and purges them', async () => {
    const first = await create(manager, 'key-old', walkIn('Old Key First'));
    expect(first.statusCode).toBe(201);
    ctx.clock.advance(25 * HOUR);
    manager = await ctx.signIn('casemanager');
    // Past 24 hours the key is forgotten: the same key is a new request.
    const later = await create(manager, 'key-old', walkIn('Old Key Second'));
    expect(later.statusCode).toBe(201);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(later.json().id).not.toBe(first.json().id);

    const stale = await create(manager, 'key-stale', walkIn('Stale Key'));
    expect(stale.statusCode).toBe(201);
    ctx.clock.advance(25 * HOUR);
    const purged = await purgeExpiredIdempotencyKeys(ctx.db, ctx.clock.now());
    expect(purged).toBeGreaterThanOrEqual(2);
    const left = await ctx.db.selectFrom('idempotency_keys').select('key').execute();
    expect(left).toEqual([]);
  });
});
