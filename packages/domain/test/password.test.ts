import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPasswordShape, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../src/password.js';

describe('password shape', () => {
  it('accepts 12 to 128 characters, counted as the user sees them', () => {
    expect(checkPasswordShape('a'.repeat(11))).toBe('PASSWORD_TOO_SHORT');
    expect(checkPasswordShape('a'.repeat(12))).toBeUndefined();
    expect(checkPasswordShape('a'.repeat(128))).toBeUndefined();
    expect(checkPasswordShape('a'.repeat(129))).toBe('PASSWORD_TOO_LONG');
    // Twelve Arabic letters are twelve characters, whatever their UTF-16 or UTF-8 length.
    expect(checkPasswordShape('كلمةسرطويلةج')).toBeUndefined();
    expect(checkPasswordShape('🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑')).toBe('PASSWORD_TOO_SHORT');
  });

  it('refuses a password that contains the username', () => {
    expect(checkPasswordShape('my-name-is-maryam-2026', 'Maryam')).toBe('PASSWORD_CONTAINS_USERNAME');
  });

  it('accepts any password of allowed length that does not contain the username', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, unit: 'grapheme-ascii' }),
        (p) => {
          fc.pre(!p.toLowerCase().includes('zzzzqq'));
          expect(checkPasswordShape(p, 'zzzzqq')).toBeUndefined();
        },
      ),
    );
  });
});
