import { UserError } from '../../core/errors.js';
import type { Row } from '../../engine/engine.js';
import { FILTER_NAMES } from '../../engine/sql/metrics/conversation-filter-sql.js';
import { SANKEY_TABLE } from '../../engine/schema/report-tables.js';
import { sankeyEdgesSql } from '../../engine/sql/metrics/paths-sql.js';
import type { MetricReport } from './metric-report.js';
import { compareValues, num } from './row-values.js';

/**
 * The edges of a path Sankey over the first `paths.sankey_depth` steps of every converting
 * journey: step k's channel to step k+1's, the last followed step to `conversion`. Each journey
 * adds 1 and its value to each edge it passes, so a node's inflow equals its outflow.
 */
export const sankeyReport: MetricReport = {
  name: 'sankey',
  description: 'edges of a path Sankey (step k channel → step k+1 channel → conversion)',
  table: SANKEY_TABLE,
  options: [],
  // Read at the level of conversions: their day and segment, the channels and types their
  // journeys passed (conversion-filter-sql.ts).
  filters: FILTER_NAMES,
  materialised: true,
  stored: () => '',
  async compute(engine, settings, options) {
    const depth = settings.config.paths.sankeyDepth;
    if (!(Number.isInteger(depth) && depth >= 1))
      throw new UserError(`paths.sankey_depth ${depth}: give a whole number of steps, at least 1`);
    const rows = await engine.query(sankeyEdgesSql(engine.dialect, depth, options.filter));
    return rows
      .map((r): Row => ({
        step: num(r.step),
        source: String(r.source),
        target: String(r.target),
        journeys: num(r.journeys),
        value: num(r.value),
      }))
      .sort(
        (a, b) =>
          num(a.step) - num(b.step) ||
          num(b.journeys) - num(a.journeys) ||
          compareValues(a.source, b.source) ||
          compareValues(a.target, b.target),
      );
  },
};
