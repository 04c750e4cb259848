import type { Dialect } from '../../engine/dialect.js';
import type { Engine, Row } from '../../engine/engine.js';
import type { TableSpec } from '../../engine/schema/table-spec.js';
import type { FilterName, ReportFilter } from '../../engine/sql/metrics/conversation-filter-sql.js';
import type { SqlStatement } from '../../engine/sql/sql-statement.js';
import type { MetricSettings } from '../metrics/metric-settings.js';

/** What a caller may ask of a metric report; each report reads only the options it lists. */
export interface ReportOptions {
  /** One attribution model; all models when absent. */
  readonly model?: string;
  /** Dimensions or cohorts to group by. */
  readonly by?: readonly string[];
  /** Windows in days (conversion: each a timing window; funnel and the rest: the first). */
  readonly days?: readonly number[];
  readonly definition?: string;
  readonly outcome?: string;
  /** Benchmarks: one industry of the benchmark table. */
  readonly industry?: string;
  /** What-if: monthly conversations to price the change at, instead of the observed volume. */
  readonly volume?: number;
  /** What-if: RPC changes to price. */
  readonly changes?: readonly number[];
  /** At most this many rows (reports with a natural ranking). */
  readonly limit?: number;
  /** Which conversations to aggregate over, applied in SQL before grouping. */
  readonly filter?: ReportFilter;
}
export type ReportOption = Exclude<keyof ReportOptions, 'filter'>;

/**
 * A report of the metrics stage. `compute` reads the stage's tables (conversation facts and
 * economics, journey paths, the credit cube) and finishes rates in TypeScript with the formulas
 * of core/metrics; the stage writes `compute`'s rows at the run's settings into `table`.
 */
export interface MetricReport {
  /** The name of `convrev report NAME`. */
  readonly name: string;
  /** One line for help. */
  readonly description: string;
  readonly table: TableSpec;
  readonly options: readonly ReportOption[];
  /**
   * The filters `compute` applies before it aggregates; a filter not listed is one the report
   * has no notion of (paths have no segment), and asking for it is an error, not a no-op.
   */
  readonly filters: readonly FilterName[];
  /** Options the CLI assumes when none are given, where a full table would be too much to read. */
  readonly cliDefaults?: ReportOptions;
  /** False when the table is written by other means (per-conversation economics). */
  readonly materialised: boolean;
  compute(engine: Engine, settings: MetricSettings, options: ReportOptions): Promise<Row[]>;
  /**
   * When the stored table answers `options`: the SQL condition selecting the rows (empty for all
   * of them); null when the rows must be computed. It validates options as `compute` does.
   */
  stored?(d: Dialect, settings: MetricSettings, options: ReportOptions): string | null;
  /** The report as one SQL statement, for reports needing no TypeScript step (large exports). */
  exportSql?(d: Dialect, settings: MetricSettings, options: ReportOptions): SqlStatement;
}
