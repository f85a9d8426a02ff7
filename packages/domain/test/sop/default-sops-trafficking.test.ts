import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SOPS,
  DEFAULT_TRAFFICKING_ADULT_SOP,
  DEFAULT_TRAFFICKING_CHILD_SOP,
} from '../../src/sop/default-sops.js';
import { closeBlockers } from '../../src/sop/engine.js';
import { requiredReferrals } from '../../src/sop/evaluate.js';
import { followUpSchedule, selectSop, startCase, tasksForStage } from '../../src/sop/plan.js';
import type { CaseState } from '../../src/sop/state.js';
import { answerReferral, dueDates, finishTasks, must, mustAll, TEST_CALENDAR } from './test-support.js';

const adult = DEFAULT_TRAFFICKING_ADULT_SOP;
const child = DEFAULT_TRAFFICKING_CHILD_SOP;
const open = (s: CaseState) => dueDates(s.tasks.filter((t) => t.status === 'open'));

/** A trafficking case screened and in referral and assistance. */
function inAssistance(minor: boolean): CaseState {
  const sop = minor ? child : adult;
  const facts = { category: 'trafficking', subtype: 'forced_labour', minor, risk: 'high' } as const;
  let s = startCase(sop, facts, '2026-12-14T06:00:00Z', TEST_CALENDAR);
  s = mustAll(
    sop,
    finishTasks(sop, s, '2026-12-14T07:00:00Z'),
    [{ type: 'assign' }, { type: 'advance' }],
    '2026-12-14T07:00:00Z',
  );
  s = finishTasks(sop, s, '2026-12-14T08:00:00Z');
  return mustAll(
    sop,
    s,
    [{ type: 'confirm_category', category: 'trafficking', subtype: 'forced_labour' }, { type: 'advance' }],
    '2026-12-14T09:00:00Z',
  );
}

describe('trafficking SOPs: selection', () => {
  it('picks the child variant for a minor and the adult one otherwise', () => {
    expect(selectSop(DEFAULT_SOPS, { category: 'trafficking', minor: true })?.id).toBe('trafficking-child');
    expect(selectSop(DEFAULT_SOPS, { category: 'trafficking', minor: false })?.id).toBe('trafficking-adult');
    expect(selectSop(DEFAULT_SOPS, { category: 'labour_case', minor: true })?.id).toBe('labour-case');
  });
});

