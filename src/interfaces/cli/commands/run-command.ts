import type { Command } from 'commander';
import { loadConfig } from '../../../adapters/config/load-config.js';
import { openSourceFile } from '../../../adapters/files/open-source-file.js';
import { runPipeline } from '../../../pipeline/run-pipeline.js';
import { printRunResults } from '../print-summary.js';
import { stageProgress } from '../progress.js';
import {
  addWarehouseOptions,
  describeWarehouse,
  engineOverrides,
  withWarehouse,
  type WarehouseFlags,
} from '../warehouse.js';
import { VERSION } from '../version.js';

export function registerRun(program: Command): void {
  addWarehouseOptions(
    program
      .command('run')
      .description('run the pipeline on the sources of a config file')
      .requiredOption('-c, --config <file>', 'YAML config naming the sources'),
  ).action(async (flags: WarehouseFlags & { config: string }) => {
    const config = await loadConfig(flags.config, { engine: engineOverrides(flags) });
    process.stderr.write(
      `convrev run: ${config.sources.length} sources → ${describeWarehouse(config.engine)}\n`,
    );
    await withWarehouse(config.engine, async (engine) => {
      const report = await runPipeline(engine, config, {
        open: openSourceFile,
        onStage: stageProgress(),
        version: VERSION,
      });
      await printRunResults(engine, report.summary);
      const differing = [...report.ingest.values()].reduce((n, t) => n + t.differingDuplicates, 0);
      if (differing > 0)
        process.stderr.write(
          `convrev: ${differing} record(s) carry the id of a stored event but other content; events are immutable, the stored ones were kept\n`,
        );
    });
  });
}
