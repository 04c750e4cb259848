import { ratio } from '../../core/metrics/ratio.js';
import { UserError } from '../../core/errors.js';
import type { Engine, Row } from '../../engine/engine.js';
import {
  FILTER_NAMES,
  type ReportFilter,
} from '../../engine/sql/metrics/conversation-filter-sql.js';
import { TOP_PATHS_TABLE } from '../../engine/schema/report-tables.js';
import { pathTotalsSql, topPathsSql } from '../../engine/sql/metrics/paths-sql.js';
import type { MetricReport } from './metric-report.js';
import { num } from './row-values.js';

/** Attributed conversions and their value, the base of the path reports' shares. */
export async function pathTotals(
  engine: Engine,
  filter?: ReportFilter,
): Promise<{ conversions: number; value: number }> {
  const [t] = await engine.query(pathTotalsSql(engine.dialect, filter));
  return { conversions: num(t?.conversions), value: num(t?.value) };
}

function checkedLimit(limit: number): number {
  if (!(Number.isInteger(limit) && limit >= 0))
    throw new UserError(`--limit ${limit}: give a whole number of paths (0 for all)`);
  return limit;
}

/**
 * The top converting paths (channels in journey order, a run on one channel as one step),
 * ranked by conversions, then value. Model-independent: a path is the journey, not its credit.
 */
export const topPathsReport: MetricReport = {
  name: 'paths',
  description:
    'top converting paths of channels, with conversions, value, share and days to convert',
  table: TOP_PATHS_TABLE,
  options: ['limit'],
  // Read at the level of conversions: their day and segment, the channels and types their
  // journeys passed (conversion-filter-sql.ts).
  filters: FILTER_NAMES,
  materialised: true,
  stored(d, settings, options) {
    const top = settings.config.paths.top;
    const limit = checkedLimit(options.limit ?? top);
    if (limit === 0 || limit > top) return null;
    return limit === top ? '' : `rank <= ${d.quoteLiteral(limit)}`;
  },
  async compute(engine, settings, options) {
    const limit = checkedLimit(options.limit ?? settings.config.paths.top);
    const total = await pathTotals(engine, options.filter);
    const rows = await engine.query(
      topPathsSql(engine.dialect, limit === 0 ? undefined : limit, options.filter),
    );
    return rows.map((r, i): Row => ({
      rank: i + 1,
      path: String(r.path),
      steps: num(r.steps),
      conversions: num(r.conversions),
      value: num(r.value),
      conversion_share: ratio(num(r.conversions), total.conversions),
      avg_days_to_convert: num(r.avg_days_to_convert),
    }));
  },
};
