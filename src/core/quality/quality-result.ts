import type { QualityStatus } from './quality-band.js';

/**
 * One finding of the quality stage: which check, on what (`source=web`, `orders.amount`,
 * `model=linear day=2026-03-01`), the value measured, the threshold it was judged against,
 * the status and a sentence for people. Stored per run in quality_results.
 */
export interface QualityResult {
  readonly check: string;
  readonly subject: string;
  readonly measured: number | null;
  readonly threshold: number | null;
  readonly status: QualityStatus;
  readonly detail: string;
}

const RANK: Readonly<Record<QualityStatus, number>> = { pass: 0, warn: 1, fail: 2 };

/** The worst status among results: pass when there are none. */
export function worstStatus(results: readonly Pick<QualityResult, 'status'>[]): QualityStatus {
  let worst: QualityStatus = 'pass';
  for (const r of results) if (RANK[r.status] > RANK[worst]) worst = r.status;
  return worst;
}

/** A ratio, or null when the denominator is 0 (a rate over nothing is undefined, not 0). */
export const rate = (part: number, whole: number): number | null =>
  whole === 0 ? null : part / whole;
