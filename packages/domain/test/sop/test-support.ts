/** Helpers shared by the SOP tests (not exported from the package). */
import type { CaseAction } from '../../src/sop/actions.js';
import type { BusinessCalendar } from '../../src/sop/calendar.js';
import { applyAction } from '../../src/sop/reduce.js';
import type { SopDocument } from '../../src/sop/sop-schema.js';
import type { CaseState, CaseTask } from '../../src/sop/state.js';

/** Friday and Saturday off; Bahrain's National Day, Wednesday 16 and Thursday 17 December 2026. */
export const TEST_CALENDAR: BusinessCalendar = {
  weekendDays: [5, 6],
  holidays: ['2026-12-16', '2026-12-17'],
};

/** Applies an action that must succeed; throws with the blockers otherwise. */
export function must(sop: SopDocument, state: CaseState, action: CaseAction, at: string): CaseState {
  const result = applyAction(sop, state, action, { at, calendar: TEST_CALENDAR });
  if (!result.ok) throw new Error(`${action.type} refused: ${JSON.stringify(result.error.blockers)}`);
  return result.state;
}

/** Applies several actions at one instant. */
export const mustAll = (sop: SopDocument, state: CaseState, actions: CaseAction[], at: string): CaseState =>
  actions.reduce((s, a) => must(sop, s, a, at), state);

/** Task ids and due dates, for compact expectations. */
export const dueDates = (tasks: readonly CaseTask[]): Record<string, string | null> =>
  Object.fromEntries(tasks.map((t) => [t.id, t.dueAt ?? null]));

/** Marks every open task done. */
export const finishTasks = (sop: SopDocument, state: CaseState, at: string): CaseState =>
  state.tasks
    .filter((t) => t.status === 'open')
    .reduce((s, t) => must(sop, s, { type: 'set_task_status', taskId: t.id, status: 'done' }, at), state);

/** Moves a sent referral to accepted (or completed). */
export function answerReferral(
  sop: SopDocument,
  state: CaseState,
  id: string,
  to: 'accepted' | 'completed',
  at: string,
): CaseState {
  let s = must(sop, state, { type: 'update_referral', referralId: id, status: 'accepted' }, at);
  if (to === 'completed')
    s = must(sop, s, { type: 'update_referral', referralId: id, status: 'completed' }, at);
  return s;
}
