import { describe, expect, it } from 'vitest';
import { normalizePhone } from './normalize-phone.js';

describe('normalizePhone', () => {
  it('keeps the country of international numbers', () => {
    expect(normalizePhone('+44 20 7946 0958')).toEqual({ ok: true, value: '+442079460958' });
    expect(normalizePhone('0044 20 7946 0958', '1')).toEqual({ ok: true, value: '+442079460958' });
    expect(normalizePhone('+1 (415) 555-0100 ext. 12')).toEqual({
      ok: true,
      value: '+14155550100',
    });
  });

  it('gives national numbers the default country, dropping the trunk 0', () => {
    expect(normalizePhone('(415) 555-0100', '1')).toEqual({ ok: true, value: '+14155550100' });
    expect(normalizePhone('020 7946 0958', '44')).toEqual({ ok: true, value: '+442079460958' });
  });

  it('keeps national digits when no default country is configured', () => {
    expect(normalizePhone('415-555-0100')).toEqual({ ok: true, value: '4155550100' });
  });

  it('refuses letters and impossible lengths', () => {
    expect(normalizePhone('call me').ok).toBe(false);
    expect(normalizePhone('+1 555').ok).toBe(false);
    expect(normalizePhone('+1234567890123456').ok).toBe(false);
  });
});
