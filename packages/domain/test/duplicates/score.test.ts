import { describe, expect, it } from 'vitest';
import { compareBirth } from '../../src/duplicates/birth.js';
import { MATCH_THRESHOLDS, type MatchPerson, scoreMatch } from '../../src/duplicates/score.js';
import { nameSimilarity } from '../../src/duplicates/similarity.js';

const codes = (a: MatchPerson, b: MatchPerson) => scoreMatch(a, b).reasons.map((r) => r.code);
const reason = (a: MatchPerson, b: MatchPerson, code: string) =>
  scoreMatch(a, b).reasons.find((r) => r.code === code);

describe('nameSimilarity', () => {
  it('matches spellings across scripts', () => {
    expect(nameSimilarity('محمد عبدالله', 'Mohammed Abdulla')).toBe(1);
    expect(nameSimilarity('Muhammad Abdullah', 'Mohamad Abdallah')).toBe(1);
    expect(nameSimilarity('Fatima Begum', 'فاطمة بيجوم')).toBeGreaterThan(0.9);
  });

  it('does not depend on the order of the parts', () => {
    expect(nameSimilarity('Ali Hassan Mohammed', 'Mohammed Ali Hassan')).toBe(1);
    expect(nameSimilarity('Nabirye Sarah', 'Sarah Nabirye')).toBe(1);
  });

  it('tolerates a missing middle name, less so a missing family name', () => {
    const middle = nameSimilarity('Mohammed Ali Hassan', 'Mohammed Hassan');
    expect(middle).toBeGreaterThan(0.85);
    expect(middle).toBeLessThan(1);
    expect(nameSimilarity('Suresh B. Nair', 'Suresh Babu Nair')).toBeGreaterThan(0.9);
  });

  it('joins parts written as one word', () => {
    expect(nameSimilarity('Nasiruddin Ahmed', 'Nasir ud Din Ahmed')).toBe(1);
    expect(nameSimilarity('Nurhayati', 'Nur Hayati')).toBe(1);
  });

  it('scores different names low, and is symmetric and bounded', () => {
    expect(nameSimilarity('Fatima Begum', 'Rokeya Khatun')).toBeLessThan(0.3);
    expect(nameSimilarity('Abdul Rahman', 'Abdul Rahim')).toBeLessThan(0.8);
    for (const [a, b] of [
      ['Ahmed Khan', 'Imran Khan'],
      ['Tigist Bekele', 'تيجيست'],
      ['', 'Mohammed'],
    ] as const) {
      const s = nameSimilarity(a, b);
      expect(s).toBe(nameSimilarity(b, a));
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
    }
  });
});

describe('compareBirth', () => {
  const w = (a: string | null, b: string | null, ya?: number, yb?: number) =>
    compareBirth({ dateOfBirth: a, estimatedBirthYear: ya }, { dateOfBirth: b, estimatedBirthYear: yb });
  it('grades exact dates, swaps, typos and year estimates', () => {
    expect(w('1988-04-12', '1988-04-12')).toEqual({ code: 'date_of_birth', weight: 0.25 });
    expect(w('1988-04-12', '1988-12-04')?.weight).toBe(0.2);
    expect(w('1988-04-12', '1988-04-13')?.weight).toBe(0.15);
    expect(w('1993-07-21', '1993-07-12')?.weight).toBe(0.12);
    expect(w('1988-04-12', null, undefined, 1988)?.weight).toBe(0.08);
    expect(w(null, null, 1986, 1988)?.weight).toBe(0.04);
    expect(w(null, null, 1986, 1991)).toBeNull();
    expect(w(null, null)).toBeNull();
  });

  it('reads 1 January as a year only, and flags big differences as conflicts', () => {
    expect(w('1990-01-01', '1990-07-15')?.weight).toBe(0.08);
    expect(w('1990-06-20', '1990-02-11')).toEqual({ code: 'conflict_date_of_birth', weight: -0.1 });
    expect(w('1971-03-02', '1988-04-12')?.code).toBe('conflict_date_of_birth');
    expect(w('1971-03-02', null, undefined, 1990)?.code).toBe('conflict_date_of_birth');
    expect(w('1996-06-71', '1996-06-17')).toBeNull();
  });
});

