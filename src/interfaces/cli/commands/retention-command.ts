import type { Command } from 'commander';
import { loadConfig } from '../../../adapters/config/load-config.js';
import { UserError } from '../../../core/errors.js';
import { applyRetention } from '../../../pipeline/privacy/apply-retention.js';
import { renderRows } from '../format/render-rows.js';
import {
  addWarehouseOptions,
  engineOverrides,
  withWarehouse,
  type WarehouseFlags,
} from '../warehouse.js';

export function registerRetention(program: Command): void {
  const retention = program
    .command('retention')
    .description('delete raw events and landing rows older than privacy.retention_days');
  addWarehouseOptions(
    retention
      .command('apply')
      .description('delete raw rows past the retention window; aggregates and quality results stay')
      .requiredOption('-c, --config <file>', 'config with privacy.retention_days')
      .option('--days <n>', 'override privacy.retention_days')
      .option('--dry-run', 'count what would go, change nothing'),
  ).action(async (flags: WarehouseFlags & { config: string; days?: string; dryRun?: boolean }) => {
    const config = await loadConfig(flags.config, { engine: engineOverrides(flags) });
    const days = flags.days === undefined ? config.privacy?.retentionDays : Number(flags.days);
    if (days === undefined || !Number.isInteger(days) || days < 1)
      throw new UserError(
        flags.days === undefined
          ? `config ${flags.config} sets no privacy.retention_days: set it or give --days N`
          : `--days ${flags.days}: give a whole number of days, 1 or more`,
      );
    const report = await withWarehouse(config.engine, (engine) =>
      engine.transaction(() => applyRetention(engine, days, { dryRun: flags.dryRun ?? false })),
    );
    process.stdout.write(`${renderRows(report.tables, 'table', ['table', 'rows'])}\n`);
    process.stderr.write(
      `${flags.dryRun ? 'dry run: would delete' : 'deleted'} ${report.rowsDeleted} raw rows older than ${days} days\n`,
    );
  });
}
