// `npm run bench:reports`: every `convrev report` on the demo at 10M touchpoints (BENCH_SCALE to
// change it), wall time and peak RSS each, plus the metrics stage that materialises them; written
// to the `reports` section of BENCHMARKS.md. BENCH_DB names a warehouse the pipeline has already
// run on (`convrev demo --scale 10000000 --no-serve --db FILE`), to skip generating and loading
// (most of an hour at this scale), and BENCH_CONFIG the config it ran with (the demo's
// convrev.yaml) so the metrics stage is timed with the same settings. A benchmark, never a test.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/adapters/config/load-config.js';
import { generateDemoData } from '../src/adapters/demo-data/generate-demo-data.js';
import { openSourceFile } from '../src/adapters/files/open-source-file.js';
import { DEFAULT_METRICS, metricsConfigOf } from '../src/core/metrics/metrics-config.js';
import type { Engine } from '../src/engine/engine.js';
import { DuckDBEngine } from '../src/engine/duckdb/duckdb-engine.js';
import { openEngine } from '../src/engine/open-engine.js';
import { migrate } from '../src/engine/schema/migrate.js';
import { MIGRATIONS } from '../src/engine/schema/migrations.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { writeReportFile } from '../src/interfaces/cli/export/write-report-file.js';
import { REPORT_REGISTRY } from '../src/interfaces/cli/report-registry.js';
import { readMetricSettings } from '../src/pipeline/metrics/read-metric-settings.js';
import { METRIC_REPORTS } from '../src/pipeline/reports/metric-reports.js';
import { computeMetrics } from '../src/pipeline/metrics/compute-metrics.js';
import { runPipeline } from '../src/pipeline/run-pipeline.js';
import { RssSampler } from './rss-sampler.js';
import { machine, writeSection } from './write-benchmarks.js';

const scale = Number(process.env.BENCH_SCALE ?? 10_000_000);
const reuse = process.env.BENCH_DB;
const reuseConfig = process.env.BENCH_CONFIG;
const dir = mkdtempSync(join(tmpdir(), 'convrev-bench-reports-'));
const rss = new RssSampler();
rss.start();
const fmt = (n: number) => n.toLocaleString('en-US');
const stageLines: string[] = [];
const reportLines: string[] = [];

async function count(engine: Engine, table: string): Promise<number> {
  const [r] = await engine.query(sql(`SELECT COUNT(*) AS n FROM ${table}`));
  return Number(r?.n ?? 0);
}

/** How the reused warehouse was made: its last run's stages and their wall time. */
async function lastRun(engine: Engine): Promise<string> {
  const [run] = await engine.query(
    sql(
      `SELECT version, stages FROM runs WHERE status = 'succeeded' ORDER BY finished_at DESC LIMIT 1`,
    ),
  );
  if (!run) return 'a reused warehouse with no finished run';
  const stages = JSON.parse(String(run.stages)) as { stage: string; ms: number }[];
  const total = stages.reduce((sum, s) => sum + s.ms / 1000, 0);
  const parts = stages.map((s) => `${s.stage} ${(s.ms / 1000).toFixed(0)} s`).join(', ');
  return `a warehouse built by the pipeline beforehand (version ${String(run.version)}; ${total.toFixed(0)} s: ${parts})`;
}

