import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../../adapters/config/load-config.js';
import { generateDemoData } from '../../../adapters/demo-data/generate-demo-data.js';
import { digestSourceFile } from '../../../adapters/files/digest-source-file.js';
import { openSourceFile } from '../../../adapters/files/open-source-file.js';
import { UserError } from '../../../core/errors.js';
import { createWriteKey } from '../../../pipeline/ingest/write-keys.js';
import { runPipeline } from '../../../pipeline/run-pipeline.js';
import { serveUntilStopped } from '../../server/serve-until-stopped.js';
import { ingestEnvironmentFor } from '../ingest-context.js';
import { printRunResults } from '../print-summary.js';
import { announceServer } from '../server-state.js';
import { stageProgress } from '../progress.js';
import { describeWarehouse, withWarehouse } from '../warehouse.js';
import { VERSION } from '../version.js';
import { parseScale, parseSeed } from './generate-command.js';

interface DemoFlags {
  scale: string;
  seed: string;
  db: string;
  out: string;
  serve: boolean;
  port: string;
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'generate demo data, run the whole pipeline on embedded DuckDB, print the results and serve the dashboard on them',
    )
    .option('--scale <scale>', 'small, medium, large or a number of touchpoints', 'small')
    .option('--seed <n>', 'random seed', '42')
    .option('--db <path>', 'warehouse file', './convrev.duckdb')
    .option('--out <dir>', 'folder for the generated files', './demo-data')
    .option('--no-serve', 'exit after printing the results instead of serving the dashboard')
    .option('--port <port>', 'port of the dashboard (0 picks a free one)', '8080')
    .action(async (flags: DemoFlags) => {
      const err = process.stderr;
      err.write(
        `convrev demo: generating ${flags.scale} demo data (seed ${flags.seed}) in ${flags.out}\n`,
      );
      const t0 = performance.now();
      const data = await generateDemoData({
        scale: parseScale(flags.scale),
        seed: parseSeed(flags.seed),
        outDir: resolve(flags.out),
      });
      err.write(
        `  ✓ generate    ${((performance.now() - t0) / 1000).toFixed(2).padStart(6)} s  ${data.touchpoints} touchpoints, ${data.conversions} outcomes\n`,
      );
      // The demo is the embedded warehouse's showcase: DuckDB whatever the environment says.
      const config = await loadConfig(data.configPath, {
        engine: { kind: 'duckdb', path: resolve(flags.db) },
      });
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UserError(`--port ${flags.port}: give 0 to 65535`);
      await withWarehouse(config.engine, async (engine) => {
        const report = await runPipeline(engine, config, {
          open: openSourceFile,
          // digests recorded, so the server's scheduled runs skip the unchanged files
          digest: digestSourceFile,
          onStage: stageProgress(),
          version: VERSION,
        });
        await printRunResults(engine, report.summary);
        const next =
          `convrev report attribution --db ${flags.db} --model linear --by channel,segment\n` +
          `      convrev explain conversion <id> --db ${flags.db}\n`;
        process.stdout.write(`\nWarehouse: ${describeWarehouse(config.engine)}\n`);
        if (!flags.serve) {
          process.stdout.write(`Next: ${next}`);
          return;
        }
        // The read key is made for this demo warehouse only; it is printed, so show it once.
        const { key } = await createWriteKey(engine, {
          name: 'demo dashboard',
          source: 'demo',
          scopes: ['read'],
        });
        const env = await ingestEnvironmentFor(engine, config);
        let unannounce = (): void => undefined;
        await serveUntilStopped(engine, env, config, {
          host: '127.0.0.1',
          port,
          onListening: (address) => {
            // While the demo serves it holds the file: the next commands go through its API.
            unannounce = announceServer(config.engine, address);
            process.stdout.write(
              `\nDashboard: ${address}/  (sign in with the read key below; Ctrl-C stops it)\nRead key:  ${key}\nAPI docs:  ${address}/docs\n` +
                `Next (in another terminal, while this serves):\n      export CONVREV_API_KEY=${key}\n      ${next}`,
            );
          },
        });
        unannounce();
      });
    });
}