describe('scoreMatch', () => {
  const base: MatchPerson = { names: ['Mohammed Abdulla Hassan'], nationality: 'EG' };

  it('treats an identical document number (any type) as near-certain, whatever the names', () => {
    const a: MatchPerson = {
      names: ['Tigist Bekele'],
      documents: [{ type: 'passport', number: 'ep 445-5667' }],
    };
    const b: MatchPerson = { names: ['تسيجي'], documents: [{ type: 'national_id', number: 'EP4455667' }] };
    const m = scoreMatch(a, b);
    expect(m.band).toBe('strong');
    expect(m.reasons[0]?.code).toBe('document');
  });

  it('trusts an identical number less when two different countries issued it', () => {
    const doc = (country: string) => [{ type: 'passport', number: '12345678', country }];
    const a: MatchPerson = { names: ['Rashid Al-Balushi'], documents: doc('OM') };
    expect(reason(a, { names: ['Ram Thapa'], documents: doc('OM') }, 'document')?.weight).toBe(0.7);
    expect(reason(a, { names: ['Ram Thapa'], documents: doc('NP') }, 'document')?.weight).toBe(0.3);
    expect(scoreMatch(a, { names: ['Ram Thapa'], documents: doc('NP') }).band).toBe('weak');
  });

  it('compares blind indexes only by equality', () => {
    const hex = (n: string) => ({ type: 'passport', number: n, country: 'PK' });
    const a: MatchPerson = { names: ['Imran Khan'], documents: [hex('9f86d081')], phones: ['4821337'] };
    const b: MatchPerson = { names: ['Imran Khan'], documents: [hex('9F86D081')], phones: ['4821337'] };
    expect(codes(a, b)).toEqual(expect.arrayContaining(['document', 'phone']));
    expect(codes(a, { ...b, documents: [hex('9F86D082')], phones: ['4821338'] })).not.toContain('phone');
  });

  it('flags different numbers of the same kind of document, more strongly when names differ', () => {
    const pp = (n: string) => [{ type: 'passport', number: n, country: 'NP' }];
    const a: MatchPerson = { names: ['Manoj Kumar Sharma'], documents: pp('08899001') };
    expect(
      reason(a, { names: ['Manoj Kumar Sharma'], documents: pp('07712345') }, 'conflict_document')?.weight,
    ).toBe(-0.15);
    expect(
      reason(a, { names: ['Manoj Thapa'], documents: pp('07712345') }, 'conflict_document')?.weight,
    ).toBe(-0.3);
    const otherCountry = [{ type: 'passport', number: '07712345', country: 'IN' }];
    expect(codes(a, { names: ['Manoj Kumar Sharma'], documents: otherCountry })).not.toContain(
      'conflict_document',
    );
  });

  it('uses the name alone as the main signal when there is nothing else', () => {
    expect(scoreMatch({ names: ['محمد عبدالله'] }, { names: ['Muhammad Abdullah'] }).band).toBe('possible');
    expect(scoreMatch({ names: ['Fatima Begum'] }, { names: ['Rokeya Khatun'] }).band).toBe('weak');
  });

  it('adds date of birth, nationality and phone, and subtracts conflicts', () => {
    const same = scoreMatch({ ...base, dateOfBirth: '1988-04-12' }, { ...base, dateOfBirth: '1988-04-12' });
    expect(same.band).toBe('strong');
    const phone = scoreMatch(
      { ...base, phones: ['+971 55 234 8812'] },
      { ...base, phones: ['00971552348812'] },
    );
    expect(phone.reasons.map((r) => r.code)).toContain('phone');
    expect(phone.band).toBe('strong');
    const namesakes = scoreMatch(
      { ...base, dateOfBirth: '1971-03-02' },
      { ...base, dateOfBirth: '1995-10-10' },
    );
    expect(namesakes.band).toBe('weak');
    const otherNationality = scoreMatch(base, { ...base, nationality: 'SD' });
    expect(otherNationality.reasons.map((r) => r.code)).toContain('conflict_nationality');
    expect(otherNationality.band).toBe('weak');
  });

  it('keeps siblings who share a family name and a phone apart', () => {
    const a: MatchPerson = {
      names: ['Shahid Mehmood'],
      dateOfBirth: '1985-07-04',
      nationality: 'PK',
      phones: ['97433445511'],
    };
    const b: MatchPerson = {
      names: ['Zahid Mehmood'],
      dateOfBirth: '1988-01-20',
      nationality: 'PK',
      phones: ['97433445511'],
    };
    expect(scoreMatch(a, b).band).toBe('weak');
  });

  it('returns a bounded score with a band consistent with the thresholds', () => {
    const m = scoreMatch(
      {
        ...base,
        dateOfBirth: '1988-04-12',
        documents: [{ type: 'passport', number: 'A1' }],
        phones: ['123456'],
      },
      {
        ...base,
        dateOfBirth: '1988-04-12',
        documents: [{ type: 'passport', number: 'A1' }],
        phones: ['123456'],
      },
    );
    expect(m.score).toBe(1);
    expect(MATCH_THRESHOLDS.strong).toBeGreaterThan(MATCH_THRESHOLDS.possible);
    expect(scoreMatch({ names: [] }, { names: [] })).toEqual({ score: 0, band: 'weak', reasons: [] });
  });
});
