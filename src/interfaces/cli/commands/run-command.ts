import type { Command } from 'commander';
import { loadConfig } from '../../../adapters/config/load-config.js';
import { openSourceFile } from '../../../adapters/files/open-source-file.js';
import { runPipeline } from '../../../pipeline/run-pipeline.js';
import { readLabelledPairs } from '../../../adapters/quality/read-labelled-pairs.js';
import { EXIT } from '../handle-error.js';
import { piiSalt } from '../ingest-context.js';
import { printRunResults } from '../print-summary.js';
import { alertOnBreach } from '../quality-alerts.js';
import { stageProgress } from '../progress.js';
import {
  addWarehouseOptions,
  describeWarehouse,
  engineOverrides,
  withWarehouseOrServer,
  targetOf,
  type WarehouseFlags,
} from '../warehouse.js';
import type { Engine, Row } from '../../../engine/engine.js';
import { runThroughServer } from '../run-through-server.js';
import { VERSION } from '../version.js';

export function registerRun(program: Command): void {
  addWarehouseOptions(
    program
      .command('run')
      .description('run the pipeline on the sources of a config file')
      .requiredOption('-c, --config <file>', 'YAML config naming the sources')
      .option('--strict', `exit ${EXIT.qualityBreach} when a data-quality check fails`),
  ).action(async (flags: WarehouseFlags & { config: string; strict?: boolean }) => {
    const config = await loadConfig(flags.config, { engine: engineOverrides(flags) });
    process.stderr.write(
      `convrev run: ${config.sources.length} sources → ${describeWarehouse(config.engine)}\n`,
    );
    await withWarehouseOrServer(targetOf(config), 'admin', direct, async (server) => {
      await runThroughServer(server);
      // The server sends the alerts itself; --strict still decides this command's exit code.
      const { rows } = await server.get<{ rows: Row[] }>('/v1/quality/results');
      const fails = rows.filter((r) => r.status === 'fail').length;
      const warns = rows.filter((r) => r.status === 'warn').length;
      if (fails + warns > 0)
        process.stderr.write(
          `convrev: data quality: ${fails} failed, ${warns} warnings (convrev quality --failures)\n`,
        );
      if (fails > 0 && flags.strict) process.exitCode = EXIT.qualityBreach;
    });
    async function direct(engine: Engine): Promise<void> {
      const pairs = config.quality?.labelledPairs;
      const salt = piiSalt();
      const report = await runPipeline(engine, config, {
        open: openSourceFile,
        onStage: stageProgress(),
        version: VERSION,
        ...(pairs ? { labelledPairs: await readLabelledPairs(pairs) } : {}),
        ...(salt ? { piiSalt: salt } : {}),
      });
      await printRunResults(engine, report.summary);
      const differing = [...report.ingest.values()].reduce((n, t) => n + t.differingDuplicates, 0);
      if (differing > 0)
        process.stderr.write(
          `convrev: ${differing} record(s) carry the id of a stored event but other content; events are immutable, the stored ones were kept\n`,
        );
      const failed = await alertOnBreach(config, report.quality);
      if (report.quality.counts.fail + report.quality.counts.warn > 0)
        process.stderr.write(
          `convrev: data quality: ${report.quality.counts.fail} failed, ${report.quality.counts.warn} warnings (convrev quality --failures)\n`,
        );
      if (failed && flags.strict) process.exitCode = EXIT.qualityBreach;
    }
  });
}
