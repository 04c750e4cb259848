import { band, type QualityBand } from './quality-band.js';

/** The match rates the quality stage measures (each a share of 0..1). */
export const MATCH_RATES = [
  'participants_to_contacts',
  'orders_to_persons',
  'conversations_to_outcomes',
] as const;
export type MatchRate = (typeof MATCH_RATES)[number];

/** Where and when alerts go: a POST of a JSON body to each webhook when a check reaches `on`. */
export interface AlertConfig {
  readonly webhooks: readonly string[];
  readonly on: 'warn' | 'fail';
}

/**
 * The `quality:` section: the thresholds of every check the quality stage runs after each run.
 * Rates are shares (0..1); counts are rows; hours are hours. DEFAULT_QUALITY documents every
 * default.
 */
export interface QualityConfig {
  readonly enabled: boolean;
  /** Pending dead letters / records offered, per source (max). */
  readonly deadLetterRate: QualityBand;
  /** Ids appearing more than once in a table (max, a count). */
  readonly duplicateIds: QualityBand;
  /** Share of rows with a critical field empty (max). */
  readonly nullRate: QualityBand;
  /** Share of rows whose reference points at nothing (max). */
  readonly orphanRate: QualityBand;
  /** Journey touches outside their conversion's window (max, a count). */
  readonly touchesOutsideWindow: QualityBand;
  /** Minimum shares matched (min). */
  readonly matchRates: Readonly<Record<MatchRate, QualityBand>>;
  /** Share of labelled non-matching pairs that were linked into one person (max). */
  readonly falsePositiveRate: QualityBand;
  /** A CSV of labelled identifier pairs (left_type,left_value,right_type,right_value,label). */
  readonly labelledPairs?: string;
  readonly volume: {
    /** Days of history before a day: the same weekdays among them (÷ 7 weeks) make its baseline. */
    readonly trailingDays: number;
    /** Baselines (median of like weekdays) below this are too small to judge a drop by. */
    readonly minTrailing: number;
    /** Drop of a day's volume below its like-weekday median, as a share of it (max). */
    readonly drop: QualityBand;
  };
  /** Most |credited − order amounts| of a day and model, in currency units (fail above). */
  readonly reconciliationTolerance: number;
  /** Hours since a source last delivered (max). */
  readonly freshnessHours: QualityBand;
  /** Mean hours from an event's occurrence to its receipt, per source (max). */
  readonly lagHours: QualityBand;
  readonly drift: {
    /** Week-over-week change of a channel's share of a model's credited value (max, absolute). */
    readonly channelShare: QualityBand;
    /** Week-over-week change of the orders-to-persons match rate (max, absolute). */
    readonly matchRate: QualityBand;
  };
  readonly alerts: AlertConfig;
}

export const DEFAULT_QUALITY: QualityConfig = {
  enabled: true,
  deadLetterRate: band(0.01, 0.05),
  duplicateIds: band(null, 0),
  nullRate: band(0, 0.01),
  orphanRate: band(0, 0.05),
  touchesOutsideWindow: band(null, 0),
  matchRates: {
    participants_to_contacts: band(null, null),
    orders_to_persons: band(0.5, null),
    conversations_to_outcomes: band(null, null),
  },
  falsePositiveRate: band(0.01, 0.05),
  volume: { trailingDays: 28, minTrailing: 50, drop: band(0.5, 0.9) },
  reconciliationTolerance: 0.005,
  freshnessHours: band(null, null),
  lagHours: band(null, null),
  drift: { channelShare: band(0.25, null), matchRate: band(0.2, null) },
  alerts: { webhooks: [], on: 'fail' },
};

export function qualityConfigOf(config: { readonly quality?: QualityConfig }): QualityConfig {
  return config.quality ?? DEFAULT_QUALITY;
}
