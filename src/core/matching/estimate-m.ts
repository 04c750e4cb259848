import { PROBABILITY_FLOOR, clampProbability, normaliseLevels } from './fellegi-sunter-model.js';

/** Comparison levels of many pairs, row-major: pair k's field f is levels[k * fieldCount + f]. */
export interface ComparisonVectors {
  readonly count: number;
  readonly fieldCount: number;
  readonly levels: Uint8Array;
}

/** The shape of the comparison: level counts and null levels per field. */
export interface LevelLayout {
  readonly levelCounts: readonly number[];
  readonly nullLevels: readonly number[];
}

/**
 * Training sessions, one per blocking rule. Pairs a rule blocked together agree on its fields by
 * construction, not by being matches, so in that rule's session those fields are left out and
 * the pairs speak only through the other fields, whose non-match distribution is still u.
 */
export interface EmSessions {
  /** Per pair, bit s set when the pair belongs to session s (at most 32 sessions). */
  readonly membership: Uint32Array;
  /** Per session, the field indexes it leaves out. */
  readonly excludedFields: readonly (readonly number[])[];
}

export interface EmOptions {
  readonly maxIterations?: number;
  /** Stop when no m and no λ moves by more than this. Default 1e-6. */
  readonly tolerance?: number;
  readonly initialLambda?: number;
  /** Starting m; by default each level is half as likely as the stricter one before it. */
  readonly initialM?: readonly (readonly number[])[];
  readonly floor?: number;
}

export interface EmResult {
  readonly m: number[][];
  /** Prior match probability within each session. */
  readonly sessionLambdas: number[];
  /** Share of matches over all session memberships: the prior among the pairs given. */
  readonly lambda: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Fields every session left out: their m stayed at the starting value. */
  readonly fieldsNotEstimated: number[];
}

interface Pattern {
  readonly levels: Uint8Array;
  readonly sessions: number;
  count: number;
}

// Pairs share few distinct comparison vectors, so EM runs over the distinct (vector, sessions)
// patterns with counts: thousands of patterns instead of millions of pairs per iteration.
function patterns(
  vectors: ComparisonVectors,
  layout: LevelLayout,
  membership: Uint32Array | null,
): Pattern[] {
  const F = vectors.fieldCount;
  // A mixed-radix number is a cheaper key than a joined string while the product fits exactly.
  const radix = layout.levelCounts.reduce((a, b) => a * b, 1);
  const numeric = radix * 2 ** 32 <= Number.MAX_SAFE_INTEGER;
  const byKey = new Map<number | string, Pattern>();
  for (let k = 0; k < vectors.count; k++) {
    const row = vectors.levels.subarray(k * F, k * F + F);
    const sessions = membership ? membership[k]! : 1;
    if (sessions === 0) continue;
    let key: number | string;
    if (numeric) {
      let n = 0;
      for (let f = 0; f < F; f++) n = n * layout.levelCounts[f]! + row[f]!;
      key = sessions * radix + n;
    } else key = `${sessions}:${row.join(',')}`;
    const seen = byKey.get(key);
    if (seen) seen.count++;
    else byKey.set(key, { levels: row.slice(), sessions, count: 1 });
  }
  return [...byKey.values()];
}

function initialM(layout: LevelLayout): number[][] {
  return layout.levelCounts.map((count, f) => {
    const nullLevel = layout.nullLevels[f]!;
    let rank = 0;
    const raw = Array.from({ length: count }, (_, l) => (l === nullLevel ? 1 : 0.5 ** rank++));
    return normaliseLevels(raw, nullLevel);
  });
}

/**
 * Expectation–maximisation of m and the prior λ with u held fixed. The E step gives each pair,
 * in each session it belongs to, its probability of being a match; the M step sets m to the
 * match-weighted share of pairs at each level (pooled over sessions that use the field) and each
 * session's λ to its mean match probability. Fixing u (from random pairs) anchors the non-match
 * class, so EM cannot swap the classes. Floors keep every probability inside (0, 1).
 */
