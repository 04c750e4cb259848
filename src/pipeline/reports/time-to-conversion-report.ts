import { lowerBound, TIME_TO_CONVERSION_BUCKETS } from '../../core/metrics/buckets.js';
import { ratio } from '../../core/metrics/ratio.js';
import type { Row } from '../../engine/engine.js';
import { FILTER_NAMES } from '../../engine/sql/metrics/conversation-filter-sql.js';
import { TIME_TO_CONVERSION_TABLE } from '../../engine/schema/report-tables.js';
import { timeToConversionSql } from '../../engine/sql/metrics/paths-sql.js';
import type { MetricReport } from './metric-report.js';
import { pathTotals } from './paths-report.js';
import { num } from './row-values.js';

/** Days from a journey's first touch to its conversion, in buckets, every bucket listed. */
export const timeToConversionReport: MetricReport = {
  name: 'time-to-conversion',
  description: 'days from first touch to conversion, bucketed, with cumulative shares',
  table: TIME_TO_CONVERSION_TABLE,
  options: [],
  // Read at the level of conversions: their day and segment, the channels and types their
  // journeys passed (conversion-filter-sql.ts).
  filters: FILTER_NAMES,
  materialised: true,
  stored: () => '',
  async compute(engine, _settings, options) {
    const buckets = TIME_TO_CONVERSION_BUCKETS;
    const total = await pathTotals(engine, options.filter);
    const rows = await engine.query(timeToConversionSql(engine.dialect, buckets, options.filter));
    let running = 0;
    return buckets.map((b, i): Row => {
      const r = rows.find((x) => num(x.bucket) === i);
      running += num(r?.conversions);
      return {
        bucket: b.label,
        min_days: lowerBound(buckets, i),
        max_days: b.upTo,
        conversions: num(r?.conversions),
        value: num(r?.value),
        conversion_share: ratio(num(r?.conversions), total.conversions),
        cumulative_share: ratio(running, total.conversions),
      };
    });
  },
};
