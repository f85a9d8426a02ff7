import { describe, expect, it } from 'vitest';
import { nameKeys } from '../../src/duplicates/keys.js';

describe('short names', () => {
  it('keys names made only of one-consonant parts, so they can be found again', () => {
    const a = nameKeys('Bui Thi Hoa');
    expect(a.length).toBeGreaterThan(0);
    expect(nameKeys('Bùi Thị Hòa').some((k) => a.includes(k))).toBe(true);
    expect(nameKeys('Ei Ei Phyo').length).toBeGreaterThan(0);
  });
});
