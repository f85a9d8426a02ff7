import { describe, expect, it } from 'vitest';
import { asciiDigits, classifyCaseSearch, MAX_SEARCH_NAME_PARTS } from '../src/case-search.js';
import { normaliseDocumentNumber, normalisePhone } from '../src/duplicates/score.js';

describe('classifyCaseSearch', () => {
  it('keeps a case reference a reference, in any case', () => {
    expect(classifyCaseSearch(' nrm-2026-000123 ')).toEqual({ kind: 'reference', prefix: 'NRM-2026-000123' });
    expect(classifyCaseSearch('NRM-2026')).toEqual({ kind: 'reference', prefix: 'NRM-2026' });
  });

  it('reads a passport number in any case, with spaces, dashes, dots or slashes, as a document only', () => {
    for (const q of ['XK4471902', 'xk4471902', 'XK 4471 902', 'xk-4471-902', 'XK.4471/902']) {
      expect(classifyCaseSearch(q), q).toEqual({
        kind: 'identifier',
        documentNumbers: ['XK4471902'],
        phones: [],
      });
    }
  });

  it('reads a phone with +, 00, spaces, dashes or brackets as a phone only, normalised as the writer does', () => {
    for (const q of ['+973 3655 1234', '+973-3655-1234', '0097336551234', '(+973) 3655.1234']) {
      const search = classifyCaseSearch(q);
      expect(search, q).toMatchObject({ kind: 'identifier', phones: ['97336551234'] });
      expect(search, q).toMatchObject({ phones: [normalisePhone(q)] });
    }
    expect(classifyCaseSearch('+973 3655 1234')).toMatchObject({ documentNumbers: [] });
  });

  it('tries digits alone as both a document (a residence permit) and a phone', () => {
    expect(classifyCaseSearch('850 101 234')).toEqual({
      kind: 'identifier',
      documentNumbers: ['850101234'],
      phones: ['850101234'],
    });
    expect(classifyCaseSearch('0097336551234')).toEqual({
      kind: 'identifier',
      documentNumbers: [normaliseDocumentNumber('0097336551234')],
      phones: ['97336551234'],
    });
  });

  it('reads Arabic-Indic and Persian digits as ASCII digits', () => {
    expect(asciiDigits('٣٦٥٥ ۱۲۳۴')).toBe('3655 1234');
    expect(classifyCaseSearch('+٩٧٣ ٣٦٥٥ ١٢٣٤')).toMatchObject({
      kind: 'identifier',
      phones: ['97336551234'],
    });
  });

  it('matches nothing for a number that normalises to nothing', () => {
    expect(classifyCaseSearch('+00')).toEqual({ kind: 'identifier', documentNumbers: [], phones: [] });
  });

  it('splits a name into parts, lower-cased, each with its skeleton, whatever their order', () => {
    expect(classifyCaseSearch('Hossain, Mohammed')).toEqual({
      kind: 'name',
      parts: [
        { typed: 'hossain', skeleton: 'hsn' },
        { typed: 'mohammed', skeleton: 'mhmd' },
      ],
    });
    expect(classifyCaseSearch('حسين محمد')).toEqual({
      kind: 'name',
      parts: [
        { typed: 'حسين', skeleton: 'hsn' },
        { typed: 'محمد', skeleton: 'mhmd' },
      ],
    });
  });

  it('a name is never an identifier, and the parts searched are bounded', () => {
    expect(classifyCaseSearch('Anitha').kind).toBe('name');
    const many = classifyCaseSearch('a b c d e f g h');
    expect(many.kind === 'name' && many.parts.length).toBe(MAX_SEARCH_NAME_PARTS);
    expect(classifyCaseSearch('Mohammed mohammed')).toMatchObject({ parts: [{ typed: 'mohammed' }] });
  });
});