export function estimateM(
  vectors: ComparisonVectors,
  u: readonly (readonly number[])[],
  layout: LevelLayout,
  options: EmOptions & { readonly sessions?: EmSessions } = {},
): EmResult {
  const F = vectors.fieldCount;
  const floor = options.floor ?? PROBABILITY_FLOOR;
  const tolerance = options.tolerance ?? 1e-6;
  const maxIterations = options.maxIterations ?? 200;
  const excluded = options.sessions?.excludedFields ?? [[]];
  const S = excluded.length;
  if (S > 32) throw new RangeError('at most 32 EM sessions');
  const uses = excluded.map((ex) => Array.from({ length: F }, (_, f) => !ex.includes(f)));
  const data = patterns(vectors, layout, options.sessions?.membership ?? null);
  const logU = u.map((row) => row.map(Math.log));
  let m = (options.initialM ?? initialM(layout)).map((row) => [...row]);
  const start = clampProbability(options.initialLambda ?? 0.1, floor);
  let lambdas = Array.from({ length: S }, () => start);
  const fieldsNotEstimated = Array.from({ length: F }, (_, f) => f).filter((f) =>
    uses.every((s) => !s[f]),
  );
  let iterations = 0;
  let converged = false;
  const posteriorOf = (levels: Uint8Array, s: number, logM: number[][]) => {
    let w = Math.log(lambdas[s]! / (1 - lambdas[s]!));
    for (let f = 0; f < F; f++) {
      const l = levels[f]!;
      if (uses[s]![f] && l !== layout.nullLevels[f]) w += logM[f]![l]! - logU[f]![l]!;
    }
    return 1 / (1 + Math.exp(-w));
  };
  while (iterations < maxIterations && !converged) {
    iterations++;
    const logM = m.map((row) => row.map(Math.log));
    const sums = layout.levelCounts.map((c) => new Float64Array(c));
    const matchMass = new Float64Array(S);
    const pairs = new Float64Array(S);
    for (const p of data) {
      for (let s = 0; s < S; s++) {
        if ((p.sessions & (1 << s)) === 0) continue;
        const mass = posteriorOf(p.levels, s, logM) * p.count;
        matchMass[s]! += mass;
        pairs[s]! += p.count;
        for (let f = 0; f < F; f++) if (uses[s]![f]) sums[f]![p.levels[f]!]! += mass;
      }
    }
    const next = sums.map((sum, f) => {
      const nullLevel = layout.nullLevels[f]!;
      let seen = 0;
      sum.forEach((x, l) => {
        if (l !== nullLevel) seen += x;
      });
      // A field never observed among matches keeps its m rather than dividing by zero.
      if (seen === 0) return m[f]!;
      return normaliseLevels(
        Array.from(sum, (x) => x / seen),
        nullLevel,
        floor,
      );
    });
    const nextLambdas = lambdas.map((l, s) =>
      clampProbability(pairs[s] === 0 ? l : matchMass[s]! / pairs[s]!, floor),
    );
    let change = 0;
    nextLambdas.forEach((l, s) => (change = Math.max(change, Math.abs(l - lambdas[s]!))));
    next.forEach((row, f) =>
      row.forEach((x, l) => (change = Math.max(change, Math.abs(x - m[f]![l]!)))),
    );
    m = next;
    lambdas = nextLambdas;
    converged = change < tolerance;
  }
  let mass = 0;
  let memberships = 0;
  const logM = m.map((row) => row.map(Math.log));
  for (const p of data) {
    for (let s = 0; s < S; s++) {
      if ((p.sessions & (1 << s)) === 0) continue;
      mass += posteriorOf(p.levels, s, logM) * p.count;
      memberships += p.count;
    }
  }
  return {
    m,
    sessionLambdas: lambdas,
    lambda: memberships === 0 ? lambdas[0]! : clampProbability(mass / memberships, floor),
    iterations,
    converged,
    fieldsNotEstimated,
  };
}
