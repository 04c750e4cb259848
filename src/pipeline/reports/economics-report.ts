import { UserError } from '../../core/errors.js';
import { CONVERSATION_ECONOMICS } from '../../engine/schema/metric-tables.js';
import { FILTER_NAMES } from '../../engine/sql/metrics/conversation-filter-sql.js';
import { economicsRowsSql } from '../../engine/sql/metrics/rpc-sql.js';
import type { MetricReport, ReportOptions } from './metric-report.js';
import { chosenModel } from './report-options.js';

function limitOf(options: ReportOptions): number | undefined {
  const { limit } = options;
  if (limit === undefined || limit === 0) return undefined;
  if (!(Number.isInteger(limit) && limit > 0))
    throw new UserError(`--limit ${limit}: give a whole number of rows (0 for all)`);
  return limit;
}

/**
 * Every conversation's economics (revenue by component, cost, profit, ROI), largest total value
 * first. The table itself is written in SQL by the metrics stage; this only reads it.
 */
export const economicsReport: MetricReport = {
  name: 'conversation-economics',
  description: 'per conversation and model: revenue by component, cost, profit and ROI',
  table: CONVERSATION_ECONOMICS,
  options: ['model', 'limit'],
  filters: FILTER_NAMES,
  cliDefaults: { limit: 100 },
  materialised: false,
  compute(engine, settings, options) {
    return engine.query(
      economicsRowsSql(
        engine.dialect,
        chosenModel(settings, options.model),
        limitOf(options),
        options.filter,
      ),
    );
  },
  exportSql: (d, settings, options) =>
    economicsRowsSql(d, chosenModel(settings, options.model), limitOf(options), options.filter),
};
