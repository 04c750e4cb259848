import type { Command } from 'commander';
import { loadConfig } from '../../../adapters/config/load-config.js';
import { digestSourceFile } from '../../../adapters/files/digest-source-file.js';
import { openSourceFile } from '../../../adapters/files/open-source-file.js';
import { createIngestEnvironment } from '../../../pipeline/ingest/create-ingest-environment.js';
import {
  checkFiles,
  describeSourceProblems,
  PROBLEMS_PER_SOURCE,
} from '../../../pipeline/ingest/check-files.js';
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
  withWarehouse,
  type WarehouseFlags,
} from '../warehouse.js';
import { VERSION } from '../version.js';

export function registerRun(program: Command): void {
  addWarehouseOptions(
    program
      .command('run')
      .description('run the pipeline on the sources of a config file')
      .requiredOption('-c, --config <file>', 'YAML config naming the sources')
      .option('--strict', `exit ${EXIT.qualityBreach} when a data-quality check fails`)
      .option('--force', 'recompute every stage even when inputs and settings are unchanged')
      .option(
        '--check',
        `validate every source (files, header, every row) and print every problem (${PROBLEMS_PER_SOURCE} per source, then a count), without touching the warehouse; exit ${EXIT.user} if any`,
      ),
  ).action(
    async (
      flags: WarehouseFlags & {
        config: string;
        strict?: boolean;
        check?: boolean;
        force?: boolean;
      },
    ) => {
      const config = await loadConfig(flags.config, { engine: engineOverrides(flags) });
      if (flags.check) {
        const salt = piiSalt();
        const env = createIngestEnvironment(config, salt ? { piiSalt: salt } : {});
        const found = await checkFiles(config.sources, openSourceFile, env);
        if (found.length) {
          process.stderr.write(`convrev run --check: ${describeSourceProblems(found)}\n`);
          process.exitCode = EXIT.user;
        } else
          process.stdout.write(
            `convrev run --check: ${config.sources.length} sources, no problems found\n`,
          );
        return;
      }
      process.stderr.write(
        `convrev run: ${config.sources.length} sources → ${describeWarehouse(config.engine)}\n`,
      );
      await withWarehouse(config.engine, async (engine) => {
        const pairs = config.quality?.labelledPairs;
        const salt = piiSalt();
        const report = await runPipeline(engine, config, {
          open: openSourceFile,
          digest: digestSourceFile,
          ...(flags.force ? { force: true } : {}),
          onStage: stageProgress(),
          version: VERSION,
          ...(pairs ? { labelledPairs: await readLabelledPairs(pairs) } : {}),
          ...(salt ? { piiSalt: salt } : {}),
        });
        await printRunResults(engine, report.summary);
        const differing = [...report.ingest.values()].reduce(
          (n, t) => n + t.differingDuplicates,
          0,
        );
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
      });
    },
  );
}
