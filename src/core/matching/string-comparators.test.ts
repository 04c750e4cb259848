import { describe, expect, it } from 'vitest';
import { daysApart, parsePartialDate } from './date-proximity.js';
import { jaro, jaroWinkler, jaroWinklerAtLeast } from './jaro-winkler.js';
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

  it('with a threshold, is exact at or above it and below it otherwise, on random strings', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const word = () =>
      Array.from(
        { length: 1 + Math.floor(random() * 30) },
        () => 'abcde'[Math.floor(random() * 5)],
      ).join('');
    const mutate = (w: string) =>
      [...w].map((c) => (random() < 0.15 ? 'abcde'[Math.floor(random() * 5)] : c)).join('');
    let pruned = 0;
    let above = 0;
    for (let n = 0; n < 5000; n++) {
      const a = word();
      const b = random() < 0.5 ? mutate(a) : word();
      const exact = jaroWinkler(a, b);
      for (const threshold of [0.5, 0.8, 0.9, 0.92, 1]) {
        const bounded = jaroWinklerAtLeast(a, b, threshold);
        if (exact >= threshold) {
          above++;
          expect([a, b, threshold, bounded]).toEqual([a, b, threshold, exact]);
        } else {
          expect(bounded).toBeLessThan(threshold);
          if (bounded !== exact) pruned++;
        }
      }
    }
    // Both sides were exercised, and the threshold did cut work short.
    expect(above).toBeGreaterThan(2000);
    expect(pruned).toBeGreaterThan(2000);
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

  it('gives the full table’s distance within the limit, and limit + 1 past it, on random strings', () => {
    // The plain two-dimensional table, written out as the definition reads.
    const reference = (a: string, b: string): number => {
      const d = Array.from({ length: a.length + 1 }, (_r, i) =>
        Array.from({ length: b.length + 1 }, (_c, j) => (i === 0 ? j : j === 0 ? i : 0)),
      );
      for (let i = 1; i <= a.length; i++)
        for (let j = 1; j <= b.length; j++)
          d[i]![j] = Math.min(
            d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
            d[i - 1]![j]! + 1,
            d[i]![j - 1]! + 1,
          );
      return d[a.length]![b.length]!;
    };
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    // Few letters, so that near strings are common; lengths up to 40 (longer than the rows).
    const word = () =>
      Array.from({ length: Math.floor(random() * 40) }, () => 'abc'[Math.floor(random() * 3)]).join(
        '',
      );
    const edit = (w: string) => {
      const at = Math.floor(random() * (w.length + 1));
      const kind = random();
      if (kind < 0.33) return w.slice(0, at) + 'b' + w.slice(at);
      if (kind < 0.66) return w.slice(0, at) + w.slice(at + 1);
      return w.slice(0, at) + 'c' + w.slice(at + 1);
    };
    let near = 0;
    for (let n = 0; n < 3000; n++) {
      const a = word();
      let b = random() < 0.5 ? word() : a;
      if (b === a) for (let e = Math.floor(random() * 4); e >= 0; e--) b = edit(b);
      const exact = reference(a, b);
      if (exact <= 3) near++;
      expect(levenshtein(a, b)).toBe(exact);
      for (const limit of [0, 1, 2, 3, 5])
        expect([a, b, limit, levenshtein(a, b, limit)]).toEqual([
          a,
          b,
          limit,
          Math.min(exact, limit + 1),
        ]);
    }
    expect(near).toBeGreaterThan(1000);
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
