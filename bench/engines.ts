// `npm run bench:engines`: the whole pipeline on embedded DuckDB and on PostgreSQL, side by side
// in one run on the same demo data, with wall time and peak RSS per stage, written to
// BENCHMARKS.md (section `engines`). BENCH_SCALES lists the scales (default 1000000), each
// optionally `scale:stage` to stop after that stage; BENCH_DATABASE_URL (or
// CONVREV_DATABASE_URL) names the server. A benchmark, never a test.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/adapters/config/load-config.js';
import { generateDemoData } from '../src/adapters/demo-data/generate-demo-data.js';
import type { EngineConfig } from '../src/core/config/config.js';
import { connectEngine, openEngine } from '../src/engine/open-engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import type { ModelSummary } from '../src/pipeline/reports/read-summary.js';
import { runOn } from './engine-run.js';
import { machine, writeSection } from './write-benchmarks.js';

// `scale` or `scale:stage`: the second form stops the pipeline after that stage (see runOn).
const plans = (process.env.BENCH_SCALES ?? '1000000').split(',').map((item) => {
  const [scale = '', until] = item.trim().split(':');
  return { scale: Number(scale), until };
});
const url =
  process.env.BENCH_DATABASE_URL ??
  process.env.CONVREV_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';

const mib = (n: number | null) => (n === null ? '—' : n.toFixed(0));
const int = (n: number) => n.toLocaleString('en-US');

async function serverSettings(engineConfig: EngineConfig): Promise<string> {
  const engine = await openEngine(engineConfig);
  try {
    const [r] = await engine.query(
      sql(`SELECT current_setting('server_version') AS v, current_setting('shared_buffers') AS sb,
        current_setting('work_mem') AS wm, current_setting('max_parallel_workers_per_gather') AS pw`),
    );
    return `PostgreSQL ${String(r?.v)} (shared_buffers ${String(r?.sb)}, work_mem ${String(r?.wm)}, max_parallel_workers_per_gather ${String(r?.pw)})`;
  } finally {
    await engine.close();
  }
}

function agree(a: readonly ModelSummary[], b: readonly ModelSummary[]): boolean {
  const close = (x: number | null, y: number | null) =>
    x === y || (x !== null && y !== null && Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x)));
  return (
    a.length === b.length &&
    a.every((s, i) => {
      const t = b[i];
      return (
        t !== undefined &&
        s.model === t.model &&
        s.conversions === t.conversions &&
        s.attributedConversions === t.attributedConversions &&
        close(s.attributedValue, t.attributedValue) &&
        close(s.revenuePerConversation, t.revenuePerConversation)
      );
    })
  );
}

async function benchScale(
  scale: number,
  until: string | undefined,
  settings: { pg: string },
): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'convrev-bench-engines-'));
  const schema = `convrev_bench_${randomBytes(4).toString('hex')}`;
  const pgConfig: EngineConfig = { kind: 'postgres', url, schema };
  try {
    let t0 = performance.now();
    const data = await generateDemoData({ scale, seed: 42, outDir: join(dir, 'data') });
    const generated = (performance.now() - t0) / 1000;
    const config = await loadConfig(data.configPath, {
      engine: { kind: 'duckdb', path: join(dir, 'bench.duckdb') },
    });
    const duckConfig = config.engine;
    if (duckConfig.kind !== 'duckdb') throw new Error('the demo config names DuckDB');
    process.stderr.write(`scale ${int(scale)}: generated in ${generated.toFixed(1)} s; DuckDB…\n`);
    const duck = await runOn(duckConfig, config, until);
    process.stderr.write(`  DuckDB ${duck.total.toFixed(1)} s; PostgreSQL…\n`);
    t0 = performance.now();
    settings.pg ||= await serverSettings(pgConfig);
    const pg = await runOn(pgConfig, config, until);
    process.stderr.write(`  PostgreSQL ${pg.total.toFixed(1)} s\n`);
    const s = duck.summary[0];
    const conversions = duck.stages.get('conversions')?.rows ?? s?.conversions ?? 0;
    const scope = until
      ? `Stages up to ${until} (the run stopped there and rolled back; totals add the stages).`
      : 'The whole pipeline.';
    const agreement = until
      ? ''
      : ` Summaries agree to 1e-9: ${agree(duck.summary, pg.summary) ? 'yes' : '**no**'}.`;
    const lines = [...duck.stages].map(([stage, d]) => {
      const p = pg.stages.get(stage);
      const rows = p && p.rows !== d.rows ? `${int(d.rows)} / ${int(p.rows)}` : int(d.rows);
      return `| ${stage} | ${d.seconds.toFixed(2)} | ${p?.seconds.toFixed(2) ?? '—'} | ${rows} | ${mib(d.peak)} | ${mib(p?.peak ?? null)} | ${mib(p?.serverPeak ?? null)} |`;
    });
    return [
      `### ${int(data.touchpoints)} touchpoints, ${int(conversions)} conversions (scale ${int(scale)})`,
      '',
      `${scope} Total: DuckDB ${duck.total.toFixed(2)} s, PostgreSQL ${pg.total.toFixed(2)} s (×${(pg.total / duck.total).toFixed(1)}).${agreement} Generating the data took ${generated.toFixed(1)} s (not a stage).`,
      '',
      '| stage | DuckDB s | PostgreSQL s | rows out | DuckDB peak RSS MiB | PostgreSQL: client peak RSS MiB | PostgreSQL: server backend peak RSS MiB |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...lines,
    ].join('\n');
  } finally {
    const engine = await connectEngine(pgConfig);
    await engine.execute(
      sql(`DROP SCHEMA IF EXISTS ${engine.dialect.quoteIdentifier(schema)} CASCADE`),
    );
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const settings = { pg: '' };
const sections: string[] = [];
const load = loadavg()[0]?.toFixed(1) ?? '?';
// The section is rewritten after each scale, so a long run stopped early keeps what it measured.
for (const { scale, until } of plans) {
  sections.push(await benchScale(scale, until, settings));
  const body = [
    '## DuckDB and PostgreSQL side by side (`npm run bench:engines`)',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()} (load average ${load} when it started); DuckDB memory_limit 4GB, threads 2; ${settings.pg} on the same machine, over TCP to 127.0.0.1, default server settings. Both engines run the same pipeline on the same files in one process, one after the other. Client RSS is this Node process; server RSS is the PostgreSQL backend serving the connection (VmRSS, shared buffers it touched included; parallel query workers not counted).`,
    '',
    ...sections.flatMap((s) => [s, '']),
  ].join('\n');
  process.stdout.write(`${sections.at(-1) ?? ''}\n`);
  writeSection(join(import.meta.dirname, '..', 'BENCHMARKS.md'), 'engines', body);
}