try {
  let engine: Engine;
  let metrics = DEFAULT_METRICS;
  let source = 'a warehouse the pipeline had already run on (BENCH_DB)';
  if (reuse) {
    engine = await DuckDBEngine.open({ path: reuse, memoryLimit: '4GB', threads: 2 });
    await migrate(engine, MIGRATIONS);
    if (reuseConfig) metrics = metricsConfigOf(await loadConfig(reuseConfig));
    source = `${await lastRun(engine)} (BENCH_DB)`;
  } else {
    const data = await generateDemoData({ scale, seed: 42, outDir: join(dir, 'data') });
    const config = await loadConfig(data.configPath, {
      engine: { kind: 'duckdb', path: join(dir, 'bench.duckdb') },
    });
    if (config.engine.kind !== 'duckdb') throw new Error('the bench runs on DuckDB');
    engine = await openEngine(config.engine);
    const t0 = performance.now();
    await runPipeline(engine, config, { open: openSourceFile });
    metrics = metricsConfigOf(config);
    source = `demo scale ${fmt(scale)}, seed 42; pipeline (metrics stage included) ${((performance.now() - t0) / 1000).toFixed(1)} s`;
  }
  rss.take();
  const sizes = {
    touchpoints: await count(engine, 'touchpoints'),
    conversations: await count(engine, 'conversations'),
    credits: await count(engine, 'credits'),
  };

  // The metrics stage again, alone, so its share is visible (BENCH_STAGE=0 skips it when the
  // reused warehouse's run already timed it: at 10M it takes minutes).
  let stageTotal = 0;
  if (process.env.BENCH_STAGE !== '0')
    await engine.transaction(() =>
      computeMetrics(engine, metrics, async (name, work) => {
        const t0 = performance.now();
        const r = await work();
        const s = (performance.now() - t0) / 1000;
        stageTotal += s;
        stageLines.push(
          `| ${name} | ${s.toFixed(2)} | ${fmt(r.rows)} | ${rss.take().toFixed(0)} |`,
        );
      }),
    );

  // Every report as `convrev report NAME` gives it with its default flags: metric reports are
  // read from their tables when those answer; each is also computed afresh, as other flags are.
  let servedTotal = 0;
  let computedTotal = 0;
  let filteredTotal = 0;
  // A filtered view, as the dashboard asks for one: every filter a report applies, set.
  const FILTER = { segment: 'enterprise', channel: 'chat', from: '2025-03-01', to: '2025-09-30' };
  const settings = await readMetricSettings(engine);
  const timed = async <T>(work: () => Promise<T>): Promise<[T, number, number]> => {
    const t0 = performance.now();
    const out = await work();
    return [out, (performance.now() - t0) / 1000, rss.take()];
  };
  for (const entry of REPORT_REGISTRY) {
    const [rows, served, servedRss] = await timed(async () =>
      (await entry.prepare(engine, { format: 'table' })).rows(),
    );
    servedTotal += served;
    const metric = METRIC_REPORTS.find((r) => r.name === entry.name);
    let computedCell = '—';
    let filteredCell = '— | —';
    if (metric?.filters.length) {
      const filter = Object.fromEntries(
        Object.entries(FILTER).filter(([name]) => (metric.filters as string[]).includes(name)),
      );
      const [, filtered, filteredRss] = await timed(() =>
        metric.compute(engine, settings, { ...metric.cliDefaults, filter }),
      );
      filteredTotal += filtered;
      filteredCell = `${filtered.toFixed(3)} | ${filteredRss.toFixed(0)}`;
    }
    if (metric) {
      const [, computed, computedRss] = await timed(() =>
        metric.compute(engine, settings, metric.cliDefaults ?? {}),
      );
      computedTotal += computed;
      computedCell = `${computed.toFixed(3)} | ${computedRss.toFixed(0)}`;
    } else {
      computedTotal += served;
      computedCell = `${served.toFixed(3)} | ${servedRss.toFixed(0)}`;
    }
    reportLines.push(
      `| ${entry.name} | ${fmt(rows.length)} | ${served.toFixed(3)} | ${servedRss.toFixed(0)} | ${computedCell} | ${filteredCell} |`,
    );
  }
  // The same set again in this process: the first pass also read the warehouse file into DuckDB's
  // buffers (a server keeps them warm between requests), so both figures are shown.
  let againTotal = 0;
  for (const entry of REPORT_REGISTRY) {
    const [, again] = await timed(async () =>
      (await entry.prepare(engine, { format: 'table' })).rows(),
    );
    againTotal += again;
  }
  // The largest export: every conversation's economics under every model, as Parquet.
  const t0 = performance.now();
  const economics = REPORT_REGISTRY.find((r) => r.name === 'conversation-economics');
  if (!economics) throw new Error('no economics report');
  const out = join(dir, 'economics.parquet');
  await writeReportFile(engine, await economics.prepare(engine, { format: 'table', out }), out);
  const exportSeconds = (performance.now() - t0) / 1000;
  const exportRss = rss.take();
  const economicsRows = await count(engine, 'conversation_economics');
  await engine.close();

  const body = [
    '## Reports on embedded DuckDB (`npm run bench:reports`)',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}; DuckDB memory_limit 4GB, threads 2; load average ${loadavg()[0]?.toFixed(1) ?? '?'} when done (other work shares the machine).`,
    `${source}: ${fmt(sizes.touchpoints)} touchpoints, ${fmt(sizes.conversations)} conversations, ${fmt(sizes.credits)} credit rows.`,
    '',
    `**All ${REPORT_REGISTRY.length} reports, as \`convrev report NAME\` gives them with default flags: ${servedTotal.toFixed(2)} s on the first pass after opening the warehouse file, ${againTotal.toFixed(2)} s for the same set again in the same process** (goal: under 10 s; the table shows the first pass); metric reports are read from the tables the metrics stage of \`convrev run\` writes. Computed afresh from the stage's derived tables (conversation facts and economics, journey paths, the credit cube), as any other flags are: ${computedTotal.toFixed(2)} s for the set. Filtered (${Object.entries(
      FILTER,
    )
      .map(([k, v]) => `${k}=${v}`)
      .join(
        ', ',
      )}, each report the filters it applies, in SQL before it aggregates): ${filteredTotal.toFixed(2)} s for the reports that take filters. The stage itself is shown first.`,
    '',
    stageLines.length
      ? `Metrics stage (part of \`convrev run\`): ${stageTotal.toFixed(2)} s.`
      : 'Metrics stage not re-run here (BENCH_STAGE=0): its steps are in the run above.',
    '',
    ...(stageLines.length
      ? [
          '| metrics stage step | wall s | rows out | peak RSS MiB |',
          '|---|---:|---:|---:|',
          ...stageLines,
          '',
        ]
      : []),
    '| report | rows | from table: wall s | peak RSS MiB | computed: wall s | peak RSS MiB | filtered: wall s | peak RSS MiB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...reportLines,
    '',
    `Export of \`conversation-economics\` to Parquet (${fmt(economicsRows)} rows, all models): ${exportSeconds.toFixed(2)} s, peak RSS ${exportRss.toFixed(0)} MiB.`,
  ].join('\n');
  process.stdout.write(`${body}\n`);
  writeSection(join(import.meta.dirname, '..', 'BENCHMARKS.md'), 'reports', body);
} finally {
  rss.stop();
  rmSync(dir, { recursive: true, force: true });
}
