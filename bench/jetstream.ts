// `npm run bench:jetstream`: events/s through the scale-out ingest path on loopback — one, two
// and three `convrev collect` processes publishing to a three-node JetStream cluster (stream R3;
// each 200 is sent once JetStream has stored every event of the request) — then one `convrev
// consume` draining the stream into a DuckDB file. Bounded: BENCH_SECONDS (10) per scenario;
// every process and temp dir is removed at the end. Written to BENCHMARKS.md. Not a test.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { hashKey } from '../src/pipeline/ingest/write-keys.js';
import { startListening, type CollectorProcess } from '../test/support/collector-process.js';
import { startNatsCluster, type NatsCluster } from '../test/support/nats-cluster.js';
import { machine, writeSection } from './write-benchmarks.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const BATCH = 100;
const CONNECTIONS = 4; // per collector
const KEY = 'cvk_bench_jetstream';
const STREAM = 'CONVREV_BENCH';
const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'convrev-bench-jetstream-'));
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');

/** CPU seconds (user + system) a process has used so far, from /proc (clock ticks of 1/100 s). */
function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

let sequence = 0;
const batchBody = () =>
  JSON.stringify({
    batch: Array.from({ length: BATCH }, () => {
      const n = sequence++;
      return {
        type: 'chat.message.sent',
        event_id: `bench-${n}`,
        occurred_at: new Date(Date.UTC(2026, 0, 1) + n).toISOString(),
        conversation_id: `conv-${n >> 4}`,
        actor: n % 2 ? 'user' : 'bot',
      };
    }),
  });

let cluster: NatsCluster | undefined;
const collectors: CollectorProcess[] = [];
const rows: string[] = [];
try {
  cluster = await startNatsCluster(join(dir, 'nats'));
  const nc = await cluster.connect();
  const jsm = await jetstreamManager(nc);
  for (let tries = 0; ; tries++) {
    try {
      await jsm.streams.add({ name: STREAM, subjects: ['convrev.events.>'], num_replicas: 3 });
      break;
    } catch (error) {
      if (tries > 40) throw error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  const config = join(dir, 'convrev.yaml');
  writeFileSync(
    config,
    `sources:\n  - { name: orders, kind: orders, path: orders.csv }\ningest:\n  nats: { servers: "${cluster.servers}", stream: ${STREAM}, durable: writer, replicas: 3 }\n`,
  );
  const keys = join(dir, 'keys.json');
  writeFileSync(
    keys,
    JSON.stringify([
      { key_id: 'key_b', source: 'bench', scopes: ['ingest'], sha256: hashKey(KEY) },
    ]),
  );
  for (let n = 1; n <= 3; n++) {
    // A cold start compiles the TypeScript sources: slow on a loaded machine.
    while (collectors.length < n)
      collectors.push(
        await startListening('collect', ['--config', config, '--keys', keys], 180_000),
      );
    const before = load();
    const pids = [...collectors.map((c) => c.child.pid), ...cluster.nodes.map((n) => n.child.pid)];
    const cpuBefore = pids.reduce<number>((sum, pid) => sum + cpuSeconds(pid), 0);
    const results = await Promise.all(
      collectors.map((c) =>
        autocannon({
          url: `${c.url}/v1/batch`,
          method: 'POST',
          connections: CONNECTIONS,
          duration: SECONDS,
          timeout: 30, // seconds: a loaded machine answers late, and a late answer is still a stored batch
          headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
          requests: [{ setupRequest: (request) => ({ ...request, body: batchBody() }) }],
        }),
      ),
    );
    const cpu = pids.reduce<number>((sum, pid) => sum + cpuSeconds(pid), 0) - cpuBefore;
    const ok = results.reduce((s, r) => s + r.requests.total - r.non2xx, 0);
    const events = (ok * BATCH) / SECONDS;
    const p50 = Math.max(...results.map((r) => r.latency.p50));
    const p99 = Math.max(...results.map((r) => r.latency.p99));
    const failed = results.reduce((s, r) => s + r.non2xx + r.errors, 0);
    rows.push(
      `| ${n} | ${n * CONNECTIONS} | ${Math.round(events).toLocaleString('en-US')} | ${Math.round((ok * BATCH) / cpu).toLocaleString('en-US')} | ${p50} | ${p99} | ${failed} | ${before} |`,
    );
    process.stdout.write(
      `${n} collector(s): ${Math.round(events)} events/s, ${Math.round((ok * BATCH) / cpu)} per CPU-s, p50 ${p50} ms, p99 ${p99} ms, failed ${failed}, load ${before}\n`,
    );
  }
  for (const c of collectors.splice(0)) {
    c.child.kill('SIGTERM');
    await c.exited;
  }
  const inStream = (await jsm.streams.info(STREAM)).state.messages;
  const drain = await consumeAll(config, join(dir, 'warehouse.duckdb'), jsm);
  await nc.close();
  const body = [
    '## Scale-out ingest through a JetStream cluster (`npm run bench:jetstream`)',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}; a three-node nats-server (v2.9) cluster on loopback (stream R3, file storage), \`convrev collect\` processes and autocannon all on this machine's 2 cores, ${SECONDS} s per row, ${CONNECTIONS} connections per collector, batches of ${BATCH} new events (chat.message.sent). A 200 is sent only after JetStream has acknowledged storing every event of the request (one message per event, Nats-Msg-Id = event id). Load average (1, 5, 15 min) as each row started: the machine is shared, so events/s follows the CPU the other sessions leave; events per CPU-second (user + system time of the collectors and the three nats-server processes during the row) is the steadier figure of the path's cost.`,
    '',
    '| collectors | connections | events/s acknowledged | events per CPU-second (collectors + NATS) | p50 ms (slowest collector) | p99 ms | non-2xx + errors | load average |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    `Then one \`convrev consume\` (batches of 500, DuckDB file) drained the ${inStream.toLocaleString('en-US')} messages into the warehouse: ${drain.stored.toLocaleString('en-US')} stored at ${Math.round(drain.rate).toLocaleString('en-US')} events/s (first to last commit), load average ${load()}.`,
  ].join('\n');
  process.stdout.write(`${body}\n`);
  writeSection(join(root, 'BENCHMARKS.md'), 'jetstream', body);
} finally {
  for (const c of collectors) c.child.kill('SIGKILL');
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
}

/** Runs `convrev consume` until the stream is idle; events stored and their rate. */
async function consumeAll(
  config: string,
  db: string,
  jsm: JetStreamManager,
): Promise<{ stored: number; rate: number }> {
  const child = spawn(
    process.execPath,
    [join(root, 'bin', 'convrev.js'), 'consume', '--config', config, '--db', db],
    {
      cwd: root,
      env: { ...process.env, CONVREV_LOG_LEVEL: 'info' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stored = 0;
  let first = 0;
  let last = 0;
  let buffer = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    buffer += d;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      const m = /"time":(\d+).*"stored":(\d+)/.exec(line);
      if (!m) continue;
      last = Number(m[1]);
      first ||= last;
      stored += Number(m[2]);
    }
  });
  const exited = new Promise((r) => child.once('exit', r));
  // Until the writer has acknowledged every message (bounded: a bench stops by itself).
  const deadline = Date.now() + 300_000;
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    if (child.exitCode !== null || Date.now() > deadline) break;
    const info = await jsm.consumers.info(STREAM, 'writer').catch(() => null);
    if (info && info.num_pending === 0 && info.num_ack_pending === 0) break;
  }
  child.kill('SIGTERM');
  await exited;
  return { stored, rate: stored / Math.max((last - first) / 1000, 0.001) };
}
