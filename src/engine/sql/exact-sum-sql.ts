import type { Dialect } from '../dialect.js';

/**
 * Sums of doubles that come out the same bits on every run. An engine adds a SUM's values in
 * whatever order its threads hand them over, and a double sum's last bits depend on that order:
 * DuckDB summed the same ten million amounts to four different totals in four runs. Each value is
 * taken as a DECIMAL(38, 18) (Dialect.exactDecimal: the double to 18 places, as closely as the
 * engine casts it, always the same decimal), the decimals are added exactly, in no order that
 * matters, and the total is rounded once back to a double. It holds totals up to 10^20; an amount
 * past that is refused by the engine rather than summed wrong. This is how every stored or
 * reported sum of money or credit is taken, so that a re-run on unchanged data writes
 * byte-identical results and the CLI, the API and the dashboard agree to the last digit. The two
 * engines may still differ in a last bit, each casting a double in its own way. Integer counts
 * are exact anyway and keep a plain SUM.
 *
 * `value` is the SQL of a double; `over` an optional window clause (`OVER (PARTITION BY …)`).
 */
export function exactSumSql(d: Dialect, value: string, over = ''): string {
  const exact = `SUM(${d.exactDecimal(value)})${over === '' ? '' : ` ${over}`}`;
  return `CAST(${exact} AS ${d.columnType('double')})`;
}

/** The mean of a double column, from its exact sum (NULL when no value is present, as AVG). */
export function exactAvgSql(d: Dialect, value: string): string {
  return `(${exactSumSql(d, value)} / NULLIF(COUNT(${value}), 0))`;
}
