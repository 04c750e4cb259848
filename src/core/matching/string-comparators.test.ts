import { describe, expect, it } from 'vitest';
import { daysApart, parsePartialDate } from './date-proximity.js';
import { jaro, jaroWinkler } from './jaro-winkler.js';
import { levenshtein } from './levenshtein.js';

describe('jaro and jaroWinkler', () => {
  // Published values: Winkler (1990) and the worked examples that accompany the definition.
  it.each([
    ['MARTHA', 'MARHTA', 0.9444, 0.9611],
    ['DIXON', 'DICKSONX', 0.7667, 0.8133],
    ['DWAYNE', 'DUANE', 0.8222, 0.84],
    ['CRATE', 'TRACE', 0.7333, 0.7333],
    ['JELLYFISH', 'SMELLYFISH', 0.8963, 0.8963],
  ])('%s / %s: jaro %f, jaro-winkler %f', (a, b, j, jw) => {
    expect(jaro(a, b)).toBeCloseTo(j, 4);
    expect(jaroWinkler(a, b)).toBeCloseTo(jw, 4);
    expect(jaroWinkler(b, a)).toBeCloseTo(jw, 4);
  });

  it('handles identical, empty and disjoint strings', () => {
    expect(jaroWinkler('same', 'same')).toBe(1);
    expect(jaroWinkler('', '')).toBe(1);
    expect(jaroWinkler('', 'abc')).toBe(0);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaro('a', 'a')).toBe(1);
  });

  it('caps the prefix bonus at four characters and honours the scale', () => {
    const j = jaro('ABCDEFGH', 'ABCDEFXY');
    expect(jaroWinkler('ABCDEFGH', 'ABCDEFXY')).toBeCloseTo(j + 4 * 0.1 * (1 - j), 10);
    expect(jaroWinkler('ABCDEFGH', 'ABCDEFXY', { prefixScale: 0.2, maxPrefix: 2 })).toBeCloseTo(
      j + 2 * 0.2 * (1 - j),
      10,
    );
  });

  it('does not leak state between calls of different lengths', () => {
    const long = 'x'.repeat(200) + 'abc';
    jaroWinkler(long, long + 'd');
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.9611, 4);
  });
});

describe('levenshtein', () => {
  it.each([
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
    ['Saturday', 'Sunday', 3],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['same', 'same', 0],
  ])('%s / %s = %i', (a, b, d) => {
    expect(levenshtein(a, b)).toBe(d);
    expect(levenshtein(b, a)).toBe(d);
  });

  it('stops early past maxDistance and reports maxDistance + 1', () => {
    expect(levenshtein('kitten', 'sitting', 3)).toBe(3);
    expect(levenshtein('kitten', 'sitting', 2)).toBe(3);
    expect(levenshtein('kitten', 'sitting', 1)).toBe(2);
    expect(levenshtein('a', 'abcdefgh', 2)).toBe(3);
    expect(levenshtein('abcdefghij', 'klmnopqrst', 0)).toBe(1);
  });
});

describe('date proximity', () => {
  it('counts days between full dates', () => {
    expect(daysApart('1971-06-24', '1971-05-24')).toBe(31);
    expect(daysApart('2020-02-28', '2020-03-01')).toBe(2);
    expect(daysApart('2021-01-01T10:00:00Z', '2021-01-01')).toBe(0);
  });

  it('treats partial dates as ranges: 0 when they overlap, else the gap', () => {
    expect(daysApart('1971-06', '1971-06-24')).toBe(0);
    expect(daysApart('1971', '1971-12-31')).toBe(0);
    expect(daysApart('1971-06', '1971-08-01')).toBe(32);
    expect(daysApart('1970', '1972-01-01')).toBe(366);
  });

  it('is null when either side is missing or unreadable', () => {
    expect(daysApart(null, '1971-06-24')).toBeNull();
    expect(daysApart('1971-06-24', undefined)).toBeNull();
    expect(daysApart('not a date', '1971-06-24')).toBeNull();
    expect(parsePartialDate('2021-02-30')).toBeNull();
    expect(parsePartialDate('2021-13')).toBeNull();
  });
});
