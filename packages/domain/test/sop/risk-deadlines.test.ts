import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/policy.js';
import { canReferBeforeSop, isUrgentRisk } from '../../src/referral-access.js';
import { organisationKindsForRole } from '../../src/roles.js';
import {
  DEFAULT_ABUSE_SOP,
  DEFAULT_LABOUR_CASE_SOP,
  DEFAULT_SOPS,
  DEFAULT_TRAFFICKING_ADULT_SOP,
} from '../../src/sop/default-sops.js';
import { referralDeadlineBeforeSop, startCase } from '../../src/sop/plan.js';
import { durationForRisk, SopDocument } from '../../src/sop/sop-schema.js';
import { must, TEST_CALENDAR } from './test-support.js';

const problems = (doc: unknown): string[] => {
  const result = SopDocument.safeParse(doc);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};
const copy = (): SopDocument => JSON.parse(JSON.stringify(DEFAULT_LABOUR_CASE_SOP)) as SopDocument;

const police = { organisationKind: 'police', purpose: 'investigation' } as const;

describe('SOP deadlines per risk level', () => {
  it('accepts a byRisk map in hours or business days, and checks its amounts', () => {
    const doc = copy();
    const referral = doc.stages[2]!.referrals[0]!;
    referral.acknowledgeWithin = {
      amount: 2,
      unit: 'business_days',
      byRisk: { urgent: { amount: 2, unit: 'hours' }, high: { amount: 1, unit: 'business_days' } },
    };
    const task = doc.stages[0]!.tasks[0]!;
    task.deadline = { ...task.deadline!, byRisk: { urgent: { amount: 4, unit: 'hours' } } };
    expect(problems(doc)).toEqual([]);

    const bad = copy();
    bad.stages[2]!.referrals[0]!.acknowledgeWithin = {
      amount: 2,
      unit: 'business_days',
      byRisk: { urgent: { amount: 0, unit: 'hours' } },
    };
    const badTask = bad.stages[0]!.tasks[0]!;
    badTask.deadline = { ...badTask.deadline!, byRisk: { high: { amount: 9000, unit: 'hours' } } };
    expect(problems(bad)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('stages.2.referrals.0.acknowledgeWithin.byRisk.urgent.amount'),
        'stages.0.tasks.0.deadline.byRisk.high.amount: too long',
      ]),
    );
    const unknownRisk = copy();
    unknownRisk.stages[2]!.referrals[0]!.acknowledgeWithin = {
      amount: 2,
      unit: 'business_days',
      byRisk: { critical: { amount: 2, unit: 'hours' } },
    } as never;
    expect(problems(unknownRisk).length).toBeGreaterThan(0);
    // A risk level's deadline may not be longer than the one for every level.
    const longer = copy();
    longer.stages[2]!.referrals[0]!.acknowledgeWithin = {
      amount: 2,
      unit: 'hours',
      byRisk: { urgent: { amount: 3, unit: 'business_days' } },
    };
    expect(problems(longer)).toEqual([
      'stages.2.referrals.0.acknowledgeWithin.byRisk.urgent: longer than the deadline for every risk level',
    ]);
  });

  it('picks the risk level’s duration, else the general one', () => {
    const d = { amount: 1, unit: 'business_days', byRisk: { urgent: { amount: 2, unit: 'hours' } } } as const;
    expect(durationForRisk(d, 'urgent')).toEqual({ amount: 2, unit: 'hours' });
    expect(durationForRisk(d, 'low')).toEqual({ amount: 1, unit: 'business_days' });
  });

  it('has the police acknowledge an urgent or high-risk referral within 2 hours in the default SOPs', () => {
    for (const sop of [DEFAULT_TRAFFICKING_ADULT_SOP, DEFAULT_ABUSE_SOP]) {
      for (const [risk, due] of [
        ['urgent', '2026-12-17T22:00:00.000Z'],
        ['high', '2026-12-17T22:00:00.000Z'],
        // Thursday 17 December is a holiday, Friday and Saturday the weekend: the clock starts Sunday 00:00.
        ['medium', '2026-12-21T00:00:00.000Z'],
      ] as const) {
        const s = startCase(
          sop,
          { category: sop.category, minor: false, risk },
          '2026-12-17T19:00:00Z',
          TEST_CALENDAR,
        );
        const sent = must(sop, s, { type: 'send_referral', id: 'r1', ...police }, '2026-12-17T20:00:00Z');
        expect([sop.id, risk, sent.referrals[0]!.acknowledgeBy]).toEqual([sop.id, risk, due]);
      }
    }
  });

  it('follows a risk level on tasks too', () => {
    const sop = copy();
    const task = sop.stages[0]!.tasks[0]!;
    task.deadline = { ...task.deadline!, byRisk: { urgent: { amount: 4, unit: 'hours' } } };
    const urgent = startCase(
      sop,
      { category: 'labour_case', minor: false, risk: 'urgent' },
      '2026-12-14T06:00:00Z',
      TEST_CALENDAR,
    );
    const low = startCase(
      sop,
      { category: 'labour_case', minor: false, risk: 'low' },
      '2026-12-14T06:00:00Z',
      TEST_CALENDAR,
    );
    expect(urgent.tasks[0]!.dueAt).toBe('2026-12-14T10:00:00.000Z');
    expect(low.tasks[0]!.dueAt).toBe('2026-12-15T06:00:00.000Z');
  });

  it('before an SOP is chosen, gives a referral the strictest deadline any SOP sets for its risk', () => {
    expect(
      referralDeadlineBeforeSop(
        DEFAULT_SOPS,
        police,
        'acknowledgeWithin',
        'urgent',
        '2026-12-17T20:00:00Z',
        TEST_CALENDAR,
      )?.toISOString(),
    ).toBe('2026-12-17T22:00:00.000Z');
    expect(
      referralDeadlineBeforeSop(
        DEFAULT_SOPS,
        police,
        'acknowledgeWithin',
        'low',
        '2026-12-17T20:00:00Z',
        TEST_CALENDAR,
      )?.toISOString(),
    ).toBe('2026-12-21T00:00:00.000Z');
    // No SOP names this recipient: the installation's default applies (the caller's).
    expect(
      referralDeadlineBeforeSop(
        DEFAULT_SOPS,
        { organisationKind: 'human_rights_institution', purpose: 'legal_aid' },
        'acknowledgeWithin',
        'urgent',
        '2026-12-17T20:00:00Z',
        TEST_CALENDAR,
      ),
    ).toBeUndefined();
  });
});

describe('referring before screening', () => {
  const actor = (role: Actor['role']): Actor => ({
    userId: 'u',
    role,
    organisationId: 'org',
    organisationKind: organisationKindsForRole(role)[0]!,
    active: true,
  });

  it('is for a supervisor, on an urgent case only', () => {
    expect(isUrgentRisk('urgent')).toBe(true);
    expect(isUrgentRisk('high')).toBe(false);
    expect(canReferBeforeSop(actor('nrm_supervisor'), { risk: 'urgent' })).toBe(true);
    expect(canReferBeforeSop(actor('nrm_supervisor'), { risk: 'high' })).toBe(false);
    expect(canReferBeforeSop(actor('nrm_case_manager'), { risk: 'urgent' })).toBe(false);
    expect(canReferBeforeSop(actor('hotline_operator'), { risk: 'urgent' })).toBe(false);
    expect(canReferBeforeSop({ ...actor('nrm_supervisor'), active: false }, { risk: 'urgent' })).toBe(false);
  });
});
