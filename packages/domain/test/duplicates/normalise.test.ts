import { describe, expect, it } from 'vitest';
import { nameKeys, normaliseName } from '../../src/duplicates/keys.js';
import { normaliseDocumentNumber, normalisePhone } from '../../src/duplicates/score.js';

const sharesKey = (a: string, b: string) => nameKeys(a).some((k) => nameKeys(b).includes(k));

describe('normaliseDocumentNumber and normalisePhone', () => {
  it('upper-cases documents and strips spaces, dashes, dots and slashes', () => {
    expect(normaliseDocumentNumber(' ab 123-45.6/7 ')).toBe('AB1234567');
    expect(normaliseDocumentNumber('9f86d081884c7d65')).toBe('9F86D081884C7D65');
  });

  it('keeps phone digits only, without a leading 00 or +', () => {
    expect(normalisePhone('+971 50 123 4567')).toBe('971501234567');
    expect(normalisePhone('00971-50-123-4567')).toBe('971501234567');
    expect(normalisePhone('(971) 501234567')).toBe('971501234567');
    expect(normalisePhone('123456789012345678901234567890')).toBe('123456789012345678901234567890');
  });
});

describe('normaliseName', () => {
  it('gives a lower-case Latin skeleton for either script', () => {
    for (const n of ['محمد عبدالله', 'Mohammed Abdulla', 'Muhammad Abdullah', 'Mohamad Abdallah']) {
      expect(normaliseName(n)).toBe('mhmd abdl');
    }
    expect(normaliseName('غلام مصطفیٰ چودھری')).toMatch(/^[a-z ]+$/);
  });

  it('ignores tashkeel and tatweel, and unifies alef, yeh, ta marbuta and hamza forms', () => {
    expect(normaliseName('مُحَمَّد')).toBe(normaliseName('محمد'));
    expect(normaliseName('مـحـمـد')).toBe(normaliseName('محمد'));
    expect(normaliseName('فاطمة')).toBe(normaliseName('فاطمه'));
    expect(normaliseName('ليلى')).toBe(normaliseName('ليلي'));
    expect(normaliseName('أحمد')).toBe(normaliseName('احمد'));
    expect(normaliseName('إبراهيم')).toBe(normaliseName('ابراهيم'));
    expect(normaliseName('رائد')).toBe(normaliseName('Raed'));
  });

  it('meets Latin spelling families and Persian/Urdu letters in one skeleton', () => {
    expect(normaliseName('Fatimah')).toBe(normaliseName('Fatima'));
    expect(normaliseName('Youssef')).toBe(normaliseName('يوسف'));
    expect(normaliseName('Chaudhry')).toBe(normaliseName('چودھری'));
    expect(normaliseName('Chowdhury')).toBe(normaliseName('Choudhary'));
    expect(normaliseName('Gul')).toBe(normaliseName('گل'));
    expect(normaliseName('Md. Rahim')).toBe(normaliseName('Mohammed Rahim'));
    expect(normaliseName('Abdul Rahman')).toBe(normaliseName('عبد الرحمن'));
    expect(normaliseName('Abdurrahman')).toBe(normaliseName('Abd al-Rahman'));
    expect(normaliseName('Abu Bakr')).toBe(normaliseName('أبو بكر'));
  });

  it('turns a partial name typed in either script into a substring of the full skeleton', () => {
    const full = [normaliseName('Mohammed Abdulla'), normaliseName('محمد عبدالله')];
    for (const typed of ['محمد', 'Mohammed', 'Moham', 'عبد', 'Abd']) {
      for (const f of full) expect(f).toContain(normaliseName(typed));
    }
    expect(normaliseName('Abdul Rahman Al-Hashimi')).toContain(normaliseName('الهاشمي'));
    expect(normaliseName('عبد الرحمن الهاشمي')).toContain(normaliseName('Hashimi'));
  });
});

describe('nameKeys', () => {
  it('shares a key between spellings of one name across scripts (the issue example)', () => {
    const spellings = ['محمد عبدالله', 'Mohammed Abdulla', 'Muhammad Abdullah', 'Mohamad Abdallah'];
    for (const a of spellings) for (const b of spellings) expect(sharesKey(a, b)).toBe(true);
  });

  it('shares keys for other cross-script and transliteration variants', () => {
    const pairs: [string, string][] = [
      ['Osman', 'عثمان'],
      ['Othman', 'Usman'],
      ['Tigist Bekele', 'تيجيست بيكيلي'],
      ['Joseph Otieno', 'جوزيف أوتينو'],
      ['Nurhayati', 'Nur Hayati'],
      ['Rafiqul Islam', 'رفيق الإسلام'],
      ['Alhashimi', 'الهاشمي'],
      ['Anitha', 'Anita'],
      ['Abdul Latheef', 'Latheef'],
      ['Gamal', 'جمال'],
    ];
    for (const [a, b] of pairs) expect(sharesKey(a, b), `${a} / ${b}`).toBe(true);
  });

  it('drops particles as keys and keeps at most eight keys', () => {
    expect(nameKeys('Khalid Al Hashimi')).not.toContain('al');
    expect(nameKeys('Siti Aminah binti Sulaiman').some((k) => k === 'bnt' || k === 'bn')).toBe(false);
    expect(nameKeys('Juan dela Cruz')).not.toContain('dl');
    const long = 'Mohammed Abdullah Hassan Ali Othman Ibrahim Khalil Yousef Saleh Al-Tamimi';
    expect(nameKeys(long).length).toBeLessThanOrEqual(8);
    expect(nameKeys('')).toEqual([]);
  });

  it('includes an order-free key for the first and last parts', () => {
    expect(nameKeys('Imran Khan').filter((k) => k.includes('+'))).toEqual(
      nameKeys('Khan Imran').filter((k) => k.includes('+')),
    );
  });
});
