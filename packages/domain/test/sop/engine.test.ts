import { describe, expect, it } from 'vitest';
import { deepFreeze } from '../../src/screening/freeze.js';
import { DEFAULT_LABOUR_CASE_SOP, DEFAULT_SOPS } from '../../src/sop/default-sops.js';
import { availableActions, closeBlockers } from '../../src/sop/engine.js';
import { needsReopen } from '../../src/sop/evaluate.js';
import { selectSop, startCase } from '../../src/sop/plan.js';
import { applyAction } from '../../src/sop/reduce.js';
import type { SopDocument } from '../../src/sop/sop-schema.js';
import type { CaseState } from '../../src/sop/state.js';
import { answerReferral, finishTasks, must, mustAll, TEST_CALENDAR } from './test-support.js';

const sop = DEFAULT_LABOUR_CASE_SOP;
const AT = '2027-01-10T09:00:00Z';
const facts = {
  category: 'labour_case',
  subtype: 'employer_transfer',
  minor: false,
  risk: 'medium',
} as const;

/** A labour case in follow-up with one grievance referral, everything done except what the test leaves. */
function inFollowUp(): CaseState {
  let s = startCase(sop, facts, '2026-12-13T09:00:00Z', TEST_CALENDAR);
  s = mustAll(sop, finishTasks(sop, s, AT), [{ type: 'assign' }, { type: 'advance' }], AT);
  s = mustAll(
    sop,
    finishTasks(sop, s, AT),
    [{ type: 'confirm_category', ...facts }, { type: 'advance' }],
    AT,
  );
  s = must(
    sop,
    s,
    { type: 'send_referral', id: 'g', organisationKind: 'grievances', purpose: 'grievance' },
    AT,
  );
  s = finishTasks(sop, answerReferral(sop, s, 'g', 'completed', AT), AT);
  s = must(sop, s, { type: 'skip', stage: 'proceedings', reason: 'Settled before any claim' }, AT);
  s = finishTasks(
    sop,
    must(sop, s, { type: 'record_resolution', resolution: 'transfer_of_employer' }, AT),
    AT,
  );
  return must(sop, s, { type: 'advance' }, AT);
}
const approved = (s: CaseState) =>
  mustAll(sop, s, [{ type: 'request_closure' }, { type: 'approve_closure' }], AT);
const lowRisk = (s: CaseState) => must(sop, s, { type: 'record_follow_up', index: 0, riskAfter: 'low' }, AT);
const codes = (s: CaseState) => closeBlockers(sop, s).map((b) => b.code);

