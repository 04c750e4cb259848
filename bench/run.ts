// `npm run bench`: the pipeline at 1M touchpoints (about 100k conversions) on embedded DuckDB,
// wall time and peak RSS per stage, written to BENCHMARKS.md; then the same run again on the same
// files (every file unchanged: the daily re-run, which reads no file and recomputes nothing), with
// the CPU time of each. A benchmark, never a test.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/adapters/config/load-config.js';
import { generateDemoData } from '../src/adapters/demo-data/generate-demo-data.js';
import { digestSourceFile } from '../src/adapters/files/digest-source-file.js';
import { openSourceFile } from '../src/adapters/files/open-source-file.js';
import { openEngine } from '../src/engine/open-engine.js';
import { runPipeline } from '../src/pipeline/run-pipeline.js';
import { loadAgainstFloor, loadSection } from './load-floor.js';
import { RssSampler } from './rss-sampler.js';
import { machine, writeSection } from './write-benchmarks.js';

const scale = Number(process.env.BENCH_SCALE ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'convrev-bench-'));
const rss = new RssSampler();
rss.start();
const lines: string[] = [];
const row = (stage: string, seconds: number, rows: number | string, peak: number) =>
  lines.push(
    `| ${stage} | ${seconds.toFixed(2)} | ${typeof rows === 'number' ? rows.toLocaleString('en-US') : rows} | ${peak.toFixed(0)} |`,
  );

try {
  let t0 = performance.now();
  const data = await generateDemoData({ scale, seed: 42, outDir: join(dir, 'data') });
  row(
    'generate (not a pipeline stage)',
    (performance.now() - t0) / 1000,
    data.touchpoints,
    rss.take(),
  );
  const config = await loadConfig(data.configPath, {
    engine: { kind: 'duckdb', path: join(dir, 'bench.duckdb') },
  });
  const engineConfig = config.engine;
  if (engineConfig.kind !== 'duckdb') throw new Error('the bench runs on DuckDB');
  const engine = await openEngine(engineConfig);
  t0 = performance.now();
  // CPU seconds (user + system) of the whole process: they hold steady under load, wall time does not.
  const cpu = (since?: NodeJS.CpuUsage) => {
    const u = process.cpuUsage(since);
    return (u.user + u.system) / 1e6;
  };
  let c0 = process.cpuUsage();
  const report = await runPipeline(engine, config, {
    open: openSourceFile,
    digest: digestSourceFile,
    onStage: (stage, r) => {
      if (r) row(stage, r.ms / 1000, r.rows, rss.take());
    },
  });
  const total = (performance.now() - t0) / 1000;
  const firstCpu = cpu(c0);
  const again: string[] = [];
  t0 = performance.now();
  c0 = process.cpuUsage();
  await runPipeline(engine, config, {
    open: openSourceFile,
    digest: digestSourceFile,
    onStage: (stage, r) => {
      if (r) again.push(`| ${stage} | ${(r.ms / 1000).toFixed(2)} | ${r.detail.slice(0, 90)} |`);
    },
  });
  const againTotal = (performance.now() - t0) / 1000;
  const againCpu = cpu(c0);
  await engine.close();
  const s = report.summary[0];
  const body = [
    `## Pipeline, end to end on embedded DuckDB (\`npm run bench\`)`,
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(
        ' ',
      )} at the end; DuckDB memory_limit ${engineConfig.memoryLimit}, threads ${engineConfig.threads}.`,
    `Demo data at scale ${scale.toLocaleString('en-US')}: ${data.touchpoints.toLocaleString('en-US')} touchpoints, ${s?.conversions.toLocaleString('en-US') ?? '?'} conversions (${s?.attributedConversions.toLocaleString('en-US') ?? '?'} attributed). Pipeline total ${total.toFixed(2)} s, ${firstCpu.toFixed(2)} s of CPU (user + system).`,
    '',
    '| stage | wall s | rows out | peak RSS MiB |',
    '|---|---:|---:|---:|',
    ...lines,
    '',
    `Re-run on the same files (every file unchanged: none is read, nothing is recomputed): ${againTotal.toFixed(2)} s, ${againCpu.toFixed(2)} s of CPU, ${((100 * againCpu) / firstCpu).toFixed(1)} % of the first run's.`,
    '',
    '| stage | wall s | what it did |',
    '|---|---:|---|',
    ...again,
  ].join('\n');
  process.stdout.write(`${body}\n`);
  writeSection(join(import.meta.dirname, '..', 'BENCHMARKS.md'), 'pipeline', body);
  // The load stage against DuckDB's native read of the same files, in alternating rounds.
  const load = await loadAgainstFloor(config, scale.toLocaleString('en-US'), 3);
  process.stdout.write(`${load.join('\n')}\n`);
  writeSection(
    join(import.meta.dirname, '..', 'BENCHMARKS.md'),
    'pipeline-load',
    loadSection(load),
  );
} finally {
  rss.stop();
  rmSync(dir, { recursive: true, force: true });
}
