import type { Command } from 'commander';
import { loadConfig } from '../../../adapters/config/load-config.js';
import { openSourceFile } from '../../../adapters/files/open-source-file.js';
import { runPipeline } from '../../../pipeline/run-pipeline.js';
import { printRunResults } from '../print-summary.js';
import { stageProgress } from '../progress.js';
import { withDb, withWarehouse } from '../warehouse.js';
import { VERSION } from '../version.js';

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run the pipeline on the sources of a config file')
    .requiredOption('-c, --config <file>', 'YAML config naming the sources')
    .option('--db <path>', 'warehouse file (overrides engine.path in the config)')
    .action(async (flags: { config: string; db?: string }) => {
      const config = withDb(await loadConfig(flags.config), flags.db);
      process.stderr.write(
        `convrev run: ${config.sources.length} sources → ${config.engine.path}\n`,
      );
      await withWarehouse(config.engine, async (engine) => {
        const report = await runPipeline(engine, config, {
          open: openSourceFile,
          onStage: stageProgress(),
          version: VERSION,
        });
        await printRunResults(engine, report.summary);
      });
    });
}
