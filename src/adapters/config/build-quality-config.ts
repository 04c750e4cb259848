import { isAbsolute, resolve } from 'node:path';
import type { Config } from '../../core/config/config.js';
import type { QualityBand } from '../../core/quality/quality-band.js';
import {
  DEFAULT_QUALITY,
  MATCH_RATES,
  type MatchRate,
  type QualityConfig,
} from '../../core/quality/quality-config.js';

/** A band as written in YAML: either end may be absent or null. */
export interface RawBand {
  readonly warn?: number | null;
  readonly fail?: number | null;
}

/** The `quality:` section as the JSON Schema guarantees it. */
export interface RawQualitySection {
  readonly quality?: {
    readonly enabled?: boolean;
    readonly dead_letter_rate?: RawBand;
    readonly duplicate_ids?: RawBand;
    readonly null_rate?: RawBand;
    readonly orphan_rate?: RawBand;
    readonly touches_outside_window?: RawBand;
    readonly match_rates?: Partial<Record<MatchRate, RawBand>>;
    readonly false_positive_rate?: RawBand;
    readonly labelled_pairs?: string;
    readonly volume?: {
      readonly trailing_days?: number;
      readonly min_trailing?: number;
      readonly drop?: RawBand;
    };
    readonly reconciliation_tolerance?: number;
    readonly freshness_hours?: RawBand;
    readonly lag_hours?: RawBand;
    readonly drift?: { readonly channel_share?: RawBand; readonly match_rate?: RawBand };
    readonly alerts?: { readonly webhooks?: readonly string[]; readonly on?: 'warn' | 'fail' };
  };
}

// A band given in the file replaces the default whole: `{ fail: 0.1 }` means no warning level.
const bandOf = (raw: RawBand | undefined, fallback: QualityBand): QualityBand =>
  raw === undefined ? fallback : { warn: raw.warn ?? null, fail: raw.fail ?? null };

/** The quality section with every default filled in; absent stays absent (DEFAULT_QUALITY). */
export function buildQualitySection(
  raw: RawQualitySection,
  baseDir: string,
): Pick<Config, 'quality'> {
  const q = raw.quality;
  if (q === undefined) return {};
  const d = DEFAULT_QUALITY;
  const quality: QualityConfig = {
    enabled: q.enabled ?? d.enabled,
    deadLetterRate: bandOf(q.dead_letter_rate, d.deadLetterRate),
    duplicateIds: bandOf(q.duplicate_ids, d.duplicateIds),
    nullRate: bandOf(q.null_rate, d.nullRate),
    orphanRate: bandOf(q.orphan_rate, d.orphanRate),
    touchesOutsideWindow: bandOf(q.touches_outside_window, d.touchesOutsideWindow),
    matchRates: Object.fromEntries(
      MATCH_RATES.map((m) => [m, bandOf(q.match_rates?.[m], d.matchRates[m])]),
    ) as Record<MatchRate, QualityBand>,
    falsePositiveRate: bandOf(q.false_positive_rate, d.falsePositiveRate),
    ...(q.labelled_pairs === undefined
      ? {}
      : {
          labelledPairs: isAbsolute(q.labelled_pairs)
            ? q.labelled_pairs
            : resolve(baseDir, q.labelled_pairs),
        }),
    volume: {
      trailingDays: q.volume?.trailing_days ?? d.volume.trailingDays,
      minTrailing: q.volume?.min_trailing ?? d.volume.minTrailing,
      drop: bandOf(q.volume?.drop, d.volume.drop),
    },
    reconciliationTolerance: q.reconciliation_tolerance ?? d.reconciliationTolerance,
    freshnessHours: bandOf(q.freshness_hours, d.freshnessHours),
    lagHours: bandOf(q.lag_hours, d.lagHours),
    drift: {
      channelShare: bandOf(q.drift?.channel_share, d.drift.channelShare),
      matchRate: bandOf(q.drift?.match_rate, d.drift.matchRate),
    },
    alerts: { webhooks: q.alerts?.webhooks ?? d.alerts.webhooks, on: q.alerts?.on ?? d.alerts.on },
  };
  return { quality };
}
