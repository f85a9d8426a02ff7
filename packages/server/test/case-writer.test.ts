import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateCaseRow } from '../src/features/cases/cases.repository.js';
import { type Client, createTestContext, type TestContext } from './harness.js';
import { traffickingAnswers } from './workflow-support.js';

/**
 * One writer for the case row (issue 10): every change after creation goes through
 * `updateCaseRow`, which bumps `cases.version` (the case's ETag) and, when the caller read a
 * version, changes nothing unless it is still current. A client holding an older ETag cannot
 * overwrite what another writer (a follow-up, an assignment, a screening, the SOP) changed.
 */
let ctx: TestContext;
let manager: Client;
let supervisor: Client;
beforeAll(async () => {
  ctx = await createTestContext();
  manager = await ctx.signIn('casemanager');
  supervisor = await ctx.signIn('supervisor');
});
afterAll(() => ctx.close());

async function readCase(id: string) {
  const res = await manager.get(`/api/cases/${id}`);
  expect(res.statusCode).toBe(200);
  return { body: res.json(), etag: res.headers.etag as string };
}

const patchWith = (id: string, etag: string, body: Record<string, unknown>) =>
  manager.request('PATCH', `/api/cases/${id}`, body, { headers: { 'if-match': etag } });

/** A case screened as trafficking with the risk the case manager found (low needs a reason). */
async function screenedCase(risk: 'low' | 'high') {
  const created = await manager.post('/api/cases', {
    intakeKind: 'walk_in',
    channel: 'walk_in',
    person: { nameLatin: 'Writer Person', dateOfBirth: '1991-03-04', nationality: 'PH' },
  });
  const id = created.json().id as string;
  const saved = await manager.request('PUT', `/api/cases/${id}/screening`, { answers: traffickingAnswers() });
  expect(saved.statusCode).toBe(200);
  const confirmed = await manager.post(`/api/cases/${id}/screening/confirm`, {
    category: 'trafficking',
    subtype: 'forced_labour',
    risk,
    ...(risk === 'low' ? { reason: 'She is safe with her family now.' } : {}),
  });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  return id;
}

/**
 * A follow-up contact due on the case, as after a recorded resolution: set in the workflow's
 * state directly (reaching the follow-up stage through the API takes dozens of requests).
 */
async function scheduleFollowUp(id: string) {
  const wf = await ctx.db
    .selectFrom('case_workflows')
    .select('state')
    .where('case_id', '=', id)
    .executeTakeFirstOrThrow();
  const state = wf.state as { followUps: unknown[] };
  const dueAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
  await ctx.db
    .updateTable('case_workflows')
    .set({ state: JSON.stringify({ ...state, followUps: [{ dueAt, done: false }] }) })
    .where('case_id', '=', id)
    .execute();
}

