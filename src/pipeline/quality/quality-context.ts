import type { LabelledPair } from '../../core/quality/linkage-errors.js';
import type { QualityConfig } from '../../core/quality/quality-config.js';

/** What the quality checks need besides the warehouse. */
export interface QualityContext {
  readonly config: QualityConfig;
  /** The attribution window, to check journeys against. */
  readonly lookbackDays: number;
  /** The instant freshness is measured at (epoch ms). */
  readonly now: number;
  /** A labelled sample of identifier pairs, when the config names one. */
  readonly labelledPairs?: readonly LabelledPair[];
  /** An identifier value as ingest stores it (normalised, hashed when configured); null if unusable. */
  readonly storedForm: (type: string, value: string) => string | null;
}

/** A number from a row value (counts arrive as numbers or bigints, NULL as null). */
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
export const numOrNull = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(v);

/** A share as a percentage for the detail sentences. */
export const pct = (v: number | null): string => (v === null ? 'n/a' : `${(v * 100).toFixed(2)}%`);
