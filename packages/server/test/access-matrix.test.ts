import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  type Actor,
  type CaseAccess,
  type CaseSection,
  can,
  caseAccess,
  type Permission,
  type ReferralStatus,
  referralAccess,
  seesDocument,
  taskAccess,
} from '@opennrm/domain';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadAccessFacts } from '../src/features/cases/cases.repository.js';
import { DEMO_USERS } from '../src/seed.js';
import { factory } from './factory.js';
import { type Client, createTestContext, type TestContext } from './harness.js';

// Explicit: this file builds its own databases (or reads every case as every role); a loaded
// 2-core machine needs more than the suite's default 30 s.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

/**
 * The generated access matrix (issue 9): every operation of the OpenAPI document × every
 * role, and every case-scoped read × every role × every relation of the case to the user's
 * organisation. The expected answer is computed from the domain policy (`can` on the
 * permission each route declares, `caseAccess` on the case's facts), never written by hand.
 * A new operation with a path parameter that this file does not classify fails the test.
 * `npm run test:access` runs it and prints the table (also written to test-artifacts/).
 */
let ctx: TestContext;
const clients = new Map<string, Client>();
const actors = new Map<string, Actor>();
const cases: Record<string, { id: string; reference: string; family: string }> = {};
const table: string[] = [];
let inspection: string;
/** Fixture referrals and tasks, with the facts the policy decides on. */
const referrals: { id: string; key: string; caseKey: string; organisationId: string; status: string }[] = [];
const tasks: { id: string; key: string; caseKey: string; ownerOrganisationId: string }[] = [];
const SECRET_MESSAGE = 'MatrixReferralMessage';
const documents: { id: string; key: string; caseKey: string; sharedWith: string[] }[] = [];
let notificationId: string;

const NOWHERE = '00000000-0000-4000-8000-000000000000';
const USERS = DEMO_USERS.map((u) => u.username);

interface DocumentedOp {
  method: string;
  path: string;
  access: { public: true } | { permission: Permission[]; stages?: string[] };
}

/** What each path parameter names: a new operation whose parameter is not here fails the matrix. */
const PARAMETERS: Record<string, string> = {
  '{id}': 'resource id',
  '{linkId}': 'party link id',
  '{index}': 'number',
  '{documentId}': 'document id',
  '{version}': 'number',
  '{sopId}': 'SOP key',
};

/** Operations that change the caller's own session or sign-in; probed by the auth tests instead. */
const SELF_SESSION = new Set(['POST /api/auth/logout', 'POST /api/auth/login', 'POST /api/me/mfa/enrol']);

/**
 * Case-scoped reads and what each needs beyond the route's permission, in the policy's
 * words: `read` (the case is visible), a section, or NRM write access (the SOP's own views).
 */
const CASE_READS: Record<string, 'read' | 'write' | CaseSection> = {
  'GET /api/cases/{id}': 'read',
  'GET /api/cases/{id}/consents': 'consents',
  'GET /api/cases/{id}/parties': 'parties',
  'GET /api/cases/{id}/timeline': 'timeline',
  'GET /api/cases/{id}/screening': 'screening',
  'GET /api/cases/{id}/access-log': 'write',
  'GET /api/cases/{id}/workflow': 'write',
  'GET /api/cases/{id}/procedure-map': 'write',
  'GET /api/cases/{id}/referrals': 'read',
  'GET /api/cases/{id}/tasks': 'read',
  'GET /api/cases/{id}/documents': 'read',
  'GET /api/cases/{id}/referrals/consent-check': 'write',
};

function concrete(p: string) {
  return p.replace(/\{[^}]+\}/g, (m) =>
    m === '{index}' || m === '{version}' ? '1' : m === '{sopId}' ? 'labour' : NOWHERE,
  );
}

async function documentedOperations(): Promise<DocumentedOp[]> {
  const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, { 'x-opennrm-access'?: DocumentedOp['access'] }>>;
  };
  const ops: DocumentedOp[] = [];
  for (const [p, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      ops.push({ method: method.toUpperCase(), path: p, access: op['x-opennrm-access']! });
    }
  }
  return ops;
}