async function recordFollowUp(id: string, body: Record<string, unknown>) {
  const wf = await manager.get(`/api/cases/${id}/workflow`);
  const res = await manager.post(`/api/cases/${id}/follow-ups/0`, body, {
    headers: { 'if-match': wf.headers.etag as string },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res;
}

describe('one writer for the case row', () => {
  it('a follow-up raises the risk: a PATCH with the ETag read before gets 412 and the risk stays', async () => {
    const id = await screenedCase('low');
    await scheduleFollowUp(id);
    const before = await readCase(id);
    expect(before.body.risk).toBe('low');

    await recordFollowUp(id, { reached: true, situation: 'The recruiter phoned her.', riskAfter: 'medium' });
    const after = await readCase(id);
    expect(after.body.risk).toBe('medium');
    expect(after.etag).not.toBe(before.etag);

    const stale = await patchWith(id, before.etag, { risk: 'low', interpreterUsed: true });
    expect(stale.statusCode, stale.body).toBe(412);
    expect(stale.json().code).toBe('PRECONDITION_FAILED');
    expect((await readCase(id)).body).toMatchObject({ risk: 'medium', interpreterUsed: false });
    // The follow-up's own event, the writer's record of the risk it changed (the SOP's stage
    // moves are recorded the same way), and no case.updated for the refused PATCH.
    const events = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('target_id', '=', id)
      .where('action', 'in', ['follow_up.recorded', 'case.updated'])
      .orderBy('id')
      .execute();
    const causes = events.map((e) => `${e.action}:${(e.details as { cause?: string } | null)?.cause ?? '-'}`);
    expect(causes).toContain('follow_up.recorded:-');
    expect(causes).toContain('case.updated:follow_up.recorded');
    expect(causes.filter((c) => c === 'case.updated:-')).toEqual([]);
  });

  it('a follow-up that finds the same risk changes nothing on the case: its ETag stays', async () => {
    const id = await screenedCase('low');
    await scheduleFollowUp(id);
    const before = await readCase(id);
    await recordFollowUp(id, { reached: true, riskAfter: 'low' });
    const after = await readCase(id);
    expect(after.etag).toBe(before.etag);
    expect((await patchWith(id, before.etag, { interpreterUsed: true })).statusCode).toBe(200);
  });

  it('an assignment, a screening and an SOP stage change each move the ETag', async () => {
    const created = await manager.post('/api/cases', {
      intakeKind: 'walk_in',
      channel: 'walk_in',
      person: { nameLatin: 'Writer Person', dateOfBirth: '1991-03-04', nationality: 'NP' },
    });
    const id = created.json().id as string;
    const me = (await manager.get('/api/me')).json();

    // Assignment (supervisor): the case manager's ETag is now stale.
    const v1 = await readCase(id);
    const assigned = await supervisor.request(
      'PUT',
      `/api/cases/${id}/assignee`,
      { assigneeId: me.id },
      { headers: { 'if-match': v1.etag } },
    );
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect((await patchWith(id, v1.etag, { interpreterUsed: true })).statusCode).toBe(412);

    // Screening confirmed: category and risk on the case, the SOP starts.
    const v2 = await readCase(id);
    expect(
      (await manager.request('PUT', `/api/cases/${id}/screening`, { answers: traffickingAnswers() }))
        .statusCode,
    ).toBe(200);
    const confirmed = await manager.post(`/api/cases/${id}/screening/confirm`, {
      category: 'trafficking',
      subtype: 'forced_labour',
      risk: 'high',
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect((await patchWith(id, v2.etag, { interpreterUsed: true })).statusCode).toBe(412);

    // The safety assessment done: the SOP moves the case on from "received", and its ETag with it.
    const v3 = await readCase(id);
    expect(v3.body.stage).toBe('received');
    const tasks = (await manager.get(`/api/cases/${id}/tasks`)).json().items as {
      id: string;
      key: string;
      version: number;
    }[];
    const safety = tasks.find((t) => t.key === 'safety_assessment')!;
    const done = await manager.patch(
      `/api/tasks/${safety.id}`,
      { status: 'done' },
      { headers: { 'if-match': `"v${safety.version}"` } },
    );
    expect(done.statusCode, done.body).toBe(200);
    const v4 = await readCase(id);
    expect(v4.body.stage).not.toBe('received');
    expect((await patchWith(id, v3.etag, { interpreterUsed: true })).statusCode).toBe(412);
    // With the current ETag the change goes through, and the answer carries the next one.
    const ok = await patchWith(id, v4.etag, { interpreterUsed: true });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.headers.etag).toBe(`"v${v4.body.version + 1}"`);
  });

  it('two PATCHes racing with the same ETag: one is applied, the other gets 412', async () => {
    const created = await manager.post('/api/cases', {
      intakeKind: 'walk_in',
      channel: 'walk_in',
      person: { nameLatin: 'Race Person' },
    });
    const id = created.json().id as string;
    const { etag } = await readCase(id);
    const answers = await Promise.all([
      patchWith(id, etag, { referredByName: 'First writer' }),
      patchWith(id, etag, { referredByName: 'Second writer' }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 412]);
    const winner = answers.find((a) => a.statusCode === 200)!.json().referredByName;
    expect((await readCase(id)).body.referredByName).toBe(winner);
    const updates = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', id)
      .where('action', '=', 'case.updated')
      .execute();
    expect(updates).toHaveLength(1);
  });
});

describe('updateCaseRow', () => {
  it('changes nothing and answers 412 when the expected version is not current', async () => {
    const created = await manager.post('/api/cases', {
      intakeKind: 'walk_in',
      channel: 'walk_in',
      person: { nameLatin: 'Stale Writer' },
    });
    const id = created.json().id as string;
    const now = new Date();
    const audit = { ctx: {}, action: 'case.updated' as const };
    expect(
      await updateCaseRow(ctx.db, id, { referred_by_name: 'First' }, now, { expectedVersion: 1, audit }),
    ).toBe(2);
    await expect(
      updateCaseRow(ctx.db, id, { referred_by_name: 'Second' }, now, { expectedVersion: 1, audit }),
    ).rejects.toMatchObject({ code: 'PRECONDITION_FAILED', details: { currentVersion: 2 } });
    // The same value again with onlyIfChanged: no write, no new version.
    expect(
      await updateCaseRow(ctx.db, id, { referred_by_name: 'First' }, now, { onlyIfChanged: true, audit }),
    ).toBe(undefined);
    const row = await ctx.db
      .selectFrom('cases')
      .select(['referred_by_name', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ referred_by_name: 'First', version: 2 });
    await expect(
      updateCaseRow(ctx.db, '00000000-0000-4000-8000-000000000000', { risk: 'low' }, now, { audit }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('updateCaseRow with an audit event', () => {
  it('records the case-change event with the change, and none when nothing changes or the version is stale', async () => {
    const created = await manager.post('/api/cases', {
      intakeKind: 'walk_in',
      channel: 'walk_in',
      person: { nameLatin: 'Audited Writer' },
    });
    const id = created.json().id as string;
    const now = new Date();
    const audit = {
      ctx: { requestId: 'writer-test' },
      action: 'case.updated' as const,
      details: { fields: ['x'] },
    };
    expect(
      await updateCaseRow(ctx.db, id, { referred_by_name: 'A' }, now, { expectedVersion: 1, audit }),
    ).toBe(2);
    expect(
      await updateCaseRow(ctx.db, id, { referred_by_name: 'A' }, now, { onlyIfChanged: true, audit }),
    ).toBe(undefined);
    await expect(
      updateCaseRow(ctx.db, id, { referred_by_name: 'B' }, now, { expectedVersion: 1, audit }),
    ).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    const events = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'target_type', 'details'])
      .where('target_id', '=', id)
      .where('request_id', '=', 'writer-test')
      .execute();
    expect(events).toEqual([{ action: 'case.updated', target_type: 'case', details: { fields: ['x'] } }]);
  });
});

describe('the source', () => {
  it('writes the cases table only in cases.repository.ts (demo data and migrations aside)', () => {
    const src = fileURLToPath(new URL('../src', import.meta.url));
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        const rel = relative(src, path).split('\\').join('/');
        if (entry.isDirectory()) {
          if (rel !== 'demo' && rel !== 'db/migrations') walk(path);
        } else if (entry.name.endsWith('.ts') && rel !== 'features/cases/cases.repository.ts') {
          const text = readFileSync(path, 'utf8');
          if (/updateTable\(\s*['"`]cases['"`]|\bUPDATE\s+cases\b/.test(text)) offenders.push(rel);
        }
      }
    };
    walk(src);
    expect(offenders).toEqual([]);
  });
});
