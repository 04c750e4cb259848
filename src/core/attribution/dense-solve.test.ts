import { describe, expect, it } from 'vitest';
import { prng } from './prng.test-support.js';
import { solveDenseInPlace } from './dense-solve.js';
import { gaussSeidel, type SparseMatrix } from './gauss-seidel.js';

describe('solveDenseInPlace', () => {
  it('solves a system that needs a row swap', () => {
    // [0 1; 2 1]·x = [3; 7] → x2 = 3, 2·x1 + 3 = 7 → x1 = 2.
    const b = Float64Array.from([3, 7]);
    solveDenseInPlace(Float64Array.from([0, 1, 2, 1]), 2, [b]);
    expect([...b]).toEqual([2, 3]);
  });

  it('refuses a singular system', () => {
    expect(() =>
      solveDenseInPlace(Float64Array.from([1, 2, 2, 4]), 2, [new Float64Array(2)]),
    ).toThrow(/singular/);
  });

  it('agrees with Gauss–Seidel on random absorbing chains to 1e-12', () => {
    const rand = prng(31);
    for (let trial = 0; trial < 40; trial++) {
      const n = 2 + Math.floor(rand() * 60);
      // Sparse substochastic rows; some rows leak almost nothing, so cycles linger.
      const rows: [number, number][][] = [];
      const b = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const k = 1 + Math.floor(rand() * 4);
        const raw = Array.from({ length: k }, () => rand());
        const leak = rand() < 0.2 ? 0.001 : rand();
        const total = raw.reduce((s, x) => s + x, 0) + leak;
        rows.push(raw.map((x) => [Math.floor(rand() * n), x / total] as [number, number]));
        b[i] = (leak / total) * rand();
      }
      const q = toSparse(n, rows);
      const { solutions } = gaussSeidel(q, [b]);
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        a[i * n + i] = 1;
        for (const [j, p] of rows[i] ?? []) a[i * n + j] = (a[i * n + j] ?? 0) - p;
      }
      const x = Float64Array.from(b);
      solveDenseInPlace(a, n, [x]);
      const scale = Math.max(...x);
      for (let i = 0; i < n; i++)
        expect(Math.abs((solutions[0]?.[i] ?? NaN) - (x[i] ?? NaN)) / scale).toBeLessThan(1e-12);
    }
  });
});

function toSparse(n: number, rows: readonly (readonly [number, number][])[]): SparseMatrix {
  const rowStart = new Int32Array(n + 1);
  const col: number[] = [];
  const val: number[] = [];
  rows.forEach((r, i) => {
    rowStart[i] = col.length;
    for (const [j, p] of r) {
      col.push(j);
      val.push(p);
    }
  });
  rowStart[n] = col.length;
  return { n, rowStart, col: Int32Array.from(col), val: Float64Array.from(val) };
}
