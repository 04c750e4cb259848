import type { Command } from 'commander';
import { UserError } from '../../../core/errors.js';
import { writeReportFile } from '../export/write-report-file.js';
import { OUTPUT_FORMATS, renderRows, type OutputFormat } from '../format/render-rows.js';
import type { FilterName } from '../../../engine/sql/metrics/conversation-filter-sql.js';
import type { ReportOption } from '../../../pipeline/reports/metric-report.js';
import { flagOf } from '../../../pipeline/reports/report-filter.js';
import { OPTION_FLAGS, type ReportFlags } from '../report-flags.js';
import { findReport, REPORT_REGISTRY } from '../report-registry.js';
import type { Engine } from '../../../engine/engine.js';
import { reportThroughServer } from '../report-through-server.js';
import { addWarehouseOptions, warehouseTargetFor, withWarehouseOrServer } from '../warehouse.js';

export function parseFormat(text: string): OutputFormat {
  if ((OUTPUT_FORMATS as readonly string[]).includes(text)) return text as OutputFormat;
  throw new UserError(`--format ${text}: give one of ${OUTPUT_FORMATS.join(', ')}`);
}

function flagList(r: { options: readonly ReportOption[]; filters: readonly FilterName[] }): string {
  const flags = [
    ...r.options.map((o) => `--${OPTION_FLAGS[o]}`),
    ...(r.filters.length ? [`filters: ${r.filters.map((f) => `--${flagOf(f)}`).join(' ')}`] : []),
  ];
  return flags.length ? ` [${flags.join(' ')}]` : '';
}

const help = (): string =>
  [
    '',
    'Reports (and the option flags each takes):',
    ...REPORT_REGISTRY.map((r) => `  ${r.name.padEnd(24)}${r.description}${flagList(r)}`),
  ].join('\n');

export function registerReport(program: Command): void {
  addWarehouseOptions(
    program
      .command('report <name>')
      .description(
        `print a report from the warehouse (${REPORT_REGISTRY.map((r) => r.name).join(', ')})`,
      )
      .option(
        '--model <model>',
        'attribution model (attribution: default linear; others: all models)',
      )
      .option('--compare', 'attribution: every model (or those --model names) side by side')
      .option('--by <dims>', 'comma-separated dimensions or cohorts to group by')
      .option('--days <list>', 'window(s) in days, comma-separated')
      .option(
        '--definition <name>',
        'what counts as a conversation: any, two_way, sales_handled, intent_qualified',
      )
      .option(
        '--outcome <name>',
        'conversion, send-hour, speed-to-lead: deal outcome (qualified_lead, opportunity_created, closed_won, order); attribution, rpc: only conversions of this outcome',
      )
      .option(
        '--value-kind <kind>',
        'attribution, rpc, channel-roi: only conversions of this value kind (revenue, pipeline, savings)',
      )
      .option('--industry <name>', 'benchmarks: one industry of the benchmark table')
      .option('--volume <n>', 'what-if: monthly conversations (default: observed)')
      .option('--change <list>', 'what-if: RPC changes per conversation, comma-separated')
      .option('--limit <n>', 'at most this many rows (0: all)')
      .option('--from <day>', 'only conversations from this day (yyyy-mm-dd, inclusive)')
      .option('--to <day>', 'only conversations up to this day (yyyy-mm-dd, inclusive)')
      .option('--segment <name>', 'only conversations of this customer segment')
      .option(
        '--channel <name>',
        'only conversations (channel-roi: touches, spend) of this channel',
      )
      .option('--conversation-type <name>', 'only conversations of this type')
      .option('--format <format>', OUTPUT_FORMATS.join('|'), 'table')
      .option('--out <file>', 'write the report to a .parquet or .csv file instead')
      .option('-c, --config <file>', 'config file naming the warehouse')
      .addHelpText('after', help),
  ).action(async (name: string, flags: ReportFlags) => {
    const report = findReport(name);
    const format = parseFormat(flags.format);
    const out = flags.out;
    await withWarehouseOrServer(
      await warehouseTargetFor(flags),
      'read',
      (engine) => print(engine),
      async (server) => {
        const rows = await reportThroughServer(server, report, flags);
        process.stdout.write(`${renderRows(rows, format)}\n`);
      },
    );
    async function print(engine: Engine): Promise<void> {
      const source = await report.prepare(engine, flags);
      if (out === undefined) {
        process.stdout.write(
          `${renderRows(await source.rows(), format, undefined, source.isMoney)}\n`,
        );
        return;
      }
      const rows = await writeReportFile(engine, source, out);
      process.stderr.write(
        `convrev report ${name}: wrote ${rows === undefined ? '' : `${rows} rows to `}${out}\n`,
      );
    }
  });
}
