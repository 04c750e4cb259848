// `npm run bench:api`: the read API's overview endpoint (GET /v1/overview, what the dashboard's
// first page asks for) under autocannon on loopback, against a demo warehouse on which the whole
// pipeline has run: p50/p99 latency and requests/s. BENCH_SCALE touchpoints (100,000: the medium
// demo), BENCH_SECONDS per scenario. BENCH_DB and BENCH_CONFIG reuse a warehouse the pipeline has
// already run on and the config it ran with (`convrev demo --scale 10000000 --no-serve --db FILE`
// and its convrev.yaml), which at 10M saves most of an hour. Written to BENCHMARKS.md.
import { appendFileSync, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../src/adapters/config/load-config.js';
import { generateDemoData } from '../src/adapters/demo-data/generate-demo-data.js';
import { openSourceFile } from '../src/adapters/files/open-source-file.js';
import { openEngine } from '../src/engine/open-engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { createWriteKey } from '../src/pipeline/ingest/write-keys.js';
import { runPipeline } from '../src/pipeline/run-pipeline.js';
import { startCollector } from '../test/support/collector-process.js';
import { machine, writeSection } from './write-benchmarks.js';

const SCALE = Number(process.env.BENCH_SCALE ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const FILTERED = '/v1/overview?model=linear&segment=enterprise&channel=chat';
const dir = mkdtempSync(join(tmpdir(), 'convrev-bench-api-'));
const db = process.env.BENCH_DB ?? join(dir, 'api.duckdb');
const reusedConfig = process.env.BENCH_CONFIG;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

try {
  const demoConfig =
    reusedConfig ??
    (await generateDemoData({ scale: SCALE, seed: 42, outDir: join(dir, 'data') })).configPath;
  // The config of the served warehouse: the demo's, with the rate limit off (autocannon is one
  // client sending thousands of requests a second). Beside the original: its paths are relative.
  const configPath = join(dirname(demoConfig), `bench-api-${process.pid}.yaml`);
  copyFileSync(demoConfig, configPath);
  appendFileSync(configPath, '\nserver:\n  rate_limit:\n    max: 0\n');
  let pipeline = 'a warehouse the demo pipeline had built beforehand, reused';
  if (!existsSync(db)) {
    const config = await loadConfig(demoConfig, { engine: { kind: 'duckdb', path: db } });
    const engine = await openEngine(config.engine);
    const t0 = performance.now();
    await runPipeline(engine, config, { open: openSourceFile, version: 'bench' });
    pipeline = `demo scale ${fmt(SCALE)}, pipeline ${((performance.now() - t0) / 1000).toFixed(1)} s`;
    await engine.close();
  }
  const engine = await openEngine({ kind: 'duckdb', path: db, memoryLimit: '4GB', threads: 2 });
  const { key } = await createWriteKey(engine, {
    name: 'bench',
    source: 'bench',
    scopes: ['read'],
  });
  const [counts] = await engine.query(
    sql(`SELECT (SELECT COUNT(*) FROM touchpoints) AS touchpoints,
  (SELECT COUNT(*) FROM conversations) AS conversations,
  (SELECT COUNT(*) FROM conversions) AS conversions`),
  );
  await engine.close();

  const server = await startCollector(['--db', db, '--config', configPath]);
  const rows: string[] = [];
  let coldMs = 0;
  let coldFilteredMs = 0;
  try {
    const headers = { authorization: `Bearer ${key}` };
    // One request first: the overview must answer 200 before its speed means anything.
    const t0 = performance.now();
    const first = await fetch(`${server.url}/v1/overview`, { headers });
    if (first.status !== 200) throw new Error(`overview answered ${first.status}`);
    await first.text();
    coldMs = performance.now() - t0;
    // A filtered view nobody asked for yet: computed in SQL over the filtered conversations.
    const t1 = performance.now();
    const filtered = await fetch(`${server.url}${FILTERED}`, { headers });
    if (filtered.status !== 200) throw new Error(`filtered overview answered ${filtered.status}`);
    await filtered.text();
    coldFilteredMs = performance.now() - t1;
    for (const [name, path, connections] of [
      ['overview (default model)', '/v1/overview', 8],
      [
        'overview, one model and a date range',
        '/v1/overview?model=first_touch&from=2025-06-01&to=2025-09-30',
        8,
      ],
      ['overview, filtered by segment and channel', FILTERED, 8],
      ['one report: rpc by channel', '/v1/reports/rpc?by=channel', 8],
    ] as const) {
      const r = await autocannon({
        url: `${server.url}${path}`,
        connections,
        duration: SECONDS,
        headers,
      });
      rows.push(
        `| ${name} | ${connections} | ${fmt(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} | ${r.non2xx} | ${r.errors} |`,
      );
      process.stdout.write(
        `${name}: ${fmt(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non-2xx ${r.non2xx}\n`,
      );
    }
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  const body = [
    '## Read API on loopback (`npm run bench:api`)',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}; \`convrev serve\` (one process, DuckDB file, memory_limit 4GB, threads 2) and autocannon on the same machine, ${SECONDS} s per scenario, after the pipeline had materialised its tables. The warehouse holds ${fmt(Number(counts?.touchpoints))} touchpoints, ${fmt(Number(counts?.conversations))} conversations and ${fmt(Number(counts?.conversions))} conversions (${pipeline}). Every request carries a read key (checked, cached 10 s) and reads the warehouse through the one queue the collector commits through. Goal: overview p99 under 200 ms.`,
    '',
    '| endpoint | connections | requests/s | p50 ms | p99 ms | non-2xx | errors |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    `Answers are kept until the next run, so these are the warm figures. The first overview after the server started (cold: it computes the six reports it is made of) took ${coldMs.toFixed(0)} ms, and the first filtered one (\`${FILTERED}\`, computed from the conversation-level tables) ${coldFilteredMs.toFixed(0)} ms; a new run empties the cache within a second.`,
  ].join('\n');
  process.stdout.write(`${body}\n`);
  writeSection(join(import.meta.dirname, '..', 'BENCHMARKS.md'), 'api', body);
} finally {
  rmSync(dir, { recursive: true, force: true });
  if (reusedConfig)
    rmSync(join(dirname(reusedConfig), `bench-api-${process.pid}.yaml`), { force: true });
}
