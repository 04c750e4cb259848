import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { resolveEngineConfig } from '../../../adapters/config/resolve-engine-config.js';
import { describeProblem, UserError } from '../../../core/errors.js';
import { connectEngine } from '../../../engine/open-engine.js';
import { exportWarehouse } from '../../../pipeline/export/export-warehouse.js';
import { renderTable } from '../format/render-rows.js';
import { describeWarehouse, engineConfigFor, withWarehouse } from '../warehouse.js';

interface ExportFlags {
  to: string;
  schema?: string;
  db?: string;
  config?: string;
  replace?: boolean;
}

const number = new Intl.NumberFormat('en-US');

export function registerExport(program: Command): void {
  program
    .command('export')
    .description(
      'copy every table of the embedded DuckDB warehouse into a PostgreSQL schema, in one transaction',
    )
    .requiredOption('--to <url>', 'target PostgreSQL URL, postgres://user@host:5432/database')
    .option('--schema <name>', 'target schema (created when missing)', 'convrev')
    .option('--db <path>', 'DuckDB warehouse file to copy (default: engine.path, ./convrev.duckdb)')
    .option('-c, --config <file>', 'config file naming the DuckDB warehouse')
    .option('--replace', 'overwrite a target schema that already holds a warehouse')
    .action(async (flags: ExportFlags) => {
      const source = await engineConfigFor({
        engine: 'duckdb',
        ...(flags.db === undefined ? {} : { db: flags.db }),
        ...(flags.config === undefined ? {} : { config: flags.config }),
      });
      if (source.kind !== 'duckdb' || (source.path !== ':memory:' && !existsSync(source.path)))
        throw new UserError(
          `no DuckDB warehouse at ${describeWarehouse(source)}: run convrev run or convrev demo first, or give --db`,
        );
      const target = resolveEngineConfig(undefined, process.cwd(), {
        kind: 'postgres',
        url: flags.to,
        ...(flags.schema === undefined ? {} : { schema: flags.schema }),
      });
      if (!target.ok)
        throw new UserError(
          target.problems.map(describeProblem).join('; ').replace('engine.url', '--to'),
        );
      process.stderr.write(
        `convrev export: ${describeWarehouse(source)} → ${describeWarehouse(target.engine)}\n`,
      );
      const { copied, skipped } = await withWarehouse(source, async (duck) => {
        const pg = await connectEngine(target.engine);
        try {
          return await exportWarehouse(duck, pg, {
            replace: flags.replace === true,
            onTable: (c) =>
              process.stderr.write(
                `  ✓ ${c.table.padEnd(22)}${number.format(c.rows).padStart(12)} rows\n`,
              ),
          });
        } finally {
          await pg.close();
        }
      });
      if (skipped.length)
        process.stderr.write(`  (not convrev's, not copied: ${skipped.join(', ')})\n`);
      const total = copied.reduce((sum, c) => sum + c.rows, 0);
      process.stdout.write(
        `${renderTable(
          ['table', 'rows'],
          [...copied.map((c) => [c.table, number.format(c.rows)]), ['total', number.format(total)]],
        )}\n`,
      );
    });
}