describe('closing', () => {
  it('refuses with CASE_CLOSE_BLOCKED and the blockers, leaving the case as it was', () => {
    const s = deepFreeze(inFollowUp());
    const result = applyAction(sop, s, { type: 'close' }, { at: AT, calendar: TEST_CALENDAR });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'CASE_CLOSE_BLOCKED',
        action: 'close',
        blockers: [{ code: 'FOLLOW_UPS_PENDING', ref: '0' }, { code: 'CLOSURE_NOT_APPROVED' }],
      },
    });
    expect(s.skippedStages).toEqual([{ stage: 'proceedings', reason: 'Settled before any claim' }]);
  });

  it('needs a request before the approval, and a comment to reject', () => {
    const s = lowRisk(inFollowUp());
    const refuse = (action: Parameters<typeof applyAction>[2]) =>
      applyAction(sop, s, action, { at: AT, calendar: TEST_CALENDAR });
    expect(refuse({ type: 'approve_closure' })).toMatchObject({
      ok: false,
      error: { blockers: [{ code: 'CLOSURE_NOT_REQUESTED' }] },
    });
    const requested = must(sop, s, { type: 'request_closure' }, AT);
    expect(availableActions(sop, requested).map((a) => a.type)).toEqual([
      'approve_closure',
      'reject_closure',
      'close',
    ]);
    expect(
      applyAction(
        sop,
        requested,
        { type: 'reject_closure', comment: ' ' },
        { at: AT, calendar: TEST_CALENDAR },
      ).ok,
    ).toBe(false);
    const rejected = must(
      sop,
      requested,
      { type: 'reject_closure', comment: 'Speak to the person again' },
      AT,
    );
    expect(rejected.closure).toEqual({ requested: false, approved: false });
    const closed = must(sop, approved(rejected), { type: 'close' }, AT);
    expect(closed.stage).toBe('closed');
  });

  it('blocks on a cancelled mandatory SOP task, but not on a cancellable one or an ad hoc one', () => {
    const base = approved(lowRisk(inFollowUp()));
    const task = base.tasks.find((t) => t.sopTaskId === 'arrange_resolution')!;
    const cancelled = {
      ...base,
      tasks: base.tasks.map((t) => (t === task ? { ...t, status: 'cancelled' as const } : t)),
    };
    expect(closeBlockers(sop, cancelled)).toEqual([{ code: 'MANDATORY_TASK_CANCELLED', ref: task.id }]);

    const lenient = JSON.parse(JSON.stringify(sop)) as SopDocument;
    lenient.stages[4]!.tasks[0]!.cancellable = true;
    expect(closeBlockers(lenient, cancelled)).toEqual([]);

    const adHoc = must(sop, base, { type: 'add_task', id: 'call-employer', mandatory: true }, AT);
    expect(closeBlockers(sop, adHoc)).toEqual([{ code: 'OPEN_MANDATORY_TASK', ref: 'call-employer' }]);
    const dropped = must(
      sop,
      adHoc,
      { type: 'set_task_status', taskId: 'call-employer', status: 'cancelled' },
      AT,
    );
    expect(closeBlockers(sop, dropped)).toEqual([]);
  });

  it('counts a referral concluded when completed, revoked or declined with a reason', () => {
    const base = approved(lowRisk(inFollowUp()));
    const withReferral = (
      status: CaseState['referrals'][number]['status'],
      declineReason?: string,
    ): CaseState => ({
      ...base,
      referrals: [
        ...base.referrals,
        {
          id: 'x',
          organisationKind: 'health',
          purpose: 'medical',
          status,
          ...(declineReason ? { declineReason } : {}),
        },
      ],
    });
    expect(closeBlockers(sop, withReferral('revoked'))).toEqual([]);
    expect(closeBlockers(sop, withReferral('declined', 'No capacity'))).toEqual([]);
    expect(closeBlockers(sop, withReferral('declined'))).toEqual([
      { code: 'REFERRAL_NOT_CONCLUDED', ref: 'x' },
    ]);
    expect(closeBlockers(sop, withReferral('in_progress'))).toEqual([
      { code: 'REFERRAL_NOT_CONCLUDED', ref: 'x' },
    ]);
    const decline = applyAction(
      sop,
      must(sop, base, { type: 'send_referral', id: 'y', organisationKind: 'health', purpose: 'medical' }, AT),
      { type: 'update_referral', referralId: 'y', status: 'declined' },
      { at: AT, calendar: TEST_CALENDAR },
    );
    expect(decline).toMatchObject({ ok: false, error: { blockers: [{ code: 'REASON_REQUIRED' }] } });
  });

  it('treats a revoked required referral as missing', () => {
    const base = approved(lowRisk(inFollowUp()));
    const revoked = { ...base, referrals: base.referrals.map((r) => ({ ...r, status: 'revoked' as const })) };
    expect(closeBlockers(sop, revoked)).toEqual([
      { code: 'REQUIRED_REFERRAL_MISSING', ref: 'grievances_mediation' },
    ]);
  });

  it('wants the last follow-up at low risk; another contact can be scheduled', () => {
    let s = must(sop, inFollowUp(), { type: 'record_follow_up', index: 0, riskAfter: 'medium' }, AT);
    expect(codes(s)).toEqual(['FOLLOW_UP_RISK_NOT_LOW', 'CLOSURE_NOT_APPROVED']);
    s = must(sop, s, { type: 'schedule_follow_up', dueAt: '2027-03-01T09:00:00Z' }, AT);
    expect(codes(s)).toEqual(['FOLLOW_UPS_PENDING', 'CLOSURE_NOT_APPROVED']);
    s = must(sop, s, { type: 'record_follow_up', index: 1, riskAfter: 'low' }, AT);
    expect(codes(s)).toEqual(['CLOSURE_NOT_APPROVED']);
  });
});

