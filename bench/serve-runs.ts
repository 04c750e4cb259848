// `npm run bench:serve-runs`: the collector's events/s in batches with no run and while
// `convrev serve` runs the pipeline beside it (its own connection), on the demo data at
// BENCH_SCALE touches. Written to BENCHMARKS.md. Not a test.
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../src/adapters/config/load-config.js';
import { generateDemoData } from '../src/adapters/demo-data/generate-demo-data.js';
import { openEngine } from '../src/engine/open-engine.js';
import { createWriteKey } from '../src/pipeline/ingest/write-keys.js';
import { startCollector } from '../test/support/collector-process.js';
import { machine, writeSection } from './write-benchmarks.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SCALE = Number(process.env.BENCH_SCALE ?? 50_000);
const dir = mkdtempSync(join(tmpdir(), 'convrev-bench-serve-runs-'));

let sequence = 0;
const event = () => {
  const n = sequence++;
  return {
    type: 'chat.message.sent',
    event_id: `bench-${n}`,
    occurred_at: new Date(Date.UTC(2026, 0, 1) + n).toISOString(),
    conversation_id: `bench-conv-${n >> 4}`,
    actor: n % 2 ? 'user' : 'bot',
  };
};

try {
  const data = await generateDemoData({ scale: SCALE, seed: 42, outDir: join(dir, 'data') });
  appendFileSync(data.configPath, '\n');
  const config = await loadConfig(data.configPath);
  const engine = await openEngine(config.engine);
  const { key } = await createWriteKey(engine, {
    name: 'bench',
    source: 'bench',
    scopes: ['ingest', 'admin'],
  });
  await engine.close();
  const server = await startCollector(['--config', data.configPath]);
  const call = async (method: string, path: string) =>
    (await (
      await fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${key}` } })
    ).json()) as { id: string; status: string; started_at: string; finished_at: string };
  const waitFor = async (id: string) => {
    for (;;) {
      const run = await call('GET', `/v1/admin/runs/${id}`);
      if (run.status !== 'running') return run;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const load = async () => {
    const result = await autocannon({
      url: `${server.url}/v1/batch`,
      method: 'POST',
      connections: 16,
      duration: SECONDS,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      requests: [
        {
          setupRequest: (request) => ({
            ...request,
            body: JSON.stringify({ batch: Array.from({ length: 100 }, event) }),
          }),
        },
      ],
    });
    return {
      events: (result['2xx'] * 100) / result.duration,
      p99: result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
    };
  };
  const first = await waitFor((await call('POST', '/v1/admin/runs')).id);
  const firstSeconds = (Date.parse(first.finished_at) - Date.parse(first.started_at)) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const idle = await load();
  const started = await call('POST', '/v1/admin/runs');
  const during = await load();
  const run = await waitFor(started.id);
  const runSeconds = (Date.parse(run.finished_at) - Date.parse(run.started_at)) / 1000;
  server.child.kill('SIGTERM');
  await server.exited;
  const f = (n: number) => Math.round(n).toLocaleString('en-US');
  const body = [
    '## Collector beside a run (`npm run bench:serve-runs`)',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}; \`convrev serve --config\` on the demo data at scale ${f(SCALE)} (DuckDB file), autocannon on the same machine, 16 connections posting batches of 100 new events for ${SECONDS} s with no run, then ${SECONDS} s starting with a run (POST /v1/admin/runs; the run, on its own connection, took ${runSeconds.toFixed(1)} s, the first run ${firstSeconds.toFixed(1)} s). Small scale: the goal is stated at 1M touches. Load average at the end: ${loadavg()[0]?.toFixed(1)} (the machine is shared with other sessions). Goal: at least 80 % of the throughput during a run.`,
    '',
    '| phase | events/s | p99 ms | non-2xx | errors (timeouts) |',
    '|---|---:|---:|---:|---:|',
    `| no run | ${f(idle.events)} | ${idle.p99} | ${idle.non2xx} | ${idle.errors} |`,
    `| during a run | ${f(during.events)} | ${during.p99} | ${during.non2xx} | ${during.errors} |`,
    '',
    `Ratio during / no run: ${(during.events / idle.events).toFixed(2)} (run status ${run.status}).`,
  ].join('\n');
  process.stdout.write(`${body}\n`);
  writeSection(join(import.meta.dirname, '..', 'BENCHMARKS.md'), 'serve-runs', body);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
