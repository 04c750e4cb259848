import type { ColumnType } from '../../engine/dialect.js';
import type { Engine, Row, RowValue } from '../../engine/engine.js';
import { ORDINAL_COLUMN } from '../../engine/schema/report-tables.js';
import { sql } from '../../engine/sql/sql-statement.js';
import type { MetricSettings } from '../metrics/metric-settings.js';
import type { MetricReport, ReportOptions } from './metric-report.js';
import { chosenFilter, isFiltered } from './report-filter.js';

// Report rows carry days as yyyy-mm-dd text; the table gives them back as dates.
function asReported(value: RowValue | undefined, type: ColumnType | undefined): RowValue {
  if (value === undefined) return null;
  if (type === 'date' && value instanceof Date) return value.toISOString().slice(0, 10);
  return value;
}

/**
 * A report's rows for the options given: from its table when the metrics stage wrote rows that
 * answer them (a filter of the table, in the report's order), else computed afresh. Both give the
 * same rows: the table is what `compute` returned at the run's settings.
 */
export async function readReport(
  engine: Engine,
  report: MetricReport,
  settings: MetricSettings,
  given: ReportOptions,
): Promise<Row[]> {
  const filter = chosenFilter(report.name, report.filters, given.filter);
  const options: ReportOptions = { ...given, filter };
  // The stored tables hold the whole population: a filtered report is always computed.
  const where =
    report.materialised && !isFiltered(filter)
      ? report.stored?.(engine.dialect, settings, options)
      : null;
  if (where === null || where === undefined) return report.compute(engine, settings, options);
  const d = engine.dialect;
  const types = new Map(report.table.columns.map((c) => [c.name, c.type]));
  const rows = await engine.query(
    sql(
      `SELECT * FROM ${d.quoteIdentifier(report.table.name)}${where ? ` WHERE ${where}` : ''} ORDER BY ${d.quoteIdentifier(ORDINAL_COLUMN)}`,
    ),
  );
  return rows.map((row) => {
    const out: Record<string, RowValue> = {};
    for (const [column, value] of Object.entries(row))
      if (column !== ORDINAL_COLUMN) out[column] = asReported(value, types.get(column));
    return out;
  });
}