async function orgId(name: string) {
  return (
    await ctx.db.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirstOrThrow()
  ).id;
}

beforeAll(async () => {
  ctx = await createTestContext();
  for (const u of USERS) clients.set(u, await ctx.signIn(u));
  for (const [username, actor] of await factory(ctx).actors()) actors.set(username, actor);
  const manager = clients.get('casemanager')!;
  const make = async (key: string, nationality: string, by: Client = manager, kind = 'walk_in') => {
    const family = `Matrix${key.charAt(0).toUpperCase()}${key.slice(1)}`;
    const res = await by.post('/api/cases', {
      intakeKind: kind,
      channel: kind,
      person: { nameLatin: `Ana ${family}`, nationality, sex: 'female' },
      narrative: 'What happened, in the words of the person.',
    });
    if (res.statusCode !== 201) throw new Error(`${key}: ${res.body}`);
    cases[key] = { ...res.json(), family };
  };
  await make('referredAllSections', 'IN');
  await make('referredNarrativeOnly', 'IN');
  await make('referralRevoked', 'KE');
  await make('referralDeclined', 'KE');
  await make('unrelated', 'KE');
  await make('nationalConsented', 'PH');
  await make('nationalNoConsent', 'PH');
  await make('otherNationalConsented', 'IN');
  await make('hotlineIntake', 'NP', clients.get('hotline')!, 'hotline');

  inspection = await orgId('Labour Inspection Directorate');
  const all: CaseSection[] = ['person', 'narrative', 'screening', 'parties', 'consents', 'timeline'];
  const police = await orgId('Police Directorate');
  const fixtureReferrals: [string, string, string, CaseSection[], ReferralStatus][] = [
    ['toInspection', 'referredAllSections', inspection, all, 'sent'],
    ['toPolice', 'referredAllSections', police, ['person'], 'accepted'],
    ['narrativeOnly', 'referredNarrativeOnly', inspection, ['narrative'], 'acknowledged'],
    ['revoked', 'referralRevoked', inspection, ['person'], 'revoked'],
    ['declined', 'referralDeclined', inspection, ['person'], 'declined'],
  ];
  for (const [key, caseKey, organisationId, sections, status] of fixtureReferrals) {
    const row = await ctx.db
      .insertInto('referrals')
      .values({
        case_id: cases[caseKey]!.id,
        organisation_id: organisationId,
        shared_sections: sections,
        status,
        message_enc: ctx.crypto.encrypt(SECRET_MESSAGE),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    referrals.push({ id: row.id, key, caseKey, organisationId, status });
  }
  // Tasks owned by an organisation: on a case referred to it, on a case it is not referred
  // (the old "only organisation of that kind" owner), after its referral was revoked, and
  // another organisation's task on a case both hold.
  const fixtureTasks: [string, string, string][] = [
    ['inspectionOnReferred', 'referredAllSections', inspection],
    ['inspectionOnUnrelated', 'unrelated', inspection],
    ['inspectionAfterRevocation', 'referralRevoked', inspection],
    ['policeOnShared', 'referredAllSections', police],
  ];
  for (const [key, caseKey, ownerOrganisationId] of fixtureTasks) {
    const row = await ctx.db
      .insertInto('tasks')
      .values({
        case_id: cases[caseKey]!.id,
        key: `matrix-${key}`,
        title: JSON.stringify({ en: `Matrix task ${key}` }),
        status: 'open',
        owner_organisation_id: ownerOrganisationId,
        created_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    tasks.push({ id: row.id, key, caseKey, ownerOrganisationId });
  }
  // Documents on a referred case: shared with the receiving organisation, with another, with none.
  const fixtureDocuments: [string, string, string[]][] = [
    ['sharedWithInspection', 'referredAllSections', [inspection]],
    ['sharedWithPolice', 'referredAllSections', [police]],
    ['notShared', 'referredAllSections', []],
    ['sharedOnRevoked', 'referralRevoked', [inspection]],
  ];
  for (const [key, caseKey, sharedWith] of fixtureDocuments) {
    const row = await ctx.db
      .insertInto('documents')
      .values({
        case_id: cases[caseKey]!.id,
        type: 'other',
        title_enc: ctx.crypto.encrypt(`Matrix document ${key}`),
        shared_with: sharedWith,
        current_version: 1,
        created_at: new Date(),
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.db
      .insertInto('document_versions')
      .values({
        document_id: row.id,
        version: 1,
        storage_prefix: `matrix/${row.id}`,
        parts: 1,
        wrapped_key: 'none',
        size_bytes: 1,
        sha256: 'a'.repeat(64),
        content_type: 'application/pdf',
        file_name_enc: ctx.crypto.encrypt('matrix.pdf'),
        uploaded_at: new Date(),
      })
      .execute();
    documents.push({ id: row.id, key, caseKey, sharedWith });
  }
  for (const key of ['nationalConsented', 'otherNationalConsented']) {
    const res = await manager.post(`/api/cases/${cases[key]!.id}/consents`, {
      purpose: 'embassy_contact',
      status: 'given',
      method: 'verbal_with_interpreter',
    });
    if (res.statusCode !== 201) throw new Error(`consent ${key}: ${res.body}`);
  }
});

afterAll(async () => {
  if (table.length && process.env.ACCESS_MATRIX_PRINT) {
    const text = table.join('\n');
    console.log(`\n${text}\n`);
    const dir = path.resolve(import.meta.dirname, '../../../test-artifacts');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'access-matrix.md'), `${text}\n`);
  }
  await ctx?.close();
});

const expectations = new Map<string, Promise<CaseAccess>>();
function expectedOn(username: string, key: string): Promise<CaseAccess> {
  const k = `${username}:${key}`;
  if (!expectations.has(k)) expectations.set(k, computeExpected(username, key));
  return expectations.get(k)!;
}

async function computeExpected(username: string, key: string): Promise<CaseAccess> {
  const row = await ctx.db
    .selectFrom('cases')
    .select(['id', 'created_by', 'person_id', 'duplicate_check'])
    .where('id', '=', cases[key]!.id)
    .executeTakeFirstOrThrow();
  return caseAccess(actors.get(username)!, await loadAccessFacts(ctx.db, row));
}

const mark = (allowed: boolean) => (allowed ? '✓' : '·');

describe('access matrix', () => {
  it('every documented operation declares its access and every path parameter is known', async () => {
    const ops = await documentedOperations();
    expect(ops.length).toBeGreaterThan(80);
    const missing = ops.filter((o) => !o.access).map((o) => `${o.method} ${o.path}`);
    expect(missing, 'operations without x-opennrm-access').toEqual([]);
    const unknown = ops.flatMap((o) => (o.path.match(/\{[^}]+\}/g) ?? []).filter((p) => !PARAMETERS[p]));
    expect(unknown, 'path parameters this matrix does not classify').toEqual([]);
    const caseReads = ops.filter((o) => o.method === 'GET' && o.path.startsWith('/api/cases/{id}'));
    const unclassified = caseReads.map((o) => `${o.method} ${o.path}`).filter((k) => !CASE_READS[k]);
    expect(unclassified, 'case reads without a need in CASE_READS').toEqual([]);
  });

  it('every operation × every role answers as the permission it declares says', async () => {
    const ops = (await documentedOperations()).filter((o) => !SELF_SESSION.has(`${o.method} ${o.path}`));
    const wrong: string[] = [];
    table.push('## Operations × roles (✓ = the route lets the role in; the resource rules then apply)', '');
    table.push(`| operation | ${USERS.join(' | ')} |`, `|---|${USERS.map(() => '---').join('|')}|`);
    for (const op of ops) {
      const row: string[] = [];
      for (const u of USERS) {
        const actor = actors.get(u)!;
        const allowed =
          'public' in op.access ||
          ((op.access.stages ?? ['authenticated']).includes('authenticated') &&
            op.access.permission.some((p) => can(actor, p)));
        row.push(mark(allowed));
        const res = await clients
          .get(u)!
          .request(op.method as 'GET', concrete(op.path), op.method === 'GET' ? undefined : {}, {
            headers: { 'if-match': '"v1"' },
          });
        const refused = res.statusCode === 403 || res.statusCode === 401;
        if (res.statusCode >= 500) wrong.push(`${u} ${op.method} ${op.path} → ${res.statusCode}`);
        else if (allowed === refused && !(allowed && res.statusCode === 403 && op.method !== 'GET')) {
          wrong.push(
            `${u} ${op.method} ${op.path} → ${res.statusCode}, policy says ${allowed ? 'allow' : 'deny'}`,
          );
        }
      }
      table.push(`| ${op.method} ${op.path} | ${row.join(' | ')} |`);
    }
    expect(wrong).toEqual([]);
  });

  it('every case read × every role × every relation answers as caseAccess says', async () => {
    const ops = (await documentedOperations()).filter((o) => CASE_READS[`${o.method} ${o.path}`]);
    const keys = Object.keys(cases);
    const wrong: string[] = [];
    table.push('', '## Case reads × roles × relations (✓ = allowed by the policy and answered)', '');
    table.push(`| relation / read | ${USERS.join(' | ')} |`, `|---|${USERS.map(() => '---').join('|')}|`);
    for (const key of keys) {
      for (const op of ops) {
        const need = CASE_READS[`${op.method} ${op.path}`]!;
        const row: string[] = [];
        for (const u of USERS) {
          const actor = actors.get(u)!;
          const access = await expectedOn(u, key);
          const routeAllows = 'public' in op.access || op.access.permission.some((p) => can(actor, p));
          const allowed =
            routeAllows &&
            access.read &&
            (need === 'read' || (need === 'write' ? access.write : access.sections.includes(need)));
          const query = op.path.endsWith('/consent-check')
            ? `?organisationId=${inspection}&purpose=inspection`
            : '';
          const res = await clients.get(u)!.get(`${op.path.replace('{id}', cases[key]!.id)}${query}`);
          row.push(mark(allowed));
          const ok = res.statusCode === 200;
          if (res.statusCode >= 500 || ok !== allowed) {
            wrong.push(
              `${u} ${op.path} on ${key} → ${res.statusCode}, policy says ${allowed ? 'allow' : 'deny'}`,
            );
          }
          // Whatever the answer, a case the user may not read is not revealed as existing.
          if (!access.read && routeAllows && res.statusCode !== 404) {
            wrong.push(`${u} ${op.path} on ${key} → ${res.statusCode}: reveals the case exists`);
          }
          // The person's name never reaches a user the policy does not show it to.
          if (
            ok &&
            !(access.read && access.sections.includes('person')) &&
            res.body.includes(cases[key]!.family)
          ) {
            wrong.push(`${u} ${op.path} on ${key}: the name leaks`);
          }
        }
        table.push(`| ${key}: ${op.path.replace('/api/cases/{id}', '') || 'case'} | ${row.join(' | ')} |`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('lists, search and counts find only what the policy lets each role see', async () => {
    const wrong: string[] = [];
    for (const u of USERS) {
      const actor = actors.get(u)!;
      const c = clients.get(u)!;
      if (!can(actor, 'cases.list')) {
        expect((await c.get('/api/cases')).statusCode, u).toBe(403);
        continue;
      }
      const listed = (await c.get('/api/cases?limit=100')).json() as {
        items: { id: string }[];
        total: number;
      };
      const visible: string[] = [];
      for (const key of Object.keys(cases)) {
        const access = await expectedOn(u, key);
        if (access.read) visible.push(cases[key]!.id);
        const mine = listed.items.some((i) => i.id === cases[key]!.id);
        if (mine !== access.read) wrong.push(`${u} list ${key}: listed=${mine}, policy=${access.read}`);
        // Search by family name: a match only where the person section is visible (no oracle).
        const seesPerson = access.read && access.sections.includes('person');
        for (const q of [cases[key]!.family, cases[key]!.family.slice(0, 9)]) {
          const found = (await c.get(`/api/cases?q=${encodeURIComponent(q)}&limit=100`)).json() as {
            items: { id: string }[];
          };
          const hit = found.items.some((i) => i.id === cases[key]!.id);
          if (hit && !seesPerson) wrong.push(`${u} search "${q}" finds ${key} without its person section`);
          if (!hit && seesPerson && q === cases[key]!.family) wrong.push(`${u} search "${q}" misses ${key}`);
        }
        const byNationality = (await c.get('/api/cases?nationality=IN&limit=100')).json() as {
          items: { id: string }[];
        };
        if (byNationality.items.some((i) => i.id === cases[key]!.id) && !seesPerson) {
          wrong.push(`${u} nationality filter finds ${key} without its person section`);
        }
      }
      const ours = listed.items.filter((i) => Object.values(cases).some((k) => k.id === i.id));
      expect(ours.length, `${u} list`).toBe(visible.length);
    }
    expect(wrong).toEqual([]);
  });

  it('every referral and task × every role answers as referralAccess and taskAccess say', async () => {
    const wrong: string[] = [];
    table.push(
      '',
      '## Referrals and tasks × roles (✓ = readable; "ended" = a bare record without content)',
      '',
    );
    table.push(`| referral / task | ${USERS.join(' | ')} |`, `|---|${USERS.map(() => '---').join('|')}|`);
    const caseFacts = async (caseKey: string) => {
      const row = await ctx.db
        .selectFrom('cases')
        .select(['id', 'created_by', 'person_id', 'duplicate_check'])
        .where('id', '=', cases[caseKey]!.id)
        .executeTakeFirstOrThrow();
      return loadAccessFacts(ctx.db, row);
    };
    for (const r of referrals) {
      const row: string[] = [];
      for (const u of USERS) {
        const actor = actors.get(u)!;
        const c = clients.get(u)!;
        const ra = referralAccess(actor, r);
        const routeAllows = can(actor, 'referrals.send') || can(actor, 'referrals.respond');
        const allowed =
          routeAllows && ra.read && (ra.view === 'ended' || (await expectedOn(u, r.caseKey)).read);
        row.push(allowed ? (ra.read && ra.view === 'ended' ? 'ended' : '✓') : '·');
        const res = await c.get(`/api/referrals/${r.id}`);
        if (res.statusCode >= 500 || (res.statusCode === 200) !== allowed) {
          wrong.push(
            `${u} GET referral ${r.key} → ${res.statusCode}, policy says ${allowed ? 'allow' : 'deny'}`,
          );
        }
        if (res.statusCode === 200 && ra.read && ra.view === 'ended' && res.body.includes(SECRET_MESSAGE)) {
          wrong.push(`${u} referral ${r.key}: an ended referral shows its message`);
        }
        // The case's referral list shows exactly the referrals this user may read.
        const list = await c.get(`/api/cases/${cases[r.caseKey]!.id}/referrals`);
        if (list.statusCode === 200) {
          const listed = (list.json().items as { id: string }[]).some((i) => i.id === r.id);
          if (listed && !allowed) wrong.push(`${u} case referral list shows ${r.key}`);
        }
      }
      table.push(`| referral ${r.key} (${r.status}) | ${row.join(' | ')} |`);
    }
    for (const t of tasks) {
      const facts = await caseFacts(t.caseKey);
      const row: string[] = [];
      for (const u of USERS) {
        const actor = actors.get(u)!;
        const c = clients.get(u)!;
        const ta = taskAccess(actor, facts, { ownerOrganisationId: t.ownerOrganisationId, assigneeId: null });
        const allowed = (can(actor, 'tasks.work') || can(actor, 'cases.manage')) && ta.read;
        row.push(mark(allowed));
        const seen: string[] = [];
        for (const url of [
          `/api/cases/${cases[t.caseKey]!.id}/tasks`,
          '/api/tasks?view=organisation&status=all&limit=100',
          '/api/tasks?view=mine&status=all&limit=100',
        ]) {
          const res = await c.get(url);
          if (res.statusCode >= 500) wrong.push(`${u} ${url} → ${res.statusCode}`);
          if (res.statusCode === 200 && (res.json().items as { id: string }[]).some((i) => i.id === t.id)) {
            seen.push(url);
          }
        }
        if (seen.length > 0 && !allowed) wrong.push(`${u} sees task ${t.key} in ${seen.join(', ')}`);
        if (allowed && can(actor, 'cases.manage') && seen.length === 0)
          wrong.push(`${u} misses task ${t.key}`);
        if (allowed && !can(actor, 'cases.manage') && !seen.some((s) => s.includes('organisation'))) {
          wrong.push(`${u} misses own organisation's task ${t.key}`);
        }
        // Writing follows reading: a task the user may not read cannot be changed either.
        if (!allowed && can(actor, 'tasks.work')) {
          const res = await c.request(
            'PATCH',
            `/api/tasks/${t.id}`,
            { note: 'probe' },
            { headers: { 'if-match': '"v1"' } },
          );
          if (![400, 403, 404].includes(res.statusCode))
            wrong.push(`${u} PATCH task ${t.key} → ${res.statusCode}`);
        }
      }
      table.push(`| task ${t.key} | ${row.join(' | ')} |`);
    }
    expect(wrong).toEqual([]);
  });

  it('every document and notification × every role answers as seesDocument and ownership say', async () => {
    // A notification (made here: the operations probe above marked everything read) of the case manager's: nobody else may list or mark it.
    notificationId = (
      await ctx.db
        .insertInto('notifications')
        .values({
          user_id: actors.get('casemanager')!.userId,
          kind: 'task_assigned',
          case_id: cases.unrelated!.id,
          subject: JSON.stringify({ en: 'Matrix notification' }),
          link: `/cases/${cases.unrelated!.id}`,
          created_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const wrong: string[] = [];
    table.push('', '## Documents × roles (✓ = the metadata is readable)', '');
    table.push(`| document | ${USERS.join(' | ')} |`, `|---|${USERS.map(() => '---').join('|')}|`);
    for (const d of documents) {
      const row: string[] = [];
      for (const u of USERS) {
        const actor = actors.get(u)!;
        const c = clients.get(u)!;
        const access = await expectedOn(u, d.caseKey);
        const allowed = can(actor, 'cases.list') && seesDocument(access, actor, d.sharedWith);
        row.push(mark(allowed));
        const res = await c.get(`/api/documents/${d.id}`);
        if (res.statusCode >= 500 || (res.statusCode === 200) !== allowed) {
          wrong.push(
            `${u} GET document ${d.key} → ${res.statusCode}, policy says ${allowed ? 'allow' : 'deny'}`,
          );
        }
        const list = await c.get(`/api/cases/${cases[d.caseKey]!.id}/documents`);
        if (list.statusCode === 200) {
          const listed = JSON.stringify(list.json()).includes(d.id);
          if (listed !== allowed) wrong.push(`${u} case documents list: ${d.key} listed=${listed}`);
        }
      }
      table.push(`| document ${d.key} | ${row.join(' | ')} |`);
    }
    for (const u of USERS) {
      const c = clients.get(u)!;
      const mine = u === 'casemanager';
      const list = await c.get('/api/notifications?limit=100');
      const listed = list.statusCode === 200 && list.body.includes(notificationId);
      if (listed !== mine) wrong.push(`${u} notification list: listed=${listed}`);
      if (!mine) {
        const res = await c.post(`/api/notifications/${notificationId}/read`, {});
        if (res.statusCode < 400 || res.statusCode >= 500)
          wrong.push(`${u} marks another's notification → ${res.statusCode}`);
      }
    }
    const stillUnread = await ctx.db
      .selectFrom('notifications')
      .select('read_at')
      .where('id', '=', notificationId)
      .executeTakeFirstOrThrow();
    expect(stillUnread.read_at).toBeNull();
    expect(wrong).toEqual([]);
  });
});
