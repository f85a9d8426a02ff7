import { REFERRAL_ACTIVE_STATUSES } from '@opennrm/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoWorkflows } from '../src/demo/demo-workflows.js';
import { seedSyntheticCases } from '../src/demo/synthetic-cases.js';
import { createServices } from '../src/services.js';
import { createTestContext, type TestContext } from './harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('demo workflows', () => {
  it('leaves demo cases at every stage, with referrals, tasks (some overdue) and closed cases', {
    timeout: 300_000,
  }, async () => {
    const services = createServices({
      config: ctx.config,
      db: ctx.db,
      now: ctx.clock.now,
      crypto: ctx.crypto,
    });
    await seedSyntheticCases(services, { count: 200, seed: 2026 });
    await seedSyntheticCases(services, { count: 150, seed: 7, append: true });
    const result = await seedDemoWorkflows(services, { limit: 150 });
    expect(result.failed).toEqual([]);
    expect(result.started).toBeGreaterThan(40);
    for (const stage of ['referral_assistance', 'closed'])
      expect(result.byStage[stage] ?? 0).toBeGreaterThan(0);
    const referrals = await ctx.db.selectFrom('referrals').select(['status']).execute();
    expect(new Set(referrals.map((r) => r.status)).size).toBeGreaterThanOrEqual(3);
    const overdue = await ctx.db
      .selectFrom('tasks')
      .select('id')
      .where('status', '=', 'open')
      .where('due_at', '<', ctx.clock.now())
      .execute();
    expect(overdue.length).toBeGreaterThan(0);
    // A task belongs to an organisation only while it holds an active referral on the case
    // (issue 9, hole 7): no "only organisation of that kind" owner on cases not referred to it.
    const strayTasks = await ctx.db
      .selectFrom('tasks as t')
      .select(['t.id', 't.key', 't.owner_kind'])
      .where('t.owner_organisation_id', 'is not', null)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('referrals as r')
              .select('r.id')
              .whereRef('r.case_id', '=', 't.case_id')
              .whereRef('r.organisation_id', '=', 't.owner_organisation_id')
              .where('r.status', 'in', [...REFERRAL_ACTIVE_STATUSES]),
          ),
        ),
      )
      .execute();
    expect(strayTasks).toEqual([]);
    const { ok: valid } = await import('../src/features/audit/audit.service.js').then((m) =>
      m.verifyAuditChain(ctx.db),
    );
    expect(valid).toBe(true);
  });
});
