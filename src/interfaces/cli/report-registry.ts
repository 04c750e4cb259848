import type { Engine, Row } from '../../engine/engine.js';
import { readMetricSettings } from '../../pipeline/metrics/read-metric-settings.js';
import {
  attributionReport,
  compareAttribution,
} from '../../pipeline/reports/attribution-report.js';
import type { ReportOption, ReportOptions } from '../../pipeline/reports/metric-report.js';
import { METRIC_REPORTS } from '../../pipeline/reports/metric-reports.js';
import { readReport } from '../../pipeline/reports/read-report.js';
import { summaryRows } from '../../pipeline/reports/read-summary.js';
import { UserError } from '../../core/errors.js';
import type { ExportSource } from './export/write-report-file.js';
import {
  ALL_FILTER_NAMES,
  type FilterName,
} from '../../engine/sql/metrics/conversation-filter-sql.js';
import { filterOf, reportOptions, type ReportFlags } from './report-flags.js';
import { chosenFilter } from '../../pipeline/reports/report-filter.js';

/** A report `convrev report NAME` can print or export. */
export interface RegisteredReport {
  readonly name: string;
  readonly description: string;
  /** The option flags it reads (besides --format, --out and the warehouse flags). */
  readonly options: readonly ReportOption[];
  /** The filters it applies before aggregating (--from, --to, --segment, …). */
  readonly filters: readonly FilterName[];
  /** Its rows for the flags given, ready to print or to export. */
  prepare(engine: Engine, flags: ReportFlags): Promise<ExportSource>;
}

const list = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const rowsOnly = (rows: () => Promise<Row[]>): ExportSource => ({ rows, columns: [] });

// The two reports that predate the metrics stage keep their flags and defaults: attribution
// defaults to the linear model by channel, and summary ignores --model and --by as it always has.
const LEGACY: readonly RegisteredReport[] = [
  {
    name: 'attribution',
    description:
      'credited conversions and value of one model per value kind, by channel, type, campaign, segment or kind; --compare: every model (or --model a,b) side by side',
    options: ['model', 'by'],
    // Conversions' days, segment, outcome and value kind; the credited touches' channel and
    // conversation type.
    filters: ALL_FILTER_NAMES,
    prepare: (engine, flags) => {
      const filter = chosenFilter('attribution', ALL_FILTER_NAMES, filterOf(flags));
      const by = list(flags.by ?? 'channel');
      if (flags.compare === true)
        return Promise.resolve({
          ...rowsOnly(() =>
            compareAttribution(engine, { models: list(flags.model ?? ''), by, filter }),
          ),
          // Every column but the dimensions is a model's credited value.
          isMoney: (column: string) => !by.includes(column),
        });
      return Promise.resolve(
        rowsOnly(() => attributionReport(engine, { model: flags.model ?? 'linear', by, filter })),
      );
    },
  },
  {
    name: 'summary',
    description:
      'headline figures per model and value kind: conversions, attributed value, value per conversation',
    options: [],
    filters: [],
    prepare: (engine, flags) => {
      chosenFilter('summary', [], filterOf(flags));
      if (flags.compare === true)
        throw new UserError('report summary does not take --compare (attribution does)');
      return Promise.resolve(rowsOnly(() => summaryRows(engine)));
    },
  },
];

const METRICS: readonly RegisteredReport[] = METRIC_REPORTS.map((report) => ({
  name: report.name,
  description: report.description,
  options: report.options,
  filters: report.filters,
  async prepare(engine, flags) {
    if (flags.compare === true)
      throw new UserError(`report ${report.name} does not take --compare (attribution does)`);
    // Flags are checked before the warehouse is read, so a bad one fails fast and plainly.
    const given = reportOptions(report.name, report.options, flags, report.filters);
    const options = { ...screenDefaults(report.cliDefaults, flags), ...given };
    const settings = await readMetricSettings(engine);
    return {
      rows: () => readReport(engine, report, settings, options),
      statement: report.exportSql?.(engine.dialect, settings, options),
      columns: report.table.columns,
    };
  },
}));

// A limit among the CLI defaults is for the screen: an export writes every row unless --limit.
function screenDefaults(defaults: ReportOptions | undefined, flags: ReportFlags): ReportOptions {
  if (!defaults || flags.out === undefined) return defaults ?? {};
  return Object.fromEntries(Object.entries(defaults).filter(([key]) => key !== 'limit'));
}

/** Every report, legacy ones first. */
export const REPORT_REGISTRY: readonly RegisteredReport[] = [...LEGACY, ...METRICS];

export function findReport(name: string): RegisteredReport {
  const report = REPORT_REGISTRY.find((r) => r.name === name);
  if (!report)
    throw new UserError(
      `unknown report "${name}" (reports: ${REPORT_REGISTRY.map((r) => r.name).join(', ')})`,
    );
  return report;
}
