/** Thresholds of one check: a breach of `warn` warns, of `fail` fails; null means never. */
export interface QualityBand {
  readonly warn: number | null;
  readonly fail: number | null;
}

/** Whether a measured value breaches its band when it is above it (`max`) or below it (`min`). */
export type BandDirection = 'max' | 'min';

export type QualityStatus = 'pass' | 'warn' | 'fail';

export const band = (warn: number | null, fail: number | null): QualityBand => ({ warn, fail });

/**
 * The status of a measured value against its band, and the threshold it was judged by (the
 * one it breached, else the strictest one set). Nothing measured (null: a rate over nothing)
 * passes: there is nothing wrong to report.
 */
export function judge(
  measured: number | null,
  limits: QualityBand,
  direction: BandDirection,
): { status: QualityStatus; threshold: number | null } {
  const beyond = (limit: number | null): boolean =>
    measured !== null &&
    limit !== null &&
    (direction === 'max' ? measured > limit : measured < limit);
  if (beyond(limits.fail)) return { status: 'fail', threshold: limits.fail };
  if (beyond(limits.warn)) return { status: 'warn', threshold: limits.warn };
  return { status: 'pass', threshold: limits.fail ?? limits.warn };
}
