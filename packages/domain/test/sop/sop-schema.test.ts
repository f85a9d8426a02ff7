import { describe, expect, it } from 'vitest';
import { StageCondition } from '../../src/sop/conditions.js';
import { DEFAULT_LABOUR_CASE_SOP } from '../../src/sop/default-sops.js';
import { SopDocument } from '../../src/sop/sop-schema.js';

type Doc = SopDocument;
const copy = (): Doc => JSON.parse(JSON.stringify(DEFAULT_LABOUR_CASE_SOP)) as Doc;
const problems = (doc: unknown): string[] => {
  const result = SopDocument.safeParse(doc);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('SopDocument', () => {
  it('accepts the shipped labour case SOP', () => {
    expect(problems(copy())).toEqual([]);
  });

  it('requires received first, closed last and the lifecycle order', () => {
    const doc = copy();
    doc.stages = [doc.stages[1]!, doc.stages[0]!, ...doc.stages.slice(2)];
    expect(problems(doc)).toEqual([
      'stages.0.id: the first stage must be received',
      'stages.1.id: stage received out of lifecycle order (after screening)',
    ]);
    const noClosed = copy();
    noClosed.stages.pop();
    expect(problems(noClosed)).toContain('stages.5.id: the last stage must be closed');
  });

  it('rejects duplicate ids, duplicate recipients and unknown referral triggers', () => {
    const doc = copy();
    const referral = doc.stages[2]!;
    referral.tasks[1]!.id = referral.tasks[0]!.id;
    referral.referrals[2] = { ...referral.referrals[0]!, id: 'again' };
    referral.tasks[0]!.deadline = {
      amount: 5,
      unit: 'business_days',
      from: 'referral_sent',
      referral: 'nowhere',
    };
    expect(problems(doc)).toEqual([
      'stages.2.referrals.2: a referral to grievances/grievance is already listed',
      'stages.2.tasks.0.deadline.referral: unknown referral nowhere',
      'stages.2.tasks.1.id: duplicate task id',
    ]);
  });

  it('wants positive whole deadlines and a referral exactly for referral triggers', () => {
    const doc = copy();
    const tasks = doc.stages[0]!.tasks;
    tasks[0]!.deadline = { amount: 0, unit: 'business_days', from: 'case_received' };
    tasks[1]!.deadline = { amount: 1, unit: 'hours', from: 'stage_entered', referral: 'shelter' };
    doc.stages[1]!.tasks[0]!.deadline = { amount: 2, unit: 'business_days', from: 'referral_accepted' };
    expect(problems(doc)).toEqual([
      'stages.0.tasks.0.deadline.amount: Too small: expected number to be >0',
      'stages.0.tasks.1.deadline.referral: no referral for a stage_entered deadline',
      'stages.1.tasks.0.deadline.referral: name the referral that starts the clock',
    ]);
  });

  it('only lets the middle stages be skipped, and skipWhen needs canSkip', () => {
    const doc = copy();
    doc.stages[0]!.canSkip = true;
    doc.stages[5]!.canSkip = true;
    doc.stages[4]!.skipWhen = 'resolution_recorded';
    expect(problems(doc)).toEqual([
      'stages.0.canSkip: the first stage, the last stage and the one before it cannot be skipped',
      'stages.4.skipWhen: skipWhen needs canSkip',
      'stages.5.canSkip: the first stage, the last stage and the one before it cannot be skipped',
    ]);
  });

  it('checks that sub-types fit the category and that task conditions are not circular', () => {
    const doc = copy();
    doc.appliesWhen = { subtypes: ['sexual'] };
    doc.stages[2]!.referrals[0]!.requiredWhen = {
      allOf: [{ subtypeIn: ['physical'] }, 'required_referrals_answered'],
    };
    expect(problems(doc)).toEqual([
      'appliesWhen.subtypes.0: sexual is not a sub-type of labour_case',
      'stages.2.referrals.0.requiredWhen: required_referrals_answered cannot decide a task or referral (circular)',
      'stages.2.referrals.0.requiredWhen: physical is not a sub-type of labour_case',
    ]);
  });

  it('wants follow-ups later and later, and the closed stage empty', () => {
    const doc = copy();
    doc.followUps = [{ after: { amount: 2, unit: 'months' } }, { after: { amount: 30, unit: 'days' } }];
    doc.stages[6]!.tasks = [{ ...doc.stages[0]!.tasks[0]!, id: 'too_late' }];
    expect(problems(doc)).toEqual([
      'stages.6: the closed stage has no tasks or referrals',
      'followUps.1: follow-ups must come later and later',
    ]);
  });

  it('parses conditions as JSON data', () => {
    expect(StageCondition.safeParse({ anyOf: ['assigned', { riskAtLeast: 'high' }] }).success).toBe(true);
    expect(StageCondition.safeParse({ consentGiven: { purpose: 'shelter' } }).success).toBe(true);
    expect(StageCondition.safeParse('sunny').success).toBe(false);
    expect(StageCondition.safeParse({ riskAtLeast: 'high', minor: true }).success).toBe(false);
  });
});
