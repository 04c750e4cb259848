import type { Command } from 'commander';
import { UserError } from '../../../core/errors.js';
import type { Engine, Row } from '../../../engine/engine.js';
import { attributionReport } from '../../../pipeline/reports/attribution-report.js';
import { summaryRows } from '../../../pipeline/reports/read-summary.js';
import { OUTPUT_FORMATS, renderRows, type OutputFormat } from '../format/render-rows.js';
import { engineConfigFor, withWarehouse, type WarehouseFlags } from '../warehouse.js';

interface ReportFlags extends WarehouseFlags {
  model: string;
  by: string;
  format: string;
}

export function parseFormat(text: string): OutputFormat {
  if ((OUTPUT_FORMATS as readonly string[]).includes(text)) return text as OutputFormat;
  throw new UserError(`--format ${text}: give one of ${OUTPUT_FORMATS.join(', ')}`);
}

const REPORTS: Record<string, (engine: Engine, flags: ReportFlags) => Promise<Row[]>> = {
  attribution: (engine, flags) =>
    attributionReport(engine, {
      model: flags.model,
      by: flags.by
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    }),
  summary: (engine) => summaryRows(engine),
};

export function registerReport(program: Command): void {
  program
    .command('report <name>')
    .description(`print a report from the warehouse (${Object.keys(REPORTS).join(', ')})`)
    .option('--model <model>', 'attribution model', 'linear')
    .option(
      '--by <dims>',
      'comma-separated: channel, touchpoint_type, campaign, segment, conversion_kind',
      'channel',
    )
    .option('--format <format>', OUTPUT_FORMATS.join('|'), 'table')
    .option('--db <path>', 'warehouse file')
    .option('-c, --config <file>', 'config file naming the warehouse')
    .action(async (name: string, flags: ReportFlags) => {
      const report = REPORTS[name];
      if (!report)
        throw new UserError(
          `unknown report "${name}" (reports: ${Object.keys(REPORTS).join(', ')})`,
        );
      const format = parseFormat(flags.format);
      const rows = await withWarehouse(await engineConfigFor(flags), (engine) =>
        report(engine, flags),
      );
      process.stdout.write(`${renderRows(rows, format)}\n`);
    });
}
