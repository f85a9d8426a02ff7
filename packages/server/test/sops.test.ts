import type { AuditAction } from '@opennrm/domain';
import { DEFAULT_LABOUR_CASE_SOP } from '@opennrm/domain/defaults';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestContext, type TestContext } from './harness.js';

let ctx: TestContext;
let admin: Client;
let manager: Client;
beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.signIn('admin');
  manager = await ctx.signIn('casemanager');
});
afterAll(() => ctx.close());

/** An editable copy of the shipped labour-case SOP (a JSON document, edited freely in tests). */
// biome-ignore lint/suspicious/noExplicitAny: tests edit the document as loose JSON, as an administrator would
type Loose = Record<string, any>;
function labourCopy(): Loose {
  return structuredClone(DEFAULT_LABOUR_CASE_SOP) as Loose;
}

async function auditRows(action: AuditAction) {
  return ctx.db
    .selectFrom('audit_log')
    .select(['action', 'target_type', 'target_id', 'details', 'actor_username'])
    .where('action', '=', action)
    .execute();
}

describe('SOP administration', () => {
  it('lists the four shipped SOPs, version 1 each, with the cases on each version', async () => {
    const c = (
      await manager.post('/api/cases', {
        intakeKind: 'walk_in',
        channel: 'walk_in',
        person: { nameLatin: 'Sop Counted', dateOfBirth: '1990-01-01', nationality: 'NP' },
      })
    ).json() as { id: string };
    await ctx.db
      .insertInto('case_workflows')
      .values({ case_id: c.id, sop_id: 'labour-case', sop_version: 1, state: '{}' })
      .execute();

    const res = await manager.get('/api/sops');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as {
      id: string;
      category: string;
      title: { en: string; ar: string };
      latestVersion: number;
      versions: { version: number; publishedAt: string; publishedBy: string | null }[];
      casesByVersion: Record<string, number>;
    }[];
    expect(items.map((i) => i.id).sort()).toEqual([
      'abuse',
      'labour-case',
      'trafficking-adult',
      'trafficking-child',
    ]);
    const labour = items.find((i) => i.id === 'labour-case')!;
    expect(labour.category).toBe('labour_case');
    expect(labour.title.ar).toBeTruthy();
    expect(labour.latestVersion).toBe(1);
    expect(labour.versions).toEqual([{ version: 1, publishedAt: expect.any(String), publishedBy: null }]);
    expect(labour.casesByVersion).toEqual({ 1: 1 });
    expect(items.find((i) => i.id === 'abuse')!.casesByVersion).toEqual({ 1: 0 });
  });

  it('serves one version as its document, and 404 for a version that does not exist', async () => {
    const res = await manager.get('/api/sops/labour-case/versions/1');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(JSON.parse(JSON.stringify(DEFAULT_LABOUR_CASE_SOP)));
    expect((await manager.get('/api/sops/labour-case/versions/9')).statusCode).toBe(404);
    expect((await manager.get('/api/sops/no-such/versions/1')).statusCode).toBe(404);
  });

  it('validates a document and reports every problem with its path', async () => {
    const good = await admin.post('/api/sops/validate', { document: labourCopy() });
    expect(good.json()).toEqual({ valid: true, issues: [] });

    const doc = labourCopy();
    doc.stages[1].tasks[0].deadline.amount = 0;
    doc.stages[0].id = 'screening';
    doc.category = 'abuse';
    const bad = (await admin.post('/api/sops/validate', { document: doc })).json();
    expect(bad.valid).toBe(false);
    const paths = bad.issues.map((i: { path: unknown[] }) => i.path.join('.'));
    expect(paths).toContain('stages.1.tasks.0.deadline.amount');
    expect(paths).toContain('category');

    const notAnObject = (await admin.post('/api/sops/validate', { document: [1, 2] })).json();
    expect(notAnObject.valid).toBe(false);
    expect(notAnObject.issues[0].path).toEqual([]);
  });

  it('only administrators validate and publish', async () => {
    expect((await manager.post('/api/sops/validate', { document: labourCopy() })).statusCode).toBe(403);
    const res = await manager.post('/api/sops/labour-case/versions', {
      document: labourCopy(),
      basedOnVersion: 1,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
  });

  it('refuses an invalid document with SOP_INVALID and the issue paths; nothing is published', async () => {
    const doc = labourCopy();
    doc.stages[2].tasks[0].deadline.amount = -3;
    doc.id = 'abuse';
    const res = await admin.post('/api/sops/labour-case/versions', { document: doc, basedOnVersion: 1 });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('SOP_INVALID');
    const paths = res.json().details.issues.map((i: { path: unknown[] }) => i.path.join('.'));
    expect(paths).toContain('stages.2.tasks.0.deadline.amount');
    expect(paths).toContain('id');
    const changedCategory = labourCopy();
    changedCategory.category = 'abuse';
    const refused = await admin.post('/api/sops/labour-case/versions', {
      document: changedCategory,
      basedOnVersion: 1,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().details.issues.map((i: { path: unknown[] }) => i.path)).toContainEqual([
      'category',
    ]);
    expect((await admin.get('/api/sops/labour-case/versions/2')).statusCode).toBe(404);
  });

  it('publishes version 2 with a changed deadline; version 1 stays readable; audited', async () => {
    const doc = labourCopy();
    doc.version = 77; // the server numbers versions
    doc.stages[1].tasks[0].deadline.amount = 3;
    const res = await admin.post('/api/sops/labour-case/versions', { document: doc, basedOnVersion: 1 });
    expect(res.statusCode).toBe(201);
    expect(res.json().version).toBe(2);
    expect(res.json().stages[1].tasks[0].deadline.amount).toBe(3);

    const v2 = (await manager.get('/api/sops/labour-case/versions/2')).json();
    expect(v2.version).toBe(2);
    expect(v2.stages[1].tasks[0].deadline.amount).toBe(3);
    const v1 = (await manager.get('/api/sops/labour-case/versions/1')).json();
    expect(v1.stages[1].tasks[0].deadline.amount).toBe(2);

    const labour = (await manager.get('/api/sops'))
      .json()
      .items.find((i: { id: string }) => i.id === 'labour-case');
    expect(labour.latestVersion).toBe(2);
    expect(labour.versions[1]).toMatchObject({ version: 2, publishedBy: 'admin' });
    expect(labour.casesByVersion).toEqual({ 1: 1, 2: 0 });

    const rows = await auditRows('sop.published');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      target_type: 'sop',
      target_id: 'labour-case',
      actor_username: 'admin',
      details: { sopId: 'labour-case', version: 2 },
    });
  });

  it('refuses a publication based on an older version (SOP_VERSION_STALE)', async () => {
    const res = await admin.post('/api/sops/labour-case/versions', {
      document: labourCopy(),
      basedOnVersion: 1,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'SOP_VERSION_STALE', details: { latestVersion: 2 } });
    expect((await admin.get('/api/sops/labour-case/versions/3')).statusCode).toBe(404);
  });

  it('answers 404 for publishing an SOP that does not exist', async () => {
    const doc = { ...labourCopy(), id: 'new-sop' };
    const res = await admin.post('/api/sops/new-sop/versions', { document: doc, basedOnVersion: 1 });
    expect(res.statusCode).toBe(404);
  });
});

describe('business calendar', () => {
  it('defaults to a Friday and Saturday weekend, no holidays', async () => {
    const res = await manager.get('/api/calendar');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ weekendDays: [5, 6], holidays: [] });
  });

  it('administrators replace weekend days and holidays; audited', async () => {
    const body = {
      weekendDays: [6, 5],
      holidays: [
        { date: '2026-12-16', name: 'National Day' },
        { date: '2026-12-17', name: 'National Day (second day)' },
      ],
    };
    const res = await admin.request('PUT', '/api/calendar', body);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ weekendDays: [5, 6], holidays: body.holidays });
    expect((await manager.get('/api/calendar')).json()).toEqual(res.json());

    const fewer = await admin.request('PUT', '/api/calendar', {
      weekendDays: [5],
      holidays: [{ date: '2027-01-01', name: "New Year's Day" }],
    });
    expect(fewer.json()).toEqual({
      weekendDays: [5],
      holidays: [{ date: '2027-01-01', name: "New Year's Day" }],
    });

    const rows = await auditRows('calendar.updated');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ target_type: 'calendar', details: { weekendDays: [5], holidays: 1 } });
  });

  it('refuses duplicates, bad dates, and non-administrators', async () => {
    const twice = await admin.request('PUT', '/api/calendar', {
      weekendDays: [5, 6],
      holidays: [
        { date: '2027-01-01', name: 'A' },
        { date: '2027-01-01', name: 'B' },
      ],
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().details.issues[0].path).toEqual(['holidays', 1, 'date']);
    const badDate = await admin.request('PUT', '/api/calendar', {
      weekendDays: [5, 6],
      holidays: [{ date: '2027-02-30', name: 'No such day' }],
    });
    expect(badDate.statusCode).toBe(400);
    const forbidden = await manager.request('PUT', '/api/calendar', { weekendDays: [5, 6], holidays: [] });
    expect(forbidden.statusCode).toBe(403);
    const focal = await ctx.signIn('focalpoint');
    expect((await focal.get('/api/calendar')).statusCode).toBe(403);
    expect((await focal.get('/api/sops')).statusCode).toBe(403);
  });
});