describe('reopening', () => {
  it('is required after a high-risk follow-up, and restarts the chosen stage', () => {
    const s = must(sop, inFollowUp(), { type: 'record_follow_up', index: 0, riskAfter: 'high' }, AT);
    expect(needsReopen(s)).toBe(true);
    expect(codes(s)).toContain('REOPEN_REQUIRED');
    const reopen = availableActions(sop, s).filter((a) => a.type === 'reopen');
    expect(
      reopen.map((a) => [a.type === 'reopen' && a.toStage, a.type === 'reopen' && a.required, a.allowed]),
    ).toEqual([
      ['screening', true, true],
      ['referral_assistance', true, true],
      ['proceedings', true, true],
      ['resolution', true, true],
    ]);
    const again = must(
      sop,
      s,
      { type: 'reopen', toStage: 'referral_assistance', reason: 'Employer threatened the person' },
      AT,
    );
    expect(again).toMatchObject({
      stage: 'referral_assistance',
      resolutionRecorded: false,
      followUps: [],
      skippedStages: [],
    });
    expect(again.resolution).toBeUndefined();
    expect(needsReopen(again)).toBe(false);
    expect(again.risk).toBe('high');
    expect(again.categoryConfirmed).toBe(true);
  });

  it('recreates a restarted stage’s tasks under new ids', () => {
    const closed = must(sop, approved(lowRisk(inFollowUp())), { type: 'close' }, AT);
    const refused = applyAction(
      sop,
      closed,
      { type: 'reopen', toStage: 'screening', reason: '' },
      { at: AT, calendar: TEST_CALENDAR },
    );
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'ACTION_BLOCKED', blockers: [{ code: 'REASON_REQUIRED' }] },
    });
    const result = applyAction(
      sop,
      closed,
      { type: 'reopen', toStage: 'screening', reason: 'New facts' },
      { at: AT, calendar: TEST_CALENDAR },
    );
    expect(result.ok && result.createdTasks.map((t) => [t.id, t.sopTaskId])).toEqual([
      ['screening_interview#2', 'screening_interview'],
    ]);
    expect(result.ok && result.state.categoryConfirmed).toBe(false);
  });

  it('is not offered on an open case without a high-risk follow-up', () => {
    const s = inFollowUp();
    expect(availableActions(sop, s).some((a) => a.type === 'reopen')).toBe(false);
    expect(
      applyAction(
        sop,
        s,
        { type: 'reopen', toStage: 'screening', reason: 'Why not' },
        { at: AT, calendar: TEST_CALENDAR },
      ),
    ).toMatchObject({
      ok: false,
      error: { blockers: [{ code: 'NOT_REOPENABLE' }] },
    });
  });
});

describe('a closed case', () => {
  it('accepts nothing but reopening', () => {
    const closed = must(sop, approved(lowRisk(inFollowUp())), { type: 'close' }, AT);
    for (const action of [
      { type: 'assign' },
      { type: 'advance' },
      { type: 'add_task', id: 't', mandatory: true },
    ] as const) {
      const result = applyAction(sop, closed, action, { at: AT, calendar: TEST_CALENDAR });
      expect(result.ok ? [] : result.error.blockers.map((b) => b.code)).toContain('CASE_CLOSED');
    }
    expect(availableActions(sop, closed).map((a) => `${a.type}:${a.allowed}`)).toEqual([
      'close:false',
      'reopen:true',
      'reopen:true',
      'reopen:true',
      'reopen:true',
    ]);
  });
});

