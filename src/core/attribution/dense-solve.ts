import { attributionProblem, throwIfProblems } from './attribution-error.js';

/**
 * Solves A·X = B exactly (up to rounding) by Gaussian elimination with partial pivoting. `a` is
 * row-major n×n and is destroyed; each right-hand side is overwritten by its solution.
 *
 * The systems of absorbing chains are sparse and stay fairly sparse under elimination, so a row
 * update runs only over the pivot row's nonzero columns and rows with a zero multiplier are skipped:
 * the same arithmetic as the textbook loop, minus the multiplications by exact zeros.
 */
export function solveDenseInPlace(a: Float64Array, n: number, rhs: readonly Float64Array[]): void {
  const nonzero = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    let pivotRow = k;
    let best = Math.abs(a[k * n + k] ?? 0);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k] ?? 0);
      if (v > best) {
        best = v;
        pivotRow = i;
      }
    }
    if (!(best > 0))
      throwIfProblems([
        attributionProblem('solve.singular', `the system is singular at column ${k}`, 'matrix'),
      ]);
    if (pivotRow !== k) swapRows(a, n, rhs, k, pivotRow);
    const pivot = a[k * n + k] ?? 0;
    const kRow = k * n;
    let count = 0;
    for (let j = k + 1; j < n; j++) if ((a[kRow + j] ?? 0) !== 0) nonzero[count++] = j;
    for (let i = k + 1; i < n; i++) {
      const iRow = i * n;
      const below = a[iRow + k] ?? 0;
      if (below === 0) continue;
      const f = below / pivot;
      a[iRow + k] = 0;
      for (let c = 0; c < count; c++) {
        const j = nonzero[c] ?? 0;
        a[iRow + j] = (a[iRow + j] ?? 0) - f * (a[kRow + j] ?? 0);
      }
      for (const b of rhs) b[i] = (b[i] ?? 0) - f * (b[k] ?? 0);
    }
  }
  for (const b of rhs) {
    for (let i = n - 1; i >= 0; i--) {
      const iRow = i * n;
      let s = b[i] ?? 0;
      for (let j = i + 1; j < n; j++) {
        const v = a[iRow + j] ?? 0;
        if (v !== 0) s -= v * (b[j] ?? 0);
      }
      b[i] = s / (a[iRow + i] ?? 1);
    }
  }
}

function swapRows(
  a: Float64Array,
  n: number,
  rhs: readonly Float64Array[],
  r: number,
  s: number,
): void {
  const tmp = a.slice(r * n, r * n + n);
  a.copyWithin(r * n, s * n, s * n + n);
  a.set(tmp, s * n);
  for (const b of rhs) {
    const t = b[r] ?? 0;
    b[r] = b[s] ?? 0;
    b[s] = t;
  }
}
