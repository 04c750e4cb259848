import { PairList } from './pair-list.js';

/** Records whose keys are equal (and not null) fall in one block and are compared. */
export interface BlockingRule<R> {
  readonly name: string;
  /** The record's block, or null to leave it out of this rule (e.g. no surname). */
  readonly key: (record: R) => string | null;
  /**
   * Compared fields the key conditions on (a surname prefix conditions surname). Training leaves
   * them out of this rule's pairs, which agree on them because of blocking, not because they match.
   */
  readonly fields?: readonly string[];
}

export interface BlockingRuleStats {
  readonly rule: string;
  /** Pairs this rule added that no earlier rule had produced. */
  readonly pairs: number;
  readonly blocks: number;
  /** Blocks over maxBlockSize, skipped whole: one value shared by thousands identifies nobody. */
  readonly oversizeBlocks: readonly { readonly key: string; readonly size: number }[];
  /**
   * Blocks within maxBlockSize skipped because comparing them would pass maxPairs: the rule is
   * too loose for this many records. The largest blocks are the ones skipped.
   */
  readonly overBudgetBlocks: number;
}

export interface CandidatePairs {
  /** Each pair once, left < right, in rule then block then index order. */
  readonly pairs: PairList;
  /** Per pair, bit r set when rule r puts both records in one compared block. */
  readonly rulesOf: Uint32Array;
  readonly stats: readonly BlockingRuleStats[];
}

export interface BlockingOptions {
  /** Largest block compared; larger blocks are reported and skipped. Default 1000. */
  readonly maxBlockSize?: number;
  /**
   * Most pairs all rules together may propose. Pair count grows with the square of block size, so
   * a rule that blocks well at 100k records can propose billions of pairs at 10M; past the budget
   * the largest blocks are skipped and counted rather than exhausting memory. Default 20M.
   */
  readonly maxPairs?: number;
}

/** Pairs within one block of n records. */
const pairsIn = (n: number) => (n * (n - 1)) / 2;

/** Record indexes by key, in order of first appearance; null keys are in no block. */
function groupByKey(keys: readonly (string | null)[]): Map<string, number[]> {
  const blocks = new Map<string, number[]>();
  keys.forEach((k, i) => {
    if (k === null) return;
    const block = blocks.get(k);
    if (block) block.push(i);
    else blocks.set(k, [i]);
  });
  return blocks;
}

/**
 * The union of the pairs each blocking rule proposes, without the cross product and without a set
 * of seen pairs: a pair found by rule k is dropped when an earlier rule already put both records
 * in one (not skipped) block, which is a comparison of two precomputed keys.
 */
export function candidatePairs<R>(
  records: readonly R[],
  rules: readonly BlockingRule<R>[],
  options: BlockingOptions = {},
): CandidatePairs {
  const maxBlockSize = options.maxBlockSize ?? 1000;
  if (rules.length > 32) throw new RangeError('at most 32 blocking rules');
  const keys = rules.map((rule) => records.map((rec) => rule.key(rec)));
  const blocksOf = keys.map(groupByKey);
  const skipped = rules.map(() => new Set<string>());
  const oversize = rules.map(() => [] as { key: string; size: number }[]);
  const overBudget = rules.map(() => 0);
  const compared: { rule: number; key: string; size: number }[] = [];
  blocksOf.forEach((blocks, r) => {
    for (const [key, members] of blocks) {
      if (members.length > maxBlockSize) {
        oversize[r]!.push({ key, size: members.length });
        skipped[r]!.add(key);
      } else if (members.length > 1) compared.push({ rule: r, key, size: members.length });
    }
  });
  // The budget goes to the smallest blocks of any rule first: they are the most specific (a phone
  // shared by two) and the cheapest. It counts every pair of a block, those an earlier rule
  // proposed too, so it bounds the work done here.
  compared.sort((a, b) => a.size - b.size || a.rule - b.rule || (a.key < b.key ? -1 : 1));
  let budget = options.maxPairs ?? 20_000_000;
  for (const block of compared) {
    if (pairsIn(block.size) <= budget) {
      budget -= pairsIn(block.size);
      continue;
    }
    skipped[block.rule]!.add(block.key);
    overBudget[block.rule]!++;
  }

  const seenBefore = (r: number, i: number, j: number): boolean => {
    for (let e = 0; e < r; e++) {
      const k = keys[e]![i] ?? null;
      if (k !== null && k === keys[e]![j] && !skipped[e]!.has(k)) return true;
    }
    return false;
  };
  const pairs = new PairList();
  // Pairs are pushed rule by rule: rule r's first pair is at ruleStart[r].
  const ruleStart: number[] = [];
  const stats = blocksOf.map((blocks, r): BlockingRuleStats => {
    ruleStart.push(pairs.length);
    for (const [key, members] of blocks) {
      if (skipped[r]!.has(key)) continue;
      for (let a = 0; a < members.length; a++) {
        for (let b = a + 1; b < members.length; b++) {
          const i = members[a]!;
          const j = members[b]!;
          if (r > 0 && seenBefore(r, i, j)) continue;
          pairs.push(i, j);
        }
      }
    }
    return {
      rule: rules[r]!.name,
      pairs: pairs.length - ruleStart[r]!,
      blocks: blocks.size,
      oversizeBlocks: oversize[r]!,
      overBudgetBlocks: overBudget[r]!,
    };
  });
  // Later rules may block the same pair too; training needs every rule a pair belongs to.
  const rulesOf = new Uint32Array(pairs.length);
  let first = 0;
  for (let k = 0; k < pairs.length; k++) {
    while (first + 1 < rules.length && k >= ruleStart[first + 1]!) first++;
    const i = pairs.left(k);
    const j = pairs.right(k);
    let mask = 0;
    for (let r = first; r < rules.length; r++) {
      const key = keys[r]![i] ?? null;
      if (key !== null && key === keys[r]![j] && !skipped[r]!.has(key)) mask |= 1 << r;
    }
    rulesOf[k] = mask >>> 0;
  }
  return { pairs, rulesOf, stats };
}