describe('stage transitions', () => {
  it('skips only a skippable stage, with a reason, while its skip condition holds', () => {
    let s = inFollowUp();
    s = {
      ...s,
      stage: 'referral_assistance',
      skippedStages: [],
      procedures: [{ id: 'p', kind: 'grievance', open: true }],
    };
    const skip = availableActions(sop, s).find((a) => a.type === 'skip');
    expect(skip).toMatchObject({ stage: 'proceedings', to: 'resolution', allowed: false });
    expect(skip?.blockers).toEqual([{ code: 'PROCEDURE_OPEN', ref: 'p' }]);
    const noReason = applyAction(
      sop,
      { ...s, procedures: [] },
      { type: 'skip', stage: 'proceedings', reason: '' },
      { at: AT, calendar: TEST_CALENDAR },
    );
    expect(noReason).toMatchObject({ ok: false, error: { blockers: [{ code: 'REASON_REQUIRED' }] } });
    const wrong = applyAction(
      sop,
      s,
      { type: 'skip', stage: 'resolution', reason: 'x' },
      { at: AT, calendar: TEST_CALENDAR },
    );
    expect(wrong).toMatchObject({
      ok: false,
      error: { blockers: [{ code: 'WRONG_STAGE', ref: 'resolution' }] },
    });
  });

  it('will not advance a case whose category no longer matches its SOP', () => {
    let s = startCase(sop, facts, '2026-12-13T09:00:00Z', TEST_CALENDAR);
    s = mustAll(sop, finishTasks(sop, s, AT), [{ type: 'assign' }, { type: 'advance' }], AT);
    s = finishTasks(
      sop,
      must(sop, s, { type: 'confirm_category', category: 'abuse', subtype: 'physical' }, AT),
      AT,
    );
    expect(availableActions(sop, s)[0]).toMatchObject({
      type: 'advance',
      allowed: false,
      blockers: [{ code: 'SOP_CATEGORY_MISMATCH', ref: 'abuse' }],
    });
    const mismatch = applyAction(
      sop,
      s,
      { type: 'confirm_category', category: 'abuse', subtype: 'unpaid_wages' },
      { at: AT, calendar: TEST_CALENDAR },
    );
    expect(mismatch).toMatchObject({ ok: false, error: { blockers: [{ code: 'SUBTYPE_MISMATCH' }] } });
  });

  it('follows the referral states and refuses jumps', () => {
    let s = inFollowUp();
    s = must(sop, s, { type: 'send_referral', id: 'z', organisationKind: 'shelter', purpose: 'shelter' }, AT);
    const jump = applyAction(
      sop,
      s,
      { type: 'update_referral', referralId: 'z', status: 'completed' },
      { at: AT, calendar: TEST_CALENDAR },
    );
    expect(jump).toMatchObject({
      ok: false,
      error: { blockers: [{ code: 'INVALID_TRANSITION', ref: 'sent->completed' }] },
    });
  });
});

describe('selectSop', () => {
  it('prefers the highest version of the most specific document', () => {
    const v2 = { ...DEFAULT_SOPS[0]!, version: 2 };
    const wages = {
      ...DEFAULT_SOPS[0]!,
      id: 'labour-wages',
      appliesWhen: { subtypes: ['unpaid_wages' as const] },
    };
    const sops = [...DEFAULT_SOPS, v2, wages];
    expect(selectSop(sops, { category: 'labour_case', subtype: 'contract_violation', minor: false })).toBe(
      v2,
    );
    expect(selectSop(sops, { category: 'labour_case', subtype: 'unpaid_wages', minor: false })).toBe(wages);
    expect(selectSop([], { category: 'abuse', minor: false })).toBeUndefined();
  });
});
