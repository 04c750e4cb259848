import { METRIC_PARAMETERS } from '../../engine/schema/metric-tables.js';
import { sql } from '../../engine/sql/sql-statement.js';
import { SETTINGS_RECORD } from '../metrics/metric-settings.js';
import type { MetricReport } from './metric-report.js';

/**
 * The parameters the last metrics run used and where each came from (setting or derived). The
 * settings as a whole stay in the table as JSON, for machines; people get the parameters.
 */
export const parametersReport: MetricReport = {
  name: 'metric-parameters',
  description: 'the value parameters and settings the metrics were computed with, and their source',
  table: METRIC_PARAMETERS,
  options: [],
  filters: [],
  materialised: false,
  compute: (engine) =>
    engine.query(
      sql(
        `SELECT name, value, setting, source, description FROM metric_parameters WHERE name <> ${engine.dialect.quoteLiteral(SETTINGS_RECORD)} ORDER BY name`,
      ),
    ),
};
