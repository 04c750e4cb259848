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
  const pairs = new PairList();
  const firstRule: number[] = [];
  const keys: (string | null)[][] = [];
  const skipped: Set<string>[] = [];
  const stats: BlockingRuleStats[] = [];
  const seenBefore = (r: number, i: number, j: number): boolean => {
    for (let e = 0; e < r; e++) {
      const k = keys[e]![i] ?? null;
      if (k !== null && k === keys[e]![j] && !skipped[e]!.has(k)) return true;
    }
    return false;
  };
  rules.forEach((rule, r) => {
    const ruleKeys = records.map((rec) => rule.key(rec));
    keys.push(ruleKeys);
    const blocks = new Map<string, number[]>();
    ruleKeys.forEach((k, i) => {
      if (k === null) return;
      const block = blocks.get(k);
      if (block) block.push(i);
      else blocks.set(k, [i]);
    });
    const oversize: { key: string; size: number }[] = [];
    const skip = new Set<string>();
    let added = 0;
    for (const [key, members] of blocks) {
      if (members.length > maxBlockSize) {
        oversize.push({ key, size: members.length });
        skip.add(key);
        continue;
      }
      for (let a = 0; a < members.length; a++) {
        for (let b = a + 1; b < members.length; b++) {
          const i = members[a]!;
          const j = members[b]!;
          if (r > 0 && seenBefore(r, i, j)) continue;
          pairs.push(i, j);
          firstRule.push(r);
          added++;
        }
      }
    }
    skipped.push(skip);
    stats.push({ rule: rule.name, pairs: added, blocks: blocks.size, oversizeBlocks: oversize });
  });
  // Later rules may block the same pair too; training needs every rule a pair belongs to.
  const rulesOf = new Uint32Array(pairs.length);
  for (let k = 0; k < pairs.length; k++) {
    const i = pairs.left(k);
    const j = pairs.right(k);
    let mask = 0;
    for (let r = firstRule[k]!; r < rules.length; r++) {
      const key = keys[r]![i] ?? null;
      if (key !== null && key === keys[r]![j] && !skipped[r]!.has(key)) mask |= 1 << r;
    }
    rulesOf[k] = mask >>> 0;
  }
  return { pairs, rulesOf, stats };
}
