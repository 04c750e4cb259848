import { responseTimeBuckets } from '../../core/metrics/buckets.js';
import type { Engine, Row } from '../../engine/engine.js';
import { FILTER_NAMES } from '../../engine/sql/metrics/conversation-filter-sql.js';
import { CONVERSION_TABLE } from '../../engine/schema/report-tables.js';
import {
  COHORT_DIMENSION_NAMES,
  type CohortDimension,
} from '../../engine/sql/metrics/cohort-dimensions.js';
import {
  conversionCountsSql,
  type ConversionQuery,
} from '../../engine/sql/metrics/conversion-sql.js';
import type { MetricSettings } from '../metrics/metric-settings.js';
import type { MetricReport, ReportOptions } from './metric-report.js';
import { proportionColumns } from './proportion-columns.js';
import {
  chosenDefinition,
  chosenDimensions,
  chosenOutcome,
  chosenWindows,
} from './report-options.js';
import { compareValues, num, textOrNull } from './row-values.js';
import { allOf, inStoredOrder, oneOf } from './stored-filters.js';

/** The cohorts of issue #6: persona, industry, deal stage, channel, segment, and the total. */
export const DEFAULT_COHORTS: readonly CohortDimension[] = [
  'overall',
  'persona',
  'industry',
  'deal_stage',
  'channel',
  'segment',
];

/** One cohort's counts in one window. */
export interface CohortCount {
  readonly windowDays: number;
  readonly dimension: string;
  readonly value: string | null;
  readonly conversations: number;
  readonly converted: number;
}

/** The query a report's options ask for, with the run's settings as defaults. */
export function conversionQuery(
  settings: MetricSettings,
  options: ReportOptions,
  dims: readonly CohortDimension[],
  windows: readonly number[],
): ConversionQuery {
  const c = settings.config.conversion;
  return {
    definition: chosenDefinition(options.definition, c.definition),
    outcome: chosenOutcome(options.outcome, c.outcome),
    windows,
    dims,
    responseBuckets: responseTimeBuckets(settings.config.responseBuckets),
    ...(options.filter ? { filter: options.filter } : {}),
  };
}

/** Counts per window and cohort, windows in the order asked, cohorts in dimension order. */
export async function cohortCounts(engine: Engine, q: ConversionQuery): Promise<CohortCount[]> {
  const rows = await engine.query(conversionCountsSql(engine.dialect, q));
  const rank = (d: string) => q.dims.indexOf(d as CohortDimension);
  const counts = q.windows.flatMap((windowDays, i) =>
    rows.map((r) => ({
      windowDays,
      dimension: String(r.dimension),
      value: textOrNull(r.dimension_value),
      conversations: num(r[`conversations_${i}`]),
      converted: num(r[`converted_${i}`]),
    })),
  );
  // A window with nothing eligible still reports its total, as undefined.
  if (q.dims.includes('overall'))
    for (const windowDays of q.windows)
      if (!counts.some((c) => c.windowDays === windowDays && c.dimension === 'overall'))
        counts.push({
          windowDays,
          dimension: 'overall',
          value: null,
          conversations: 0,
          converted: 0,
        });
  return counts.sort(
    (a, b) =>
      q.windows.indexOf(a.windowDays) - q.windows.indexOf(b.windowDays) ||
      rank(a.dimension) - rank(b.dimension) ||
      compareValues(a.value, b.value),
  );
}

/** Conversation-to-deal conversion by cohort and timing window, with Wilson intervals. */
export const conversionReport: MetricReport = {
  name: 'conversion',
  description:
    'conversation-to-deal conversion by cohort and timing window, with sample sizes and Wilson intervals',
  table: CONVERSION_TABLE,
  options: ['by', 'days', 'definition', 'outcome'],
  filters: FILTER_NAMES,
  materialised: true,
  stored(d, settings, options) {
    const c = settings.config.conversion;
    const dims = chosenDimensions(options.by, COHORT_DIMENSION_NAMES, DEFAULT_COHORTS);
    const windows = chosenWindows(options.days, c.timingWindows);
    const q = conversionQuery(settings, options, dims, windows);
    if (q.definition !== c.definition || q.outcome !== c.outcome) return null;
    if (!inStoredOrder(dims, DEFAULT_COHORTS) || !inStoredOrder(windows, c.timingWindows))
      return null;
    return allOf(
      oneOf(d, 'dimension', dims, DEFAULT_COHORTS),
      oneOf(d, 'window_days', windows, c.timingWindows),
    );
  },
  async compute(engine, settings, options) {
    const dims = chosenDimensions(options.by, COHORT_DIMENSION_NAMES, DEFAULT_COHORTS);
    const windows = chosenWindows(options.days, settings.config.conversion.timingWindows);
    const q = conversionQuery(settings, options, dims, windows);
    const counts = await cohortCounts(engine, q);
    return counts.map((c): Row => ({
      definition: q.definition,
      outcome: q.outcome,
      window_days: c.windowDays,
      dimension: c.dimension,
      dimension_value: c.value,
      ...proportionColumns(c.converted, c.conversations, settings.config),
    }));
  },
};
