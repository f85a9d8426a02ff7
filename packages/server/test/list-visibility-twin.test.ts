import {
  type Actor,
  CaseListQuery,
  type CaseSection,
  caseAccess,
  type ReferralStatus,
} from '@opennrm/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCases, loadAccessFacts } from '../src/features/cases/cases.repository.js';
import { factory } from './factory.js';
import { createTestContext, type TestContext } from './harness.js';

/**
 * The case list filters with SQL (case-visibility.sql.ts), a case is opened with the domain's
 * `caseAccess`: the two must agree for every user, or a list (or its count) leaks a case the
 * user may not open, or hides one they may. Built with the data factory: about 80 cases with
 * creators, referrals to every kind of organisation in every status, shared sections and
 * nationalities drawn from a fixed seed, then every demo user's list compared with the policy.
 */
let ctx: TestContext;
let actors: Map<string, Actor>;
const caseIds: string[] = [];

// A small deterministic generator (mulberry32), so a failure names the same data every run.
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  ctx = await createTestContext();
  const make = factory(ctx);
  actors = await make.actors();
  const rand = random(2026);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const organisations = await ctx.db.selectFrom('organisations').select(['id', 'kind']).execute();
  const creators = [...actors.values()].map((a) => a.userId);
  const statuses: ReferralStatus[] = ['sent', 'acknowledged', 'accepted', 'declined', 'revoked', 'completed'];
  const sections: CaseSection[][] = [['narrative'], ['narrative', 'person'], ['person', 'screening'], []];
  for (let i = 0; i < 80; i++) {
    const creator = rand() < 0.5 ? pick(creators) : null;
    const created = await make.case({
      nationality: pick(['PH', 'IN', 'ET', 'NP', null]),
      createdBy: creator,
      stage: pick(['received', 'screening', 'referral_assistance', 'follow_up'] as const),
      risk: pick(['low', 'medium', 'high', 'urgent'] as const),
    });
    caseIds.push(created.id);
    const referrals = Math.floor(rand() * 3);
    for (let r = 0; r < referrals; r++) {
      const org = pick(organisations);
      await make.referral(created.id, org.id, { status: pick(statuses), sharedSections: pick(sections) });
    }
  }
});
afterAll(() => ctx.close());

describe('the case list and the case access policy', () => {
  it('list exactly the cases each user may open', { timeout: 120_000 }, async () => {
    const query = { ...CaseListQuery.parse({}), limit: 1000 };
    for (const [username, actor] of actors) {
      const listed = new Set((await listCases(ctx.db, actor, query, undefined, undefined)).map((r) => r.id));
      const rows = await ctx.db
        .selectFrom('cases')
        .select(['id', 'created_by', 'person_id', 'duplicate_check'])
        .where('id', 'in', caseIds)
        .execute();
      for (const row of rows) {
        const may = caseAccess(actor, await loadAccessFacts(ctx.db, row)).read;
        expect(listed.has(row.id), `${username} on ${row.id}: policy says ${may}`).toBe(may);
      }
    }
  });
});
