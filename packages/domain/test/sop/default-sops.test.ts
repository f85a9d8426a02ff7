import { describe, expect, it } from 'vitest';
import { DEFAULT_ABUSE_SOP, DEFAULT_LABOUR_CASE_SOP, DEFAULT_SOPS } from '../../src/sop/default-sops.js';
import { availableActions, closeBlockers } from '../../src/sop/engine.js';
import { requiredReferrals } from '../../src/sop/evaluate.js';
import { overdue, startCase } from '../../src/sop/plan.js';
import { SopDocument } from '../../src/sop/sop-schema.js';
import { LIFECYCLE_STAGES } from '../../src/sop/vocabulary.js';
import { dueDates, finishTasks, must, mustAll, TEST_CALENDAR } from './test-support.js';

const ARABIC = /[\u0600-\u06FF]/;

describe('default SOPs: content', () => {
  it('are valid SOP documents, one per category and variant, frozen', () => {
    expect(DEFAULT_SOPS.map((s) => s.id)).toEqual([
      'labour-case',
      'abuse',
      'trafficking-adult',
      'trafficking-child',
    ]);
    for (const sop of DEFAULT_SOPS) {
      const parsed = SopDocument.safeParse(sop);
      expect(parsed.success, `${sop.id}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      expect(sop.stages.map((s) => s.id)).toEqual([...LIFECYCLE_STAGES]);
      expect(Object.isFrozen(sop.stages[0]?.tasks)).toBe(true);
    }
  });

  it('have English and Arabic for every title, evidence and note', () => {
    const texts = DEFAULT_SOPS.flatMap((sop) => [
      sop.title,
      ...sop.stages.flatMap((s) => [
        s.title,
        ...s.tasks.flatMap((t) => [t.title, ...(t.evidence ? [t.evidence] : [])]),
        ...s.referrals.flatMap((r) => (r.title ? [r.title] : [])),
      ]),
      ...sop.followUps.flatMap((f) => (f.note ? [f.note] : [])),
    ]);
    expect(texts.length).toBeGreaterThan(100);
    for (const text of texts) {
      expect(text.en.length).toBeGreaterThan(0);
      expect(text.ar, text.en).toMatch(ARABIC);
    }
  });

  it('use the glossary terms in Arabic', () => {
    const arabic = JSON.stringify(DEFAULT_SOPS.map((s) => s.stages.map((st) => st.title.ar)));
    for (const term of ['الفحص الأولي', 'الإحالة', 'المتابعة']) expect(arabic).toContain(term);
    const all = JSON.stringify(DEFAULT_SOPS);
    for (const term of [
      'دار الإيواء',
      'التظلمات',
      'التفتيش العمالي',
      'النيابة العامة',
      'السفارة',
      'العودة الطوعية',
    ]) {
      expect(all).toContain(term);
    }
  });

  it('state the reference deadlines', () => {
    const deadline = (sopId: string, taskId: string) => {
      const sop = DEFAULT_SOPS.find((s) => s.id === sopId);
      const d = sop?.stages.flatMap((s) => s.tasks).find((t) => t.id === taskId)?.deadline;
      return d ? `${d.amount} ${d.unit} from ${d.from}${d.referral ? ` ${d.referral}` : ''}` : 'none';
    };
    expect({
      labourAck: deadline('labour-case', 'acknowledge_receipt'),
      labourAssign: deadline('labour-case', 'assign_case_manager'),
      labourInterview: deadline('labour-case', 'screening_interview'),
      labourMeeting: deadline('labour-case', 'grievance_first_meeting'),
      labourInspection: deadline('labour-case', 'inspection_visit'),
      abuseSafety: deadline('abuse', 'immediate_safety_plan'),
      abuseScreening: deadline('abuse', 'screening_interview'),
      abuseMedical: deadline('abuse', 'medical_examination'),
      abusePsych: deadline('abuse', 'psychological_support'),
      thbSafety: deadline('trafficking-adult', 'safety_assessment'),
      thbInterview: deadline('trafficking-adult', 'indicator_interview'),
      thbDecision: deadline('trafficking-adult', 'presumed_victim_decision'),
      thbMedical: deadline('trafficking-adult', 'medical_checkup'),
      thbLegal: deadline('trafficking-adult', 'legal_advice'),
      thbSocial: deadline('trafficking-adult', 'social_assessment'),
      childGuardian: deadline('trafficking-child', 'appoint_guardian'),
    }).toEqual({
      labourAck: '1 business_days from case_received',
      labourAssign: '1 business_days from case_received',
      labourInterview: '2 business_days from stage_entered',
      labourMeeting: '5 business_days from referral_sent grievances_mediation',
      labourInspection: '10 business_days from referral_sent labour_inspection',
      abuseSafety: '4 hours from case_received',
      abuseScreening: '1 business_days from stage_entered',
      abuseMedical: '1 business_days from referral_sent health_examination',
      abusePsych: '5 business_days from stage_entered',
      thbSafety: '4 hours from case_received',
      thbInterview: '1 business_days from stage_entered',
      thbDecision: '5 business_days from stage_entered',
      thbMedical: '2 business_days from referral_accepted shelter',
      thbLegal: '5 business_days from referral_accepted shelter',
      thbSocial: '5 business_days from referral_accepted shelter',
      childGuardian: '1 business_days from case_received',
    });
    expect(DEFAULT_SOPS.map((s) => s.followUps.map((f) => `${f.after.amount} ${f.after.unit}`))).toEqual([
      ['30 days'],
      ['14 days', '60 days'],
      ['14 days', '3 months', '6 months'],
      ['14 days', '3 months', '6 months', '12 months'],
    ]);
  });
});

describe('labour case SOP, end to end over a weekend and National Day', () => {
  const sop = DEFAULT_LABOUR_CASE_SOP;
  const facts = { category: 'labour_case', subtype: 'unpaid_wages', minor: false, risk: 'medium' } as const;

  it('creates each stage’s tasks with business-day deadlines and closes only when everything is done', () => {
    // Received Tuesday 15 December 09:00; Wednesday and Thursday are holidays, then the weekend.
    let s = startCase(sop, facts, '2026-12-15T09:00:00Z', TEST_CALENDAR);
    expect(dueDates(s.tasks)).toEqual({
      acknowledge_receipt: '2026-12-20T09:00:00.000Z',
      assign_case_manager: '2026-12-20T09:00:00.000Z',
    });
    const advance = availableActions(sop, s).find((a) => a.type === 'advance');
    expect(advance?.allowed).toBe(false);
    expect(advance?.blockers.map((b) => b.code)).toEqual([
      'OPEN_MANDATORY_TASK',
      'OPEN_MANDATORY_TASK',
      'NOT_ASSIGNED',
    ]);

    // Screening entered on the holiday: 2 bd counted from Sunday 00:00.
    s = finishTasks(sop, must(sop, s, { type: 'assign' }, '2026-12-16T11:00:00Z'), '2026-12-16T11:00:00Z');
    s = must(sop, s, { type: 'advance' }, '2026-12-16T11:00:00Z');
    expect(s.stage).toBe('screening');
    expect(dueDates(s.tasks.filter((t) => t.status === 'open'))).toEqual({
      screening_interview: '2026-12-22T00:00:00.000Z',
    });

    s = finishTasks(sop, s, '2026-12-20T10:00:00Z');
    s = must(
      sop,
      s,
      { type: 'confirm_category', category: 'labour_case', subtype: 'unpaid_wages' },
      '2026-12-20T10:00:00Z',
    );
    s = must(sop, s, { type: 'advance' }, '2026-12-20T10:00:00Z');
    expect(s.stage).toBe('referral_assistance');
    expect(requiredReferrals(sop, s).map((r) => r.id)).toEqual(['grievances_mediation', 'labour_inspection']);

    // Referrals sent Thursday 24 December 08:00: deadlines run over the weekend and New Year's Day (a Friday).
    s = mustAll(
      sop,
      s,
      [
        { type: 'send_referral', id: 'r-griev', organisationKind: 'grievances', purpose: 'grievance' },
        { type: 'send_referral', id: 'r-insp', organisationKind: 'labour_inspection', purpose: 'inspection' },
      ],
      '2026-12-24T08:00:00Z',
    );
    expect(s.referrals.find((r) => r.id === 'r-griev')?.acknowledgeBy).toBe('2026-12-28T08:00:00.000Z');
    expect(dueDates(s.tasks.filter((t) => t.status === 'open'))).toEqual({
      grievance_first_meeting: '2026-12-31T08:00:00.000Z',
      inspection_visit: '2027-01-07T08:00:00.000Z',
    });
    expect(overdue(s, '2026-12-28T08:00:01Z')).toEqual({
      tasks: [],
      referrals: [{ id: 'r-griev', deadline: 'acknowledge' }],
      followUps: [],
    });
    expect(overdue(s, '2027-01-01T00:00:00Z').tasks).toEqual(['grievance_first_meeting']);
    expect(availableActions(sop, s).find((a) => a.type === 'advance')?.blockers).toEqual([
      { code: 'OPEN_MANDATORY_TASK', ref: 'grievance_first_meeting' },
      { code: 'OPEN_MANDATORY_TASK', ref: 'inspection_visit' },
      { code: 'REFERRAL_NOT_ANSWERED', ref: 'r-griev' },
      { code: 'REFERRAL_NOT_ANSWERED', ref: 'r-insp' },
      { code: 'NO_PROCEDURE_OPEN' },
    ]);
    // With no procedure open the proceedings stage may be skipped instead (recorded, with a reason).
    expect(availableActions(sop, s).find((a) => a.type === 'skip')).toMatchObject({
      stage: 'proceedings',
      to: 'resolution',
    });

    const at = '2027-01-05T09:00:00Z';
    s = mustAll(
      sop,
      finishTasks(sop, s, at),
      [
        { type: 'update_referral', referralId: 'r-griev', status: 'accepted' },
        { type: 'update_referral', referralId: 'r-insp', status: 'accepted' },
        { type: 'open_procedure', id: 'court-1', kind: 'labour_court' },
        { type: 'advance' },
      ],
      at,
    );
    expect(s.stage).toBe('proceedings');
    expect(dueDates(s.tasks.filter((t) => t.status === 'open'))).toEqual({
      record_settlement_or_claim: null,
      record_amounts_recovered: null,
    });
    expect(closeBlockers(sop, s).map((b) => b.code)).toContain('PROCEDURE_OPEN');

    s = mustAll(
      sop,
      finishTasks(sop, s, at),
      [{ type: 'conclude_procedure', procedureId: 'court-1' }, { type: 'advance' }],
      at,
    );
    expect(s.stage).toBe('resolution');
    const passport = () => s.tasks.find((t) => t.id === 'return_passport');
    expect(passport()?.mandatory).toBe(false);
    s = must(sop, s, { type: 'set_flag', flag: 'passport_retained', on: true }, at);
    expect(passport()?.mandatory).toBe(true);

    s = must(
      sop,
      s,
      { type: 'record_resolution', resolution: 'transfer_of_employer' },
      '2027-01-10T09:00:00Z',
    );
    expect(s.followUps).toEqual([{ dueAt: '2027-02-09T09:00:00.000Z', done: false }]);
    s = must(sop, finishTasks(sop, s, at), { type: 'advance' }, at);
    expect(s.stage).toBe('follow_up');
    expect(closeBlockers(sop, s)).toEqual([
      { code: 'REFERRAL_NOT_CONCLUDED', ref: 'r-griev' },
      { code: 'REFERRAL_NOT_CONCLUDED', ref: 'r-insp' },
      { code: 'FOLLOW_UPS_PENDING', ref: '0' },
      { code: 'CLOSURE_NOT_APPROVED' },
    ]);
    const refused = availableActions(sop, s).find((a) => a.type === 'request_closure');
    expect(refused?.allowed).toBe(false);

    s = mustAll(
      sop,
      s,
      [
        { type: 'update_referral', referralId: 'r-griev', status: 'completed' },
        { type: 'update_referral', referralId: 'r-insp', status: 'completed' },
        { type: 'record_follow_up', index: 0, riskAfter: 'low', reached: true },
        { type: 'request_closure' },
      ],
      '2027-02-09T10:00:00Z',
    );
    expect(closeBlockers(sop, s)).toEqual([{ code: 'CLOSURE_NOT_APPROVED' }]);
    s = mustAll(sop, s, [{ type: 'approve_closure' }, { type: 'close' }], '2027-02-10T10:00:00Z');
    expect(s.stage).toBe('closed');
  });

  it('asks for shelter only on request or risk, and for inspection only where violations are reported', () => {
    const base = startCase(
      sop,
      { ...facts, subtype: 'employer_transfer' },
      '2026-12-15T09:00:00Z',
      TEST_CALENDAR,
    );
    const at = (s: typeof base) => ({ ...s, stage: 'referral_assistance' as const });
    expect(requiredReferrals(sop, at(base)).map((r) => r.id)).toEqual(['grievances_mediation']);
    expect(
      requiredReferrals(sop, at({ ...base, risk: 'high', flags: ['workplace_violations'] })).map((r) => r.id),
    ).toEqual(['grievances_mediation', 'labour_inspection', 'shelter']);
    const refused = {
      ...base,
      risk: 'urgent' as const,
      consents: [{ purpose: 'shelter' as const, status: 'refused' as const }],
    };
    expect(requiredReferrals(sop, at(refused)).map((r) => r.id)).toEqual(['grievances_mediation']);
  });
});

describe('abuse SOP', () => {
  const sop = DEFAULT_ABUSE_SOP;

  it('plans an immediate safety plan and shelter offer within 4 hours for urgent risk, weekend or not', () => {
    const urgent = startCase(
      sop,
      { category: 'abuse', subtype: 'physical', minor: false, risk: 'urgent' },
      '2026-12-18T22:00:00Z',
      TEST_CALENDAR,
    );
    expect(dueDates(urgent.tasks)).toEqual({
      acknowledge_receipt: '2026-12-21T00:00:00.000Z',
      assign_case_manager: '2026-12-21T00:00:00.000Z',
      immediate_safety_plan: '2026-12-19T02:00:00.000Z',
      urgent_shelter_offer: '2026-12-19T02:00:00.000Z',
    });
    const calm = startCase(
      sop,
      { category: 'abuse', subtype: 'physical', minor: false, risk: 'medium' },
      '2026-12-18T22:00:00Z',
      TEST_CALENDAR,
    );
    expect(calm.tasks.map((t) => t.id)).toEqual(['acknowledge_receipt', 'assign_case_manager']);
  });

  it('screens within 1 bd, then requires a health examination for physical or sexual abuse and a police report only with consent', () => {
    let s = startCase(
      sop,
      { category: 'abuse', subtype: 'physical', minor: false, risk: 'high' },
      '2026-12-14T09:00:00Z',
      TEST_CALENDAR,
    );
    s = mustAll(
      sop,
      finishTasks(sop, s, '2026-12-14T10:00:00Z'),
      [{ type: 'assign' }, { type: 'advance' }],
      '2026-12-14T10:00:00Z',
    );
    expect(dueDates(s.tasks.filter((t) => t.status === 'open'))).toEqual({
      screening_interview: '2026-12-15T10:00:00.000Z',
    });
    s = finishTasks(sop, s, '2026-12-15T09:00:00Z');
    s = mustAll(
      sop,
      s,
      [{ type: 'confirm_category', category: 'abuse', subtype: 'physical' }, { type: 'advance' }],
      '2026-12-15T09:00:00Z',
    );
    expect(dueDates(s.tasks.filter((t) => t.status === 'open'))).toEqual({
      shelter_offer: null,
      psychological_support: '2026-12-24T09:00:00.000Z',
    });
    expect(requiredReferrals(sop, s).map((r) => r.id)).toEqual(['health_examination']);
    s = must(
      sop,
      s,
      { type: 'send_referral', id: 'h1', organisationKind: 'health', purpose: 'medical' },
      '2026-12-15T09:30:00Z',
    );
    expect(s.tasks.find((t) => t.id === 'medical_examination')).toMatchObject({
      mandatory: true,
      dueAt: '2026-12-20T09:30:00.000Z',
    });
    s = mustAll(
      sop,
      s,
      [
        {
          type: 'record_consent',
          purpose: 'share_with_organisation_kind',
          organisationKind: 'police',
          status: 'given',
        },
        { type: 'record_consent', purpose: 'embassy_contact', status: 'refused' },
      ],
      '2026-12-15T10:00:00Z',
    );
    expect(requiredReferrals(sop, s).map((r) => r.id)).toEqual(['health_examination', 'police_report']);
    const psychological = { ...s, subtype: 'psychological' as const, consents: [] };
    expect(requiredReferrals(sop, psychological)).toEqual([]);
  });

  it('makes the proceedings records mandatory only for the procedures opened', () => {
    const stage = sop.stages.find((st) => st.id === 'proceedings');
    expect(stage?.tasks.map((t) => [t.id, t.mandatoryWhen])).toEqual([
      ['record_police_report', { procedure: 'police_report' }],
      ['record_prosecution_file', { procedure: 'prosecution' }],
      ['record_hearings_verdict', { procedure: 'court' }],
    ]);
  });
});
