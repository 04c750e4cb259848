import { describe, expect, it } from 'vitest';
import { candidatePairs, type BlockingRule } from './candidate-pairs.js';
import { seededRandom } from './seeded-random.js';

interface Person {
  readonly surname: string | null;
  readonly dob: string | null;
}

const random = seededRandom(7);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
const people: Person[] = Array.from({ length: 300 }, () => ({
  surname:
    random() < 0.1
      ? null
      : pick(['smith', 'smyth', 'jones', 'brown', 'taylor', 'evans']) + pick(['', 'e']),
  dob: random() < 0.1 ? null : `19${Math.floor(random() * 50 + 50)}-01-01`,
}));
const rules: BlockingRule<Person>[] = [
  { name: 'surname3', key: (p) => p.surname?.slice(0, 3) ?? null, fields: ['surname'] },
  { name: 'dob', key: (p) => p.dob, fields: ['dob'] },
];

describe('candidatePairs', () => {
  const { pairs, rulesOf, stats } = candidatePairs(people, rules);

  it('is the union of the rules, each pair once, never the cross product', () => {
    const seen = new Set<string>();
    for (let k = 0; k < pairs.length; k++) {
      const [i, j] = [pairs.left(k), pairs.right(k)];
      expect(i).toBeLessThan(j);
      seen.add(`${i},${j}`);
    }
    expect(seen.size).toBe(pairs.length);
    let expected = 0;
    for (let i = 0; i < people.length; i++) {
      for (let j = i + 1; j < people.length; j++) {
        if (
          rules.some((r) => r.key(people[i]!) !== null && r.key(people[i]!) === r.key(people[j]!))
        )
          expected++;
      }
    }
    expect(pairs.length).toBe(expected);
    expect(pairs.length).toBeLessThan((people.length * (people.length - 1)) / 2);
    expect(stats.map((s) => s.pairs).reduce((a, b) => a + b)).toBe(pairs.length);
  });

  it('records every rule each pair satisfies', () => {
    for (let k = 0; k < pairs.length; k++) {
      const [a, b] = [people[pairs.left(k)]!, people[pairs.right(k)]!];
      rules.forEach((r, bit) => {
        const agree = r.key(a) !== null && r.key(a) === r.key(b);
        expect(((rulesOf[k]! >>> bit) & 1) === 1).toBe(agree);
      });
    }
  });

  it('skips and reports blocks over the size limit instead of comparing them', () => {
    const everyone: BlockingRule<Person> = { name: 'constant', key: () => 'same' };
    const result = candidatePairs(people, [everyone], { maxBlockSize: 100 });
    expect(result.pairs.length).toBe(0);
    expect(result.stats[0]!.oversizeBlocks).toEqual([{ key: 'same', size: 300 }]);
  });

  it('lets a later rule cover pairs an oversize block of an earlier rule skipped', () => {
    const tiny = [
      { surname: 'x', dob: 'a' },
      { surname: 'x', dob: 'a' },
      { surname: 'x', dob: 'b' },
    ];
    const result = candidatePairs(
      tiny,
      rules.map((r, i) => (i === 0 ? { ...r, key: () => 'x' } : r)),
      {
        maxBlockSize: 2,
      },
    );
    expect(result.pairs.length).toBe(1);
    expect([result.pairs.left(0), result.pairs.right(0)]).toEqual([0, 1]);
  });

  it('spends the pair budget on the smallest blocks of any rule and counts the blocks it skips', () => {
    // Rule 0 blocks everyone by surname prefix; rule 1 pairs records sharing a date of birth.
    const budget = 400;
    const result = candidatePairs(people, rules, { maxPairs: budget });
    const all = candidatePairs(people, rules);
    const blockSizes = rules.map((r) => {
      const sizes = new Map<string, number>();
      for (const p of people) {
        const k = r.key(p);
        if (k !== null) sizes.set(k, (sizes.get(k) ?? 0) + 1);
      }
      return [...sizes.values()].filter((n) => n > 1);
    });
    // Hand-run the budget: every block by size, smallest first, admitted while it fits.
    const ordered = blockSizes
      .flatMap((sizes, rule) => sizes.map((size) => ({ rule, size })))
      .sort((a, b) => a.size - b.size || a.rule - b.rule);
    let left = budget;
    const skippedPerRule = [0, 0];
    for (const b of ordered) {
      const n = (b.size * (b.size - 1)) / 2;
      if (n <= left) left -= n;
      else skippedPerRule[b.rule]!++;
    }
    expect(skippedPerRule[0]! + skippedPerRule[1]!).toBeGreaterThan(0);
    expect(result.stats.map((s) => s.overBudgetBlocks)).toEqual(skippedPerRule);
    expect(result.pairs.length).toBeLessThanOrEqual(budget);
    expect(result.pairs.length).toBeLessThan(all.pairs.length);
    // What was kept is still each pair once, and rulesOf still names every compared rule.
    const seen = new Set<string>();
    for (let k = 0; k < result.pairs.length; k++) {
      const key = `${result.pairs.left(k)},${result.pairs.right(k)}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
      expect(result.rulesOf[k]).not.toBe(0);
    }
  });

  it('leaves the pairs unchanged when the budget is not reached', () => {
    const all = candidatePairs(people, rules);
    const roomy = candidatePairs(people, rules, { maxPairs: all.pairs.length * 3 });
    expect(roomy.pairs.length).toBe(all.pairs.length);
    expect(roomy.stats.every((s) => s.overBudgetBlocks === 0)).toBe(true);
    expect(Array.from(roomy.rulesOf)).toEqual(Array.from(all.rulesOf));
  });
});