describe('trafficking, adult', () => {
  it('assesses safety within 4 hours and, when urgent, arranges shelter and police the same day', () => {
    const s = startCase(
      adult,
      { category: 'trafficking', minor: false, risk: 'urgent' },
      '2026-12-17T20:00:00Z',
      TEST_CALENDAR,
    );
    expect(dueDates(s.tasks)).toEqual({
      acknowledge_receipt: '2026-12-21T00:00:00.000Z',
      assign_case_manager: '2026-12-21T00:00:00.000Z',
      safety_assessment: '2026-12-18T00:00:00.000Z',
      urgent_shelter: '2026-12-18T04:00:00.000Z',
      urgent_police: '2026-12-18T04:00:00.000Z',
    });
    const refused = must(
      adult,
      s,
      {
        type: 'record_consent',
        purpose: 'share_with_organisation_kind',
        organisationKind: 'police',
        status: 'refused',
      },
      '2026-12-17T21:00:00Z',
    );
    expect(refused.tasks.find((t) => t.id === 'urgent_police')?.mandatory).toBe(false);
    expect(refused.tasks.find((t) => t.id === 'urgent_shelter')?.mandatory).toBe(true);
  });

  it('screens within 1 bd and decides on a presumed victim and the reflection period within 5 bd', () => {
    const planned = tasksForStage(adult, 'screening', '2026-12-15T09:00:00Z', TEST_CALENDAR);
    expect(Object.fromEntries(planned.map((t) => [t.sopTaskId, [t.dueAt, t.owner]]))).toEqual({
      indicator_interview: ['2026-12-20T09:00:00.000Z', { role: 'nrm_case_manager' }],
      presumed_victim_decision: ['2026-12-24T09:00:00.000Z', { role: 'nrm_supervisor' }],
      recovery_reflection_period: ['2026-12-24T09:00:00.000Z', { role: 'nrm_case_manager' }],
    });
  });

  it('requires every referral unless its consent is refused, and the prosecution once an investigation opens', () => {
    let s = inAssistance(false);
    expect(s.tasks.filter((t) => t.status === 'open')).toEqual([]);
    expect(requiredReferrals(adult, s).map((r) => r.id)).toEqual([
      'shelter',
      'police_investigation',
      'embassy',
      'labour_inspection',
      'immigration_status',
    ]);
    s = mustAll(
      adult,
      s,
      [
        { type: 'record_consent', purpose: 'embassy_contact', status: 'refused' },
        { type: 'open_procedure', id: 'inv-1', kind: 'investigation' },
      ],
      '2026-12-14T10:00:00Z',
    );
    expect(requiredReferrals(adult, s).map((r) => r.id)).toEqual([
      'shelter',
      'police_investigation',
      'public_prosecution',
      'labour_inspection',
      'immigration_status',
    ]);
  });

  it('starts the shelter services when the shelter accepts: briefing 1 bd, check-up 2 bd, legal and social 5 bd', () => {
    let s = inAssistance(false);
    s = must(
      adult,
      s,
      { type: 'send_referral', id: 'sh', organisationKind: 'shelter', purpose: 'shelter' },
      '2026-12-14T09:00:00Z',
    );
    expect(open(s)).toEqual({});
    s = answerReferral(adult, s, 'sh', 'accepted', '2026-12-14T09:00:00Z');
    expect(open(s)).toEqual({
      security_briefing: '2026-12-15T09:00:00.000Z',
      medical_checkup: '2026-12-20T09:00:00.000Z',
      legal_advice: '2026-12-23T09:00:00.000Z',
      social_assessment: '2026-12-23T09:00:00.000Z',
    });
    s = must(
      adult,
      s,
      { type: 'send_referral', id: 'pol', organisationKind: 'police', purpose: 'investigation' },
      '2026-12-17T09:00:00Z',
    );
    // A high-risk case: the police acknowledge within 2 hours, holiday or not.
    expect(s.referrals.find((r) => r.id === 'pol')?.acknowledgeBy).toBe('2026-12-17T11:00:00.000Z');
    // At medium risk, sent on a holiday: the 1 bd to acknowledge starts on Sunday 00:00.
    const medium = must(
      adult,
      { ...inAssistance(false), risk: 'medium' },
      { type: 'send_referral', id: 'pol', organisationKind: 'police', purpose: 'investigation' },
      '2026-12-17T09:00:00Z',
    );
    expect(medium.referrals.find((r) => r.id === 'pol')?.acknowledgeBy).toBe('2026-12-21T00:00:00.000Z');
  });

  it('makes the return tasks and the return support mandatory on voluntary repatriation', () => {
    const s: CaseState = { ...inAssistance(false), stage: 'resolution' };
    const planned = tasksForStage(adult, 'resolution', '2026-12-14T09:00:00Z', TEST_CALENDAR, s);
    expect(planned.filter((t) => t.mandatory).map((t) => t.sopTaskId)).toEqual(['agree_resolution']);
    const repatriated: CaseState = { ...s, resolutionRecorded: true, resolution: 'voluntary_repatriation' };
    const after = tasksForStage(adult, 'resolution', '2026-12-14T09:00:00Z', TEST_CALENDAR, repatriated);
    expect(after.filter((t) => t.mandatory).map((t) => t.sopTaskId)).toEqual([
      'agree_resolution',
      'travel_document',
      'return_ticket',
      'reception_arranged',
    ]);
    expect(requiredReferrals(adult, repatriated).map((r) => r.id)).toContain('return_support');
  });

  it('follows up at 14 days, 3 and 6 months, moved off days off', () => {
    // Resolved Friday 4 December 2026: +14 days is a Friday, +6 months a Friday.
    expect(followUpSchedule(adult, '2026-12-04T09:00:00Z', TEST_CALENDAR)).toEqual([
      '2026-12-20T00:00:00.000Z',
      '2027-03-04T09:00:00.000Z',
      '2027-06-06T00:00:00.000Z',
    ]);
  });

  it('cannot close while a procedure is open', () => {
    const s: CaseState = {
      ...inAssistance(false),
      stage: 'follow_up',
      procedures: [{ id: 'court-1', kind: 'court', open: true }],
    };
    expect(closeBlockers(adult, s)).toContainEqual({ code: 'PROCEDURE_OPEN', ref: 'court-1' });
  });
});

describe('trafficking, child', () => {
  it('appoints a guardian within 1 bd, as well as the adult’s first tasks', () => {
    const s = startCase(
      child,
      { category: 'trafficking', minor: true, risk: 'urgent' },
      '2026-12-15T09:00:00Z',
      TEST_CALENDAR,
    );
    expect(dueDates(s.tasks)).toEqual({
      acknowledge_receipt: '2026-12-20T09:00:00.000Z',
      assign_case_manager: '2026-12-20T09:00:00.000Z',
      safety_assessment: '2026-12-15T13:00:00.000Z',
      urgent_shelter: '2026-12-15T17:00:00.000Z',
      urgent_police: '2026-12-15T17:00:00.000Z',
      appoint_guardian: '2026-12-20T09:00:00.000Z',
    });
  });

  it('interviews by trained staff only, traces the family and assesses best interests before any return', () => {
    const s = inAssistance(true);
    expect(child.stages[1]?.tasks[0]?.title.en).toContain('trained staff only');
    expect(open(s)).toEqual({ family_tracing: null, best_interests_assessment: null });
    expect(s.tasks.filter((t) => t.status === 'open').every((t) => t.mandatory)).toBe(true);
    const shelter = child.stages[2]?.referrals.find((r) => r.id === 'shelter');
    expect(shelter?.title?.en).toContain('never the adult shelter');
  });

  it('follows up at 14 days, 3, 6 and 12 months', () => {
    expect(followUpSchedule(child, '2026-12-04T09:00:00Z', TEST_CALENDAR)).toEqual([
      '2026-12-20T00:00:00.000Z',
      '2027-03-04T09:00:00.000Z',
      '2027-06-06T00:00:00.000Z',
      '2027-12-05T00:00:00.000Z',
    ]);
  });
});
