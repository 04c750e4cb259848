import { attributionProblem, throwIfProblems } from './attribution-error.js';

/** A sparse substochastic matrix Q in compressed rows: row i is col/val[rowStart[i]..rowStart[i+1]). */
export interface SparseMatrix {
  readonly n: number;
  readonly rowStart: Int32Array;
  readonly col: Int32Array;
  readonly val: Float64Array;
}

export interface GaussSeidelOptions {
  /** Target bound on the remaining error relative to the largest unknown; default 1e-14. */
  readonly tolerance?: number | undefined;
  /** Default 1,000,000 sweeps; reaching it throws rather than return a rough answer. */
  readonly maxSweeps?: number | undefined;
  /** 0 pins an unknown at 0 (a removed state); default every unknown is free. */
  readonly active?: Uint8Array | undefined;
}

/**
 * Solves x = Q·x + b for each right-hand side by Gauss–Seidel sweeps. For the transient part of an
 * absorbing chain (every state can reach absorption) I − Q is a nonsingular M-matrix, so the sweeps
 * converge linearly, at a rate ρ < 1 estimated from successive updates δ. The sweeps stop when the
 * geometric tail δ·ρ/(1 − ρ) — the bound on the remaining error — is under the tolerance, or when
 * δ is at rounding level and stops shrinking. Tests hold the answers to the direct solve.
 */
export function gaussSeidel(
  q: SparseMatrix,
  rhs: readonly Float64Array[],
  options: GaussSeidelOptions = {},
): { readonly solutions: Float64Array[]; readonly sweeps: number } {
  const tolerance = options.tolerance ?? 1e-14;
  const maxSweeps = options.maxSweeps ?? 1_000_000;
  const { n, rowStart, col, val } = q;
  const active = options.active;
  const xs = rhs.map(() => new Float64Array(n));
  let previousDelta = Infinity;
  let previousRatio = 0;
  for (let sweep = 1; sweep <= maxSweeps; sweep++) {
    let delta = 0;
    for (let r = 0; r < rhs.length; r++) {
      const x = xs[r] as Float64Array;
      const b = rhs[r] as Float64Array;
      let change = 0;
      let scale = 0;
      // Backwards: states are numbered roughly in the order journeys reach them, so a sweep from
      // the end carries values towards the start in one pass wherever the chain has no cycle.
      for (let i = n - 1; i >= 0; i--) {
        if (active && active[i] === 0) continue;
        let s = b[i] ?? 0;
        let self = 0;
        for (let e = rowStart[i] ?? 0, end = rowStart[i + 1] ?? 0; e < end; e++) {
          const j = col[e] ?? 0;
          const p = val[e] ?? 0;
          if (j === i) self += p;
          else s += p * (x[j] ?? 0);
        }
        // A self-loop is solved for exactly rather than iterated: x_i = s / (1 − q_ii).
        const next = s / (1 - self);
        change = Math.max(change, Math.abs(next - (x[i] ?? 0)));
        scale = Math.max(scale, Math.abs(next));
        x[i] = next;
      }
      if (scale > 0) delta = Math.max(delta, change / scale);
    }
    const ratio = delta / previousDelta;
    // The larger of the last two ratios: one lucky sweep must not pass for fast convergence.
    const rate = Math.max(ratio, previousRatio);
    // At rounding level a sweep that no longer contracts cannot improve the answer.
    if (delta === 0 || (delta <= 4 * Number.EPSILON && ratio >= 1))
      return { solutions: xs, sweeps: sweep };
    // Two ratios are needed before the rate means anything (the first sweep starts from 0).
    if (sweep >= 3 && rate < 1 && (delta * rate) / (1 - rate) <= tolerance)
      return { solutions: xs, sweeps: sweep };
    previousDelta = delta;
    previousRatio = ratio;
  }
  throwIfProblems([
    attributionProblem('solve.no_convergence', `no convergence in ${maxSweeps} sweeps`, 'matrix'),
  ]);
  return { solutions: xs, sweeps: maxSweeps };
}
