import { describe, expect, it } from 'vitest';
import { createPiiHasher } from '../ingest/pii-hasher.js';
import { tombstonesOf, valueKeys } from './erasure-keys.js';

const plain = {};
const hashed = { hash: createPiiHasher('salt') };
const stored = (v: string, o: typeof plain | typeof hashed) =>
  'hash' in o ? o.hash.hash('phone', v) : v;
const matches = (erased: string, value: string, o: typeof plain | typeof hashed) => {
  const tombs = new Set(tombstonesOf('phone', stored(erased, o)));
  return valueKeys(value, o).some((k) => tombs.has(k));
};

describe('phone matching between tombstones and values', () => {
  for (const o of [plain, hashed]) {
    const name = 'hash' in o ? 'hashed' : 'plain';
    it(`one side without a country compares national digits (${name})`, () => {
      expect(matches('+16022999153', '602 299 9153', o)).toBe(true);
      expect(matches('+16022999153', '(602) 299-9153', o)).toBe(true);
      expect(matches('6022999153', '+1 602 299 9153', o)).toBe(true);
      expect(matches('02079460000', '+44 20 7946 0000', o)).toBe(true);
      expect(matches('+442079460000', '020 7946 0000', o)).toBe(true);
    });

    it(`two numbers with countries must be equal (${name})`, () => {
      expect(matches('+16022999153', '+1 602-299-9153', o)).toBe(true);
      expect(matches('+16022999153', '+44 602 299 9153', o)).toBe(false);
      expect(matches('+16022999153', '602 299 9154', o)).toBe(false);
    });
  }

  it('ids match in any field, emails in any case', () => {
    const tombs = new Set([
      ...tombstonesOf('user_id', 'u-9'),
      ...tombstonesOf('email', 'a@b.example'),
    ]);
    expect(valueKeys(' u-9 ', plain).some((k) => tombs.has(k))).toBe(true);
    expect(valueKeys('A@B.example', plain).some((k) => tombs.has(k))).toBe(true);
    expect(valueKeys('u-90', plain).some((k) => tombs.has(k))).toBe(false);
  });
});
