import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES, nationalSignificantNumber } from './national-number.js';

describe('nationalSignificantNumber', () => {
  it('drops the country code of an E.164 number, whatever its length', () => {
    expect(nationalSignificantNumber('+16022999153')).toBe('6022999153');
    expect(nationalSignificantNumber('+442079460000')).toBe('2079460000');
    expect(nationalSignificantNumber('+353861234567')).toBe('861234567');
    expect(nationalSignificantNumber('+74951234567')).toBe('4951234567');
  });

  it('drops the trunk 0 of national digits; null for anything else', () => {
    expect(nationalSignificantNumber('02079460000')).toBe('2079460000');
    expect(nationalSignificantNumber('6022999153')).toBe('6022999153');
    expect(nationalSignificantNumber('602 299 9153')).toBeNull();
    expect(nationalSignificantNumber('+12')).toBeNull();
  });

  it('lists country codes as a prefix code: no code starts another', () => {
    const clashes = COUNTRY_CODES.filter((a) =>
      COUNTRY_CODES.some((b) => a !== b && b.startsWith(a)),
    );
    expect(clashes).toEqual([]);
    expect(COUNTRY_CODES).toEqual(expect.arrayContaining(['1', '44', '353', '971']));
  });
});
