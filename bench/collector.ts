// `npm run bench:collector`: the HTTP collector on loopback under autocannon, durable
// acknowledgement (each 200 is sent after its commit), batches of 100 events and single events:
// events/s, p50/p99 latency, the collector's peak RSS. Written to BENCHMARKS.md. Not a test.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { openEngine } from '../src/engine/open-engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { createWriteKey } from '../src/pipeline/ingest/write-keys.js';
import { startCollector } from '../test/support/collector-process.js';
import { machine, writeSection } from './write-benchmarks.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const dir = mkdtempSync(join(tmpdir(), 'convrev-bench-collector-'));
const db = join(dir, 'collector.duckdb');

/** Peak resident memory of a process (VmHWM), in MiB. */
function peakRss(pid: number): number {
  const kib = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kib ?? 0) / 1024;
}

let sequence = 0;
const event = () => {
  const n = sequence++;
  return {
    type: 'chat.message.sent',
    event_id: `bench-${n}`,
    occurred_at: new Date(Date.UTC(2026, 0, 1) + n).toISOString(),
    conversation_id: `conv-${n >> 4}`,
    actor: n % 2 ? 'user' : 'bot',
    email: `person${n % 5000}@example.com`,
  };
};

interface Scenario {
  readonly name: string;
  readonly path: string;
  readonly eventsPerRequest: number;
  readonly connections: number;
  readonly body: () => string;
}

const scenarios: Scenario[] = [
  {
    name: 'batches of 100',
    path: '/v1/batch',
    eventsPerRequest: 100,
    connections: 16,
    body: () => JSON.stringify({ batch: Array.from({ length: 100 }, event) }),
  },
  {
    name: 'single events',
    path: '/v1/events',
    eventsPerRequest: 1,
    connections: 64,
    body: () => JSON.stringify(event()),
  },
];

const rows: string[] = [];
try {
  const engine = await openEngine({ kind: 'duckdb', path: db, memoryLimit: '4GB', threads: 2 });
  const { key } = await createWriteKey(engine, {
    name: 'bench',
    source: 'bench',
    scopes: ['ingest'],
  });
  await engine.close();
  for (const s of scenarios) {
    const collector = await startCollector(['--db', db]);
    const result = await autocannon({
      url: `${collector.url}${s.path}`,
      method: 'POST',
      connections: s.connections,
      duration: SECONDS,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      // A fresh body per request: every event is new, so each is validated, deduplicated and stored.
      requests: [{ setupRequest: (request) => ({ ...request, body: s.body() }) }],
    });
    const peak = peakRss(collector.child.pid ?? 0);
    collector.child.kill('SIGTERM');
    await collector.exited;
    const ok = result['2xx'];
    const events = (ok * s.eventsPerRequest) / result.duration;
    rows.push(
      `| ${s.name} | ${s.connections} | ${Math.round(events).toLocaleString('en-US')} | ${Math.round(ok / result.duration).toLocaleString('en-US')} | ${result.latency.p50} | ${result.latency.p99} | ${result.non2xx} | ${result.errors} | ${peak.toFixed(0)} |`,
    );
    process.stdout.write(
      `${s.name}: ${Math.round(events)} events/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, peak RSS ${peak.toFixed(0)} MiB, non-2xx ${result.non2xx}\n`,
    );
  }
  const check = await openEngine({ kind: 'duckdb', path: db, memoryLimit: '4GB', threads: 2 });
  const [stored] = await check.query(
    sql('SELECT COUNT(*) AS n, COUNT(DISTINCT event_id) AS ids FROM conversation_events'),
  );
  const [batches] = await check.query(
    sql('SELECT COUNT(*) AS n, SUM(offered) AS offered, SUM(stored) AS stored FROM ingest_batches'),
  );
  await check.close();
  const body = [
    '## HTTP collector on loopback (`npm run bench:collector`)',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}; collector (\`convrev serve\`, one process, DuckDB file, memory_limit 4GB, threads 2) and autocannon on the same machine, ${SECONDS} s per scenario. Durable acknowledgement: a 200 is sent only after the request's transaction has committed (group commit: requests that arrive during a commit share the next one). Every event is new (unique ids), passes its contract (chat.message.sent), is normalised, fingerprinted, deduplicated against the warehouse and stored. Goal: at least 20,000 events/s in batches.`,
    '',
    '| scenario | connections | events/s | requests/s | p50 ms | p99 ms | non-2xx | errors | collector peak RSS MiB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    `Afterwards the warehouse held ${Number(stored?.n).toLocaleString('en-US')} events (${Number(stored?.ids).toLocaleString('en-US')} distinct ids) in ${Number(batches?.n).toLocaleString('en-US')} batches; offered ${Number(batches?.offered).toLocaleString('en-US')}, stored ${Number(batches?.stored).toLocaleString('en-US')}.`,
  ].join('\n');
  process.stdout.write(`${body}\n`);
  writeSection(join(import.meta.dirname, '..', 'BENCHMARKS.md'), 'collector', body);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
