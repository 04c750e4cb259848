import type { QualityBand } from '../quality/quality-band.js';

/** Where the server publishes the report tables as Parquet after each successful run. */
export interface PublishConfig {
  /** Absolute folder; each run replaces its contents whole. */
  readonly dir: string;
}

/** The checks `convrev serve` makes on a timer, between runs as well as after them. */
export interface WatchConfig {
  /** How often, in ms. */
  readonly everyMs: number;
  /**
   * Minutes between the newest acknowledged record and the newest one a completed run has
   * processed (max).
   */
  readonly runLagMinutes: QualityBand;
}

export const DEFAULT_WATCH: WatchConfig = {
  everyMs: 60_000,
  runLagMinutes: { warn: null, fail: null },
};
