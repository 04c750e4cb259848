import { ratio } from '../../core/metrics/ratio.js';
import type { Row } from '../../engine/engine.js';
import { FILTER_NAMES } from '../../engine/sql/metrics/conversation-filter-sql.js';
import { PATH_LENGTHS_TABLE } from '../../engine/schema/report-tables.js';
import { pathLengthsSql } from '../../engine/sql/metrics/paths-sql.js';
import type { MetricReport } from './metric-report.js';
import { pathTotals } from './paths-report.js';
import { num } from './row-values.js';

/** How many touches converting journeys have: conversions and value per length, with shares. */
export const pathLengthsReport: MetricReport = {
  name: 'path-lengths',
  description: 'distribution of journey lengths (touches) of attributed conversions',
  table: PATH_LENGTHS_TABLE,
  options: [],
  // Read at the level of conversions: their day and segment, the channels and types their
  // journeys passed (conversion-filter-sql.ts).
  filters: FILTER_NAMES,
  materialised: true,
  stored: () => '',
  async compute(engine, _settings, options) {
    const total = await pathTotals(engine, options.filter);
    const rows = await engine.query(pathLengthsSql(engine.dialect, options.filter));
    rows.sort((a, b) => num(a.touches) - num(b.touches));
    let running = 0;
    return rows.map((r): Row => {
      running += num(r.conversions);
      return {
        touches: num(r.touches),
        conversions: num(r.conversions),
        value: num(r.value),
        conversion_share: ratio(num(r.conversions), total.conversions),
        cumulative_share: ratio(running, total.conversions),
      };
    });
  },
};
