import { ILO_INDICATORS } from '@opennrm/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestContext, type TestContext } from './harness.js';

let ctx: TestContext;
let manager: Client;
beforeAll(async () => {
  ctx = await createTestContext();
  manager = await ctx.signIn('casemanager');
});
afterAll(() => ctx.close());

/** A complete interview of an adult recruited by deception into forced labour, passport kept. */
function traffickingAnswers(overrides: Record<string, unknown> = {}) {
  const answers: Record<string, unknown> = {
    act_elements: ['recruitment', 'transportation'],
    means_elements: ['fraud'],
    purpose_elements: ['forced_labour_or_services'],
    still_in_situation: 'no',
  };
  for (const i of ILO_INDICATORS) answers[`ilo_${i}`] = 'no';
  answers.ilo_deception = 'yes';
  answers.ilo_retention_of_identity_documents = 'yes';
  return { ...answers, ...overrides };
}

async function newCase(dateOfBirth = '1995-06-01') {
  const res = await manager.post('/api/cases', {
    intakeKind: 'walk_in',
    channel: 'walk_in',
    person: { nameLatin: 'Screened Person', dateOfBirth, nationality: 'NP' },
  });
  return res.json() as { id: string };
}

describe('screening interview', () => {
  it('serves the current questionnaire in English and Arabic', async () => {
    const q = (await manager.get('/api/screening/questionnaire')).json();
    expect(q.version).toBe(1);
    const first = q.questionnaire.sections[0].questions[0];
    expect(first.text.en).toBeTruthy();
    expect(first.text.ar).toBeTruthy();
  });

  it('saves as it goes, suggests trafficking with reasons, and the case manager confirms it', async () => {
    const c = await newCase();
    const partial = await manager.request('PUT', `/api/cases/${c.id}/screening`, {
      answers: { act_elements: ['recruitment'] },
    });
    expect(partial.statusCode).toBe(200);
    expect(partial.json().category).toBeNull();
    expect((await manager.get(`/api/cases/${c.id}`)).json().stage).toBe('screening');

    expect(partial.headers.etag).toBe('"v1"');
    const blind = await manager.request('PUT', `/api/cases/${c.id}/screening`, {
      answers: traffickingAnswers(),
    });
    expect(blind.statusCode).toBe(428);
    const full = await manager.request(
      'PUT',
      `/api/cases/${c.id}/screening`,
      { answers: traffickingAnswers() },
      { headers: { 'if-match': partial.headers.etag as string } },
    );
    expect(full.headers.etag).toBe('"v2"');
    // A colleague still holding version 1 cannot overwrite these answers.
    const stale = await manager.request(
      'PUT',
      `/api/cases/${c.id}/screening`,
      { answers: { act_elements: ['receipt'] } },
      { headers: { 'if-match': '"v1"' } },
    );
    expect(stale.statusCode).toBe(412);
    const suggestion = full.json();
    expect(suggestion).toMatchObject({ category: 'trafficking', subtype: 'forced_labour', risk: 'high' });
    expect(suggestion.indicators).toEqual(
      expect.arrayContaining(['deception', 'retention_of_identity_documents']),
    );
    expect(suggestion.reasons.length).toBeGreaterThan(0);

    const stored = await ctx.db
      .selectFrom('screenings')
      .select('answers_enc')
      .where('case_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(stored.answers_enc).not.toContain('forced_labour');

    const confirm = await manager.post(`/api/cases/${c.id}/screening/confirm`, {
      category: 'trafficking',
      subtype: 'forced_labour',
      risk: 'high',
    });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.json().screening.confirmed).toMatchObject({ category: 'trafficking', overridden: false });
    // The confirmed category starts the trafficking SOP; its first task (a safety assessment
    // within 4 hours of receipt) keeps the case at "received" until it is done.
    expect((await manager.get(`/api/cases/${c.id}`)).json()).toMatchObject({
      stage: 'received',
      category: 'trafficking',
      risk: 'high',
    });
    const actions = (await manager.get(`/api/cases/${c.id}/timeline`))
      .json()
      .items.map((i: { action: string }) => i.action);
    expect(actions).toEqual(
      expect.arrayContaining(['case.created', 'screening.saved', 'screening.confirmed']),
    );
  });

  it('does not require the means for a child', async () => {
    const c = await newCase(`${new Date().getUTCFullYear() - 16}-01-01`);
    const res = await manager.request('PUT', `/api/cases/${c.id}/screening`, {
      answers: traffickingAnswers({ means_elements: [] }),
    });
    expect(res.json()).toMatchObject({ category: 'trafficking', meansRequired: false, risk: 'urgent' });
  });

  it('needs a written reason to override the suggestion, and a sub-type of the chosen category', async () => {
    const c = await newCase();
    await manager.request('PUT', `/api/cases/${c.id}/screening`, { answers: traffickingAnswers() });
    const noReason = await manager.post(`/api/cases/${c.id}/screening/confirm`, {
      category: 'labour_case',
      risk: 'medium',
    });
    expect(noReason.json().code).toBe('OVERRIDE_REASON_REQUIRED');
    const mismatch = await manager.post(`/api/cases/${c.id}/screening/confirm`, {
      category: 'abuse',
      subtype: 'forced_labour',
      risk: 'low',
      reason: 'x',
    });
    expect(mismatch.json().code).toBe('SUBTYPE_MISMATCH');
    const ok = await manager.post(`/api/cases/${c.id}/screening/confirm`, {
      category: 'labour_case',
      subtype: 'unpaid_wages',
      risk: 'medium',
      reason: 'The person returned to the employer voluntarily; passport now returned.',
    });
    expect(ok.json().screening.confirmed).toMatchObject({
      overridden: true,
      reason: expect.stringContaining('passport'),
    });
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'screening.confirmed')
      .where('target_id', '=', c.id)
      .executeTakeFirstOrThrow();
    // Who overrode the suggestion is audited; the outcome itself stays in the screening (issue 9, hole 9).
    expect(audit.details).toEqual({ overridden: true });
  });

  it('rejects answers that do not fit the questionnaire, and incomplete interviews at confirmation', async () => {
    const c = await newCase();
    const bad = await manager.request('PUT', `/api/cases/${c.id}/screening`, {
      answers: { not_a_question: 'yes', act_elements: ['teleportation'] },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('SCREENING_ANSWERS_INVALID');
    await manager.request('PUT', `/api/cases/${c.id}/screening`, {
      answers: { act_elements: ['recruitment'] },
    });
    const early = await manager.post(`/api/cases/${c.id}/screening/confirm`, {
      category: 'labour_case',
      risk: 'low',
      reason: 'r',
    });
    expect(early.json().code).toBe('SCREENING_ANSWERS_INVALID');
  });

  it('lets an administrator publish a new version without touching code; screened cases keep theirs', async () => {
    const admin = await ctx.signIn('admin');
    const current = (await admin.get('/api/screening/questionnaire')).json();
    const c = await newCase();
    await manager.request('PUT', `/api/cases/${c.id}/screening`, { answers: traffickingAnswers() });

    const { version: _v, ...questionnaire } = current.questionnaire;
    const { version: _r, ...scoringRules } = current.scoringRules;
    questionnaire.title = { ...questionnaire.title, en: 'Screening interview (2027 edition)' };
    const published = await admin.post('/api/screening/questionnaires', { questionnaire, scoringRules });
    expect(published.statusCode).toBe(201);
    expect(published.json().version).toBe(2);
    expect((await manager.get('/api/screening/questionnaire')).json().version).toBe(2);
    const screening = (await manager.get(`/api/cases/${c.id}/screening`)).json().screening;
    expect(screening.questionnaireVersion).toBe(1);

    const broken = await admin.post('/api/screening/questionnaires', {
      questionnaire,
      scoringRules: {
        ...scoringRules,
        rules: [{ ...scoringRules.rules[0], when: { answer: 'no_such_question', is: 'yes' } }],
      },
    });
    expect(broken.json().code).toBe('QUESTIONNAIRE_INVALID');
    expect(
      (await manager.post('/api/screening/questionnaires', { questionnaire, scoringRules })).statusCode,
    ).toBe(403);
  });
});

describe('screening safeguards', () => {
  it('treats a person marked as a minor as a child even without a date of birth', async () => {
    const res = await manager.post('/api/cases', {
      intakeKind: 'walk_in',
      channel: 'walk_in',
      person: { nameLatin: 'Minor Without Birthdate', vulnerabilities: ['minor'] },
    });
    const id = res.json().id;
    const suggestion = (
      await manager.request('PUT', `/api/cases/${id}/screening`, {
        answers: traffickingAnswers({ means_elements: [] }),
      })
    ).json();
    expect(suggestion).toMatchObject({ category: 'trafficking', meansRequired: false, risk: 'urgent' });
  });

  it('needs a reason to confirm a lower risk than the case already has (an urgent call stays urgent unless explained)', async () => {
    const res = await manager.post('/api/cases', {
      intakeKind: 'hotline',
      channel: 'hotline',
      risk: 'urgent',
      person: { nameLatin: 'Urgent Caller', dateOfBirth: '1990-01-01' },
    });
    const id = res.json().id;
    const suggestion = (
      await manager.request('PUT', `/api/cases/${id}/screening`, { answers: traffickingAnswers() })
    ).json();
    expect(suggestion.risk).toBe('high');
    const silent = await manager.post(`/api/cases/${id}/screening/confirm`, {
      category: suggestion.category,
      subtype: suggestion.subtype,
      risk: suggestion.risk,
    });
    expect(silent.json().code).toBe('OVERRIDE_REASON_REQUIRED');
    const kept = await manager.post(`/api/cases/${id}/screening/confirm`, {
      category: suggestion.category,
      subtype: suggestion.subtype,
      risk: 'urgent',
      reason: 'Still at risk from the employer.',
    });
    expect(kept.statusCode).toBe(200);
  });
});
