import type { CaseSection } from '@opennrm/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestContext, type TestContext } from './harness.js';

/**
 * Issue 12, point 9 (and issue 18): the case list's `q` finds a person by passport or phone
 * exactly, through the blind index of the normalised number (never a name search that returns
 * unrelated cases), only where the caller may see the person section; and a name typed in
 * the other order finds the person.
 */
let ctx: TestContext;
let manager: Client;
let officer: Client;
let withPassport: { id: string; reference: string };
let hossain: { id: string; reference: string };
let referralId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  manager = await ctx.signIn('casemanager');
  officer = await ctx.signIn('officer');
  const first = await manager.post('/api/cases', {
    intakeKind: 'walk_in',
    channel: 'walk_in',
    person: {
      nameLatin: 'Rukhsana Farooqui',
      nationality: 'PK',
      sex: 'female',
      phone: '+973 3655 1234',
      documents: [{ type: 'passport', number: 'xk 4471-902', issuingCountry: 'PK' }],
    },
    narrative: 'Passport kept by the agency.',
  });
  expect(first.statusCode, first.body).toBe(201);
  withPassport = first.json();
  // A second person whose passport differs by one character, and a name in both scripts.
  const second = await manager.post('/api/cases', {
    intakeKind: 'walk_in',
    channel: 'walk_in',
    person: {
      nameLatin: 'Mohammed Zulqarnain Hossain',
      nameArabic: 'محمد ذو القرنين حسين',
      nationality: 'BD',
      sex: 'male',
      phone: '36551235',
      documents: [{ type: 'passport', number: 'XK4471903', issuingCountry: 'BD' }],
    },
    narrative: 'Wages withheld.',
  });
  expect(second.statusCode, second.body).toBe(201);
  hossain = second.json();
  const police = await ctx.db
    .selectFrom('organisations')
    .select('id')
    .where('name', '=', 'Police Directorate')
    .executeTakeFirstOrThrow();
  const referral = await ctx.db
    .insertInto('referrals')
    .values({ case_id: withPassport.id, organisation_id: police.id, shared_sections: ['narrative'] })
    .returning('id')
    .executeTakeFirstOrThrow();
  referralId = referral.id;
});
afterAll(() => ctx.close());

async function search(client: Client, q: string) {
  const res = await client.get(`/api/cases?limit=100&q=${encodeURIComponent(q)}`);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as { items: { id: string }[]; total: number };
  return { ids: body.items.map((i) => i.id), total: body.total };
}

async function share(sections: CaseSection[]) {
  await ctx.db
    .updateTable('referrals')
    .set({ shared_sections: sections })
    .where('id', '=', referralId)
    .execute();
}

describe('exact search by identity document and phone', () => {
  it('a passport number finds exactly its case and no other, however it is typed', async () => {
    for (const q of ['XK4471902', 'xk4471902', 'XK 4471 902', 'XK-4471-902', ' xk.4471/902 ']) {
      const found = await search(manager, q);
      expect(found.ids, q).toEqual([withPassport.id]);
      expect(found.total, q).toBe(1);
    }
    // A prefix or a near miss is not a match: the index is of the whole number.
    expect((await search(manager, 'XK4471')).total).toBe(0);
    expect((await search(manager, 'XK4471903')).ids).toEqual([hossain.id]);
  });

  it('a phone typed with spaces, dashes, + or 00 finds its case', async () => {
    for (const q of [
      '+973 3655 1234',
      '+973-3655-1234',
      '0097336551234',
      '973 3655 1234',
      '(+973) 3655-1234',
    ]) {
      const found = await search(manager, q);
      expect(found.ids, q).toEqual([withPassport.id]);
      expect(found.total, q).toBe(1);
    }
    // A local number stored without a country code is found as typed, in Arabic-Indic digits too.
    for (const q of ['3655 1235', '3655-1235', '٣٦٥٥١٢٣٥']) {
      expect((await search(manager, q)).ids, q).toEqual([hossain.id]);
    }
  });

  it('an agency without the person section gets nothing for the passport, phone or reversed name (no oracle)', async () => {
    await share(['narrative']);
    for (const q of ['XK4471902', '+973 3655 1234', 'Farooqui Rukhsana']) {
      const found = await search(officer, q);
      expect(found.ids, q).toEqual([]);
      expect(found.total, q).toBe(0);
    }
    // The reference is in the header the officer sees: it still finds the case.
    expect((await search(officer, withPassport.reference)).ids).toEqual([withPassport.id]);
    await share(['narrative', 'person']);
    try {
      expect((await search(officer, 'XK4471902')).ids).toEqual([withPassport.id]);
      expect((await search(officer, '+973 3655 1234')).ids).toEqual([withPassport.id]);
      expect((await search(officer, 'Farooqui Rukhsana')).ids).toEqual([withPassport.id]);
    } finally {
      await share(['narrative']);
    }
  });
});

describe('name search', () => {
  it('finds the person whatever the order of the name parts, in either script', async () => {
    for (const q of [
      'Mohammed Hossain',
      'Hossain Mohammed',
      'hossain zulqarnain',
      'Hossain, Mohammed',
      'Hussain Muhammad',
      'حسين محمد',
    ]) {
      expect((await search(manager, q)).ids, q).toContain(hossain.id);
    }
    // Every part must match: a part the person does not bear excludes them.
    expect((await search(manager, 'Hossain Farooqui')).ids).not.toContain(hossain.id);
  });

  it('keeps finding a case by its reference', async () => {
    expect((await search(manager, hossain.reference)).ids).toEqual([hossain.id]);
    expect((await search(manager, hossain.reference.toLowerCase())).ids).toEqual([hossain.id]);
  });
});
