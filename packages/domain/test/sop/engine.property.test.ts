import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASE_SUBTYPES } from '../../src/case-vocabulary.js';
import { deepFreeze } from '../../src/screening/freeze.js';
import type { CaseAction } from '../../src/sop/actions.js';
import { DEFAULT_SOPS } from '../../src/sop/default-sops.js';
import { type AvailableAction, availableActions, closeBlockers } from '../../src/sop/engine.js';
import { isTaskMandatory, needsReopen, referralConcluded } from '../../src/sop/evaluate.js';
import { startCase } from '../../src/sop/plan.js';
import { type ActionResult, applyAction } from '../../src/sop/reduce.js';
import type { SopDocument } from '../../src/sop/sop-schema.js';
import { CaseState } from '../../src/sop/state.js';
import { PROPERTY_TIMEOUT_MS, runs as sized } from '../support/property-runs.js';
import { caseArbitrary, type Step, stepArbitrary, toAction } from './property-support.js';
import { TEST_CALENDAR } from './test-support.js';

const START = Date.parse('2026-12-10T06:00:00Z');
const HOUR = 3_600_000;

interface Transition {
  sop: SopDocument;
  before: CaseState;
  action: CaseAction;
  result: ActionResult;
  now: string;
}

/** Plays a random run, calling `check` on every transition; returns whether the case ever closed. */
function play(
  input: { sopIndex: number; subtypePick: number; risk: CaseState['risk']; flags: string[] },
  steps: Step[],
  check: (t: Transition) => void,
): boolean {
  const sop = DEFAULT_SOPS[input.sopIndex]!;
  const subtypes = CASE_SUBTYPES[sop.category];
  const facts = {
    category: sop.category,
    subtype: subtypes[input.subtypePick % subtypes.length]!,
    minor: sop.appliesWhen?.minor ?? input.subtypePick % 5 === 0,
    risk: input.risk,
    flags: input.flags,
  };
  let state: CaseState = startCase(sop, facts, new Date(START).toISOString(), TEST_CALENDAR);
  let closed = false;
  steps.forEach((step, i) => {
    const now = new Date(START + (i + 1) * 3 * HOUR).toISOString();
    const before = deepFreeze(state);
    const action = toAction(step, sop, before, now);
    const result = applyAction(sop, before, action, { at: now, calendar: TEST_CALENDAR });
    check({ sop, before, action, result, now });
    if (result.ok) state = result.state;
    if (state.stage === 'closed') closed = true;
  });
  return closed;
}

const runs = fc.tuple(caseArbitrary, fc.array(stepArbitrary, { minLength: 1, maxLength: 200, size: 'max' }));

/** What must hold of any closed case. */
function expectClosable(sop: SopDocument, s: CaseState): void {
  for (const task of s.tasks) {
    if (task.mandatory || isTaskMandatory(sop, s, task)) expect(task.status, task.id).not.toBe('open');
  }
  for (const referral of s.referrals) expect(referralConcluded(referral), referral.id).toBe(true);
  expect(s.closure.approved).toBe(true);
  expect(s.procedures.filter((p) => p.open)).toEqual([]);
  expect(s.resolutionRecorded).toBe(true);
  expect(needsReopen(s)).toBe(false);
}

/** The full action an offered lifecycle action stands for. */
function actionFor(offer: AvailableAction): CaseAction {
  switch (offer.type) {
    case 'skip':
      return { type: 'skip', stage: offer.stage, reason: 'Recorded reason' };
    case 'reject_closure':
      return { type: 'reject_closure', comment: 'Recorded comment' };
    case 'reopen':
      return { type: 'reopen', toStage: offer.toStage, reason: 'Recorded reason' };
    default:
      return { type: offer.type };
  }
}

describe('SOP engine properties', () => {
  it('(a) never reaches closed with an open mandatory task, an unconcluded referral or no approval', {
    timeout: PROPERTY_TIMEOUT_MS,
  }, () => {
    let closedRuns = 0;
    fc.assert(
      fc.property(runs, ([input, steps]) => {
        const closed = play(input, steps, ({ sop, before, action, result }) => {
          if (!result.ok) {
            expect(result.error.blockers.length).toBeGreaterThan(0);
            return;
          }
          const next = result.state;
          expect(CaseState.safeParse(next).success).toBe(true);
          if (next.stage === 'closed' && before.stage !== 'closed') {
            // The case as it stood when it was closed, judged independently of closeBlockers.
            expect(action.type).toBe('close');
            expectClosable(sop, before);
          }
          if (next.stage === 'closed') expectClosable(sop, next);
        });
        if (closed) closedRuns++;
      }),
      sized(100),
    );
    // The runs must actually close cases for the property to say anything.
    expect(closedRuns).toBeGreaterThan(sized(100).numRuns / 10);
  });

  it('(b) closeBlockers is empty if and only if the close action is allowed', {
    timeout: PROPERTY_TIMEOUT_MS,
  }, () => {
    fc.assert(
      fc.property(runs, ([input, steps]) => {
        play(input, steps, ({ sop, before, now }) => {
          const blockers = closeBlockers(sop, before);
          const offer = availableActions(sop, before).find((a) => a.type === 'close');
          expect(offer?.allowed).toBe(blockers.length === 0);
          expect(offer?.blockers).toEqual(blockers);
          const result = applyAction(sop, before, { type: 'close' }, { at: now, calendar: TEST_CALENDAR });
          expect(result.ok).toBe(blockers.length === 0);
          if (!result.ok)
            expect(result.error).toEqual({ code: 'CASE_CLOSE_BLOCKED', action: 'close', blockers });
        });
      }),
      sized(60),
    );
  });

  it('offers exactly the lifecycle actions applyAction accepts, with the same blockers', {
    timeout: PROPERTY_TIMEOUT_MS,
  }, () => {
    fc.assert(
      fc.property(runs, ([input, steps]) => {
        play(input, steps, ({ sop, before, now }) => {
          for (const offer of availableActions(sop, before)) {
            const result = applyAction(sop, before, actionFor(offer), { at: now, calendar: TEST_CALENDAR });
            expect(result.ok, `${offer.type} ${JSON.stringify(offer.blockers)}`).toBe(offer.allowed);
            if (!result.ok) expect(result.error.blockers).toEqual(offer.blockers);
          }
        });
      }),
      sized(50),
    );
  });

  it('keeps a closed case closed until it is reopened, and open SOP tasks’ mandatory flags current', {
    timeout: PROPERTY_TIMEOUT_MS,
  }, () => {
    fc.assert(
      fc.property(runs, ([input, steps]) => {
        play(input, steps, ({ sop, before, action, result }) => {
          if (before.stage === 'closed' && action.type !== 'reopen') expect(result.ok).toBe(false);
          if (!result.ok) return;
          for (const task of result.state.tasks.filter((t) => t.status === 'open' && t.sopTaskId)) {
            expect(task.mandatory).toBe(isTaskMandatory(sop, result.state, task));
          }
          const ids = result.state.tasks.map((t) => t.id);
          expect(new Set(ids).size).toBe(ids.length);
        });
      }),
      sized(50),
    );
  });
});
