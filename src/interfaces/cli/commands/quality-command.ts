import type { Command } from 'commander';
import { UserError } from '../../../core/errors.js';
import { readQualityResults } from '../../../pipeline/quality/read-quality-results.js';
import { OUTPUT_FORMATS, renderRows, type OutputFormat } from '../format/render-rows.js';
import { EXIT } from '../handle-error.js';
import {
  addWarehouseOptions,
  withWarehouseOrServer,
  warehouseTargetFor,
  type WarehouseFlags,
} from '../warehouse.js';
import { reviveRows } from '../revive-rows.js';
import type { Row } from '../../../engine/engine.js';

export function registerQuality(program: Command): void {
  addWarehouseOptions(
    program
      .command('quality')
      .description("the latest run's data-quality results: fails first, then warnings, then passes")
      .option('-c, --config <file>', 'config naming the warehouse')
      .option('--format <format>', `output: ${OUTPUT_FORMATS.join('|')}`, 'table')
      .option('--failures', 'only warnings and fails')
      .option('--strict', `exit ${EXIT.qualityBreach} when any check failed`),
  ).action(
    async (flags: WarehouseFlags & { format: string; failures?: boolean; strict?: boolean }) => {
      if (!(OUTPUT_FORMATS as readonly string[]).includes(flags.format))
        throw new UserError(`--format ${flags.format}: give one of ${OUTPUT_FORMATS.join(', ')}`);
      const rows = await withWarehouseOrServer(
        await warehouseTargetFor(flags),
        'read',
        readQualityResults,
        async (server) =>
          reviveRows((await server.get<{ rows: Row[] }>('/v1/quality/results')).rows),
      );
      if (!rows.length) throw new UserError('no quality results yet: run convrev run first');
      const shown = flags.failures ? rows.filter((r) => r.status !== 'pass') : rows;
      process.stdout.write(`${renderRows(shown, flags.format as OutputFormat)}\n`);
      const fails = rows.filter((r) => r.status === 'fail').length;
      if (flags.format === 'table') {
        const warns = rows.filter((r) => r.status === 'warn').length;
        process.stderr.write(
          `run ${String(rows[0]?.run_id)}: ${rows.length - fails - warns} passed, ${warns} warnings, ${fails} failed\n`,
        );
      }
      if (flags.strict && fails > 0) process.exitCode = EXIT.qualityBreach;
    },
  );
}
