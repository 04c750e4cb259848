import { describe, expect, it } from 'vitest';
import { estimateU } from './estimate-u.js';
import { createRecordComparator } from './record-comparator.js';

const cities = ['leeds', 'leeds', 'york', 'hull', null];
const records = cities.map((city) => ({ city }));
const comparator = createRecordComparator(records, [
  { field: 'city', levels: [{ kind: 'null' }, { kind: 'exact' }, { kind: 'else' }] },
]);

describe('estimateU', () => {
  it('compares every pair when there are fewer than asked for', () => {
    const { u, pairsCompared, exhaustive } = estimateU(comparator);
    expect(exhaustive).toBe(true);
    expect(pairsCompared).toBe(10);
    // Six pairs have both cities; one of them (leeds, leeds) agrees.
    expect(u[0]![1]).toBeCloseTo(1 / 6, 10);
    expect(u[0]![2]).toBeCloseTo(5 / 6, 10);
    expect(u[0]![0]).toBe(1);
  });

  it('samples reproducibly from a seed', () => {
    const a = estimateU(comparator, { pairs: 6, seed: 9 });
    const b = estimateU(comparator, { pairs: 6, seed: 9 });
    expect(a.exhaustive).toBe(false);
    expect(a.pairsCompared).toBe(6);
    expect(a.u).toEqual(b.u);
  });

  it('gives a level never seen half a count rather than zero', () => {
    const distinct = createRecordComparator(
      ['a', 'b', 'c', 'd'].map((city) => ({ city })),
      [{ field: 'city', levels: [{ kind: 'exact' }, { kind: 'else' }] }],
    );
    const { u } = estimateU(distinct);
    expect(u[0]![0]).toBeGreaterThan(0);
    expect(u[0]![0]! + u[0]![1]!).toBeCloseTo(1, 12);
  });
});
