import type { NotificationKind } from '@opennrm/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../src/db/create-db.js';
import { sweepOverdue } from '../src/features/tasks/index.js';
import type { Services } from '../src/services.js';
import { createServices } from '../src/services.js';
import { type Client, createTestContext, type TestContext } from './harness.js';
import { screenedTraffickingCase } from './workflow-support.js';

let ctx: TestContext;
let manager: Client;
let services: Services;
const HOUR = 3_600_000;

beforeAll(async () => {
  ctx = await createTestContext({ ESCALATION_GRACE_HOURS: '24' });
  manager = await ctx.signIn('casemanager');
  services = createServices({ config: ctx.config, db: ctx.db, now: ctx.clock.now, crypto: ctx.crypto });
});
afterAll(() => ctx.close());

async function userId(username: string) {
  return (
    await ctx.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()
  ).id;
}

async function notificationsOf(username: string, kind: NotificationKind) {
  return ctx.db
    .selectFrom('notifications')
    .select(['dedupe_key', 'subject', 'case_id'])
    .where('user_id', '=', await userId(username))
    .where('kind', '=', kind)
    .execute();
}

describe('the overdue sweep', () => {
  it('marks overdue tasks once, tells the owner, and escalates after the grace period', async () => {
    const id = await screenedTraffickingCase(manager);
    // The safety assessment is due 4 hours after receipt.
    const before = await sweepOverdue(services);
    expect(before.tasksOverdue).toBe(0);
    ctx.clock.advance(5 * HOUR);
    const first = await sweepOverdue(services);
    expect(first.tasksOverdue).toBeGreaterThanOrEqual(1);
    const overdue = await notificationsOf('casemanager', 'overdue');
    expect(overdue.some((n) => n.case_id === id)).toBe(true);
    // The notification carries the reference and the SOP task's title, never the person.
    const mine = overdue.find((n) => n.case_id === id)!;
    expect(JSON.stringify(mine.subject)).toMatch(/NRM-\d{4}-\d{6}/);
    expect(JSON.stringify(mine.subject)).not.toContain('Rowena');
    const again = await sweepOverdue(services);
    expect(again.tasksOverdue).toBe(0);

    // The task page shows it overdue (signed in again: the clock moved hours).
    manager = await ctx.signIn('casemanager');
    const tasks = (await manager.get(`/api/cases/${id}/tasks`)).json().items;
    expect(tasks.find((t: { key: string }) => t.key === 'safety_assessment')).toMatchObject({
      overdue: true,
    });

    ctx.clock.advance(25 * HOUR);
    const escalated = await sweepOverdue(services);
    expect(escalated.tasksEscalated).toBeGreaterThanOrEqual(1);
    expect((await notificationsOf('supervisor', 'escalation')).some((n) => n.case_id === id)).toBe(true);
    expect((await sweepOverdue(services)).tasksEscalated).toBe(0);
    const sweeps = await ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'scheduler.swept')
      .execute();
    expect(sweeps.length).toBeGreaterThanOrEqual(2);
  });

  it('marks a referral not acknowledged in time and tells the receiving organisation', async () => {
    // The clock moved a day and more: sign in again.
    manager = await ctx.signIn('casemanager');
    const id = await screenedTraffickingCase(manager);
    await manager.post(`/api/cases/${id}/consents`, {
      purpose: 'share_with_organisation_kind',
      organisationKind: 'police',
      status: 'given',
      method: 'verbal',
    });
    const policeId = (
      await ctx.db
        .selectFrom('organisations')
        .select('id')
        .where('kind', '=', 'police')
        .executeTakeFirstOrThrow()
    ).id;
    // The SOP gives the police 1 business day to acknowledge an investigation referral.
    const sent = await manager.post(`/api/cases/${id}/referrals`, {
      organisationId: policeId,
      purpose: 'investigation',
      sharedSections: ['person'],
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect((await notificationsOf('officer', 'referral_new')).some((n) => n.case_id === id)).toBe(true);
    ctx.clock.advance(4 * 24 * HOUR);
    const swept = await sweepOverdue(services);
    expect(swept.referralsOverdue).toBeGreaterThanOrEqual(1);
    expect((await notificationsOf('officer', 'overdue')).some((n) => n.case_id === id)).toBe(true);
    const police = await ctx.signIn('officer');
    const inbox = (await police.get('/api/inbox?box=overdue')).json();
    expect(inbox.items.map((r: { id: string }) => r.id)).toContain(sent.json().id);
  });
});

describe.runIf(process.env.OPENNRM_TEST_DB === 'postgres')('two server instances on PostgreSQL', () => {
  it('escalate each overdue task exactly once', async () => {
    const second = await createDb({ databaseUrl: ctx.databaseUrl!, poolSize: 5 });
    try {
      manager = await ctx.signIn('casemanager');
      const caseId = await screenedTraffickingCase(manager);
      const owner = await userId('casemanager');
      const now = ctx.clock.now();
      const n = 1200;
      const rows = Array.from({ length: n }, (_, i) => ({
        case_id: caseId,
        key: `load-${i}`,
        title: JSON.stringify({ en: 'Load test task' }),
        mandatory: false,
        status: 'open' as const,
        assignee_id: owner,
        due_at: new Date(now.getTime() - 60_000 - i),
        created_at: now,
      }));
      for (let i = 0; i < n; i += 400)
        await ctx.db
          .insertInto('tasks')
          .values(rows.slice(i, i + 400))
          .execute();

      const countMarked = async (column: 'overdue_at' | 'escalated_at') =>
        Number(
          (
            await ctx.db
              .selectFrom('tasks')
              .select((eb) => eb.fn.countAll<string>().as('n'))
              .where(column, 'is not', null)
              .executeTakeFirstOrThrow()
          ).n,
        );
      const overdueBefore = await countMarked('overdue_at');
      const a: Services = services;
      const b: Services = { ...services, db: second.db };
      const runs = await Promise.all([sweepOverdue(a), sweepOverdue(b), sweepOverdue(a), sweepOverdue(b)]);
      // Every task claimed by exactly one of the runs: the runs' counts add up to the rows marked.
      const claimed = runs.reduce((sum, r) => sum + r.tasksOverdue, 0);
      expect(claimed).toBe((await countMarked('overdue_at')) - overdueBefore);
      expect(claimed).toBeGreaterThanOrEqual(n);
      const marked = await ctx.db
        .selectFrom('tasks')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('key', 'like', 'load-%')
        .where('overdue_at', 'is not', null)
        .executeTakeFirstOrThrow();
      expect(Number(marked.n)).toBe(n);

      const escalatedBefore = await countMarked('escalated_at');
      ctx.clock.advance(25 * HOUR);
      const escalations = await Promise.all([
        sweepOverdue(a),
        sweepOverdue(b),
        sweepOverdue(b),
        sweepOverdue(a),
      ]);
      const loadEscalated = escalations.reduce((sum, r) => sum + r.tasksEscalated, 0);
      expect(loadEscalated).toBeGreaterThanOrEqual(n);
      expect(loadEscalated).toBe((await countMarked('escalated_at')) - escalatedBefore);
      const perTask = await ctx.db
        .selectFrom('notifications')
        .select(['dedupe_key', 'user_id', (eb) => eb.fn.countAll<string>().as('n')])
        .where('kind', '=', 'escalation')
        .where('case_id', '=', caseId)
        .groupBy(['dedupe_key', 'user_id'])
        .execute();
      expect(perTask.every((r) => Number(r.n) === 1)).toBe(true);
      const supervisor = await userId('supervisor');
      const toSupervisor = perTask.filter((r) => r.user_id === supervisor && r.dedupe_key?.includes('task'));
      expect(toSupervisor.length).toBeGreaterThanOrEqual(n);
    } finally {
      await second.close();
    }
  });
});
