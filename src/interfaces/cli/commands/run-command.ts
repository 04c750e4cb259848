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
import type { Config } from '../../../core/config/config.js';
import { UserError } from '../../../core/errors.js';
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
      .option('--strict', `exit ${EXIT.qualityBreach} when a data-quality check fails`)
      .option('--force', 'recompute every stage even when inputs and settings are unchanged')
      .option(
        '--check',
        `validate every source (files, header, every row) and print every problem (${PROBLEMS_PER_SOURCE} per source, then a count), without touching the warehouse; exit ${EXIT.user} if any`,
      ),
  ).action(async (flags: RunFlags) => {
    const config = await loadConfig(flags.config, { engine: engineOverrides(flags) });
    if (flags.check) return checkSources(config);
    process.stderr.write(
      `convrev run: ${config.sources.length} sources → ${describeWarehouse(config.engine)}\n`,
    );
    await withWarehouseOrServer(targetOf(config), 'admin', direct, async (server) => {
      if (flags.force)
        throw new UserError('--force is not available through a running server; stop it to force');
      await runThroughServer(server);
      // The server sends the alerts itself; --strict still decides this command's exit code.
      const { rows } = await server.get<{ rows: Row[] }>('/v1/quality/results');
      const fails = rows.filter((r) => r.status === 'fail').length;
      const warns = rows.filter((r) => r.status === 'warn').length;
      reportQuality(fails, warns);
      if (fails > 0 && flags.strict) process.exitCode = EXIT.qualityBreach;
    });
    async function direct(engine: Engine): Promise<void> {
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
      const differing = [...report.ingest.values()].reduce((n, t) => n + t.differingDuplicates, 0);
      if (differing > 0)
        process.stderr.write(
          `convrev: ${differing} record(s) carry the id of a stored event but other content; events are immutable, the stored ones were kept\n`,
        );
      const failed = await alertOnBreach(config, report.quality);
      reportQuality(report.quality.counts.fail, report.quality.counts.warn);
      if (failed && flags.strict) process.exitCode = EXIT.qualityBreach;
    }
  });
}

interface RunFlags extends WarehouseFlags {
  readonly config: string;
  readonly strict?: boolean;
  readonly check?: boolean;
  readonly force?: boolean;
}

/** `run --check`: every source's problems, the warehouse untouched. */
async function checkSources(config: Config): Promise<void> {
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
}

function reportQuality(fails: number, warns: number): void {
  if (fails + warns > 0)
    process.stderr.write(
      `convrev: data quality: ${fails} failed, ${warns} warnings (convrev quality --failures)\n`,
    );
}
