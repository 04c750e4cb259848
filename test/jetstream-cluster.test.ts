import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { jetstreamManager } from '@nats-io/jetstream';
import { afterAll, describe, expect, it } from 'vitest';
import { openEngine } from '../src/engine/open-engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { createWriteKey } from '../src/pipeline/ingest/write-keys.js';
import { startListening, type CollectorProcess } from './support/collector-process.js';
import { unbalancedBatches } from './support/collector-harness.js';
import { runCliAsync } from './support/run-cli-async.js';
import {
  NATS_SERVER,
  natsServerInstalled,
  startNatsCluster,
  type NatsCluster,
} from './support/nats-cluster.js';

const installed = natsServerInstalled();
if (!installed) {
  if (process.env.CI === 'true')
    throw new Error(`${NATS_SERVER} is missing; CI needs it for the JetStream cluster suite`);
  console.warn(`SKIPPED: the JetStream cluster suite needs ${NATS_SERVER}`);
}

const root = join(import.meta.dirname, '..');
const BATCHES = 80;
const BATCH = 100;
const CONCURRENCY = 6;
const DEADLINE_MS = 40_000;

/** Every 10th batch carries one event its contract refuses: it must end as a dead letter. */
function batchEvents(b: number): Record<string, unknown>[] {
  return Array.from({ length: BATCH }, (_v, i) => {
    const n = b * BATCH + i;
    const bad = b % 10 === 0 && i === 0;
    return {
      type: 'chat.message.sent',
      event_id: bad ? undefined : `ev-${n}`,
      occurred_at: bad ? 'yesterday' : new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString(),
      conversation_id: `conv-${b}-${i}`,
      actor: 'user',
    };
  });
}

/**
 * Two `convrev collect` processes publish to a real three-node JetStream cluster (stream R3)
 * and one `convrev consume` writes the warehouse. Mid-load the stream's leader node and one
 * collector are SIGKILLed while a client retries every batch it got no 200 for. Every event
 * acknowledged with a 200 is stored exactly once; the accounting adds up.
 */
describe.skipIf(!installed)('collectors → JetStream cluster (R3) → one warehouse writer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'convrev-jetstream-'));
  const children: { kill(signal: NodeJS.Signals): boolean }[] = [];
  let cluster: NatsCluster | undefined;
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores every acknowledged event exactly once across a lost node and a lost collector', async () => {
    // The documented flow: a key made in the warehouse, exported (hashes only) for collectors —
    // while the cluster starts.
    const db = join(dir, 'warehouse.duckdb');
    const keys = join(dir, 'keys.json');
    const setup = await openEngine({ kind: 'duckdb', path: db, memoryLimit: '1GB', threads: 1 });
    const { key } = await createWriteKey(setup, { name: 'web', source: 'web', scopes: ['ingest'] });
    await setup.close();
    const [started, exported] = await Promise.all([
      // Assigned at once, so afterAll stops the nodes whatever fails next.
      startNatsCluster(join(dir, 'nats')).then((c) => (cluster = c)),
      runCliAsync(['keys', 'export', '--db', db, '--out', keys]),
    ]);
    expect(exported.status, exported.stderr).toBe(0);
    const nc = await started.connect();
    const jsm = await jetstreamManager(nc);
    const stream = 'CONVREV_CLUSTER';
    for (let tries = 0; ; tries++) {
      try {
        await jsm.streams.add({ name: stream, subjects: ['convrev.events.>'], num_replicas: 3 });
        break;
      } catch (error) {
        if (tries > 40) throw error; // peers still joining: retry for a few seconds
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    const config = join(dir, 'convrev.yaml');
    writeFileSync(
      config,
      // The pipeline process also runs the file sources; these processes only need ingest.nats.
      `sources:\n  - { name: orders, kind: orders, path: orders.csv }\ningest:\n  nats:\n    servers: "${started.servers}"\n    stream: ${stream}\n    subject: "convrev.events.>"\n    durable: writer\n    replicas: 3\n`,
    );
    const consumer = spawn(
      process.execPath,
      [join(root, 'bin', 'convrev.js'), 'consume', '--config', config, '--db', db],
      {
        cwd: root,
        env: { ...process.env, CONVREV_FROM_SOURCE: '1', CONVREV_LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.push(consumer);
    const consumerExit = new Promise<number | null>((r) => consumer.once('exit', r));
    let stored = 0;
    let consumerLog = '';
    consumer.stderr.setEncoding('utf8').on('data', (d: string) => {
      consumerLog = (consumerLog + d).slice(-8000);
      for (const m of d.matchAll(/"stored":(\d+)/g)) stored += Number(m[1]);
    });
    const starting = await Promise.allSettled(
      [0, 1].map(() => startListening('collect', ['--config', config, '--keys', keys])),
    );
    const collectors: CollectorProcess[] = [];
    for (const s of starting) if (s.status === 'fulfilled') collectors.push(s.value);
    children.push(...collectors.map((c) => c.child));
    for (const s of starting) if (s.status === 'rejected') throw s.reason;

    const acknowledged = new Set<number>();
    const pending = Array.from({ length: BATCHES }, (_v, b) => b);
    let attempts = 0;
    const send = async (b: number, which: number): Promise<boolean> => {
      attempts++;
      try {
        const r = await fetch(`${collectors[which % 2]?.url}/v1/batch`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ batch: batchEvents(b) }),
          signal: AbortSignal.timeout(10_000),
        });
        if (r.status !== 200) return false;
        const body = (await r.json()) as { offered: number; accepted: number; rejected: number };
        expect(body.offered).toBe(BATCH);
        expect(body.rejected).toBe(b % 10 === 0 ? 1 : 0);
        return true;
      } catch {
        return false; // refused or reset: not acknowledged, send it again
      }
    };

    const loadStarted = Date.now();
    let nodeKilled = false;
    let collectorKilled = false;
    let round = 0;
    while (pending.length && Date.now() - loadStarted < DEADLINE_MS) {
      const batch = pending.splice(0, CONCURRENCY);
      // After a failure a batch goes to the other collector (a client's retry policy).
      const sends = batch.map((b, i) => send(b, round + i));
      if (!nodeKilled && acknowledged.size >= BATCHES / 4) {
        const leader = (await jsm.streams.info(stream)).cluster?.leader;
        const node = started.nodes.find((n) => n.name === leader) ?? started.nodes[0];
        node?.child.kill('SIGKILL');
        nodeKilled = true;
      } else if (!collectorKilled && acknowledged.size >= BATCHES / 2) {
        collectors[0]?.child.kill('SIGKILL');
        collectorKilled = true;
      }
      const results = await Promise.all(sends);
      batch.forEach((b, i) => (results[i] ? acknowledged.add(b) : pending.push(b)));
      if (results.some((ok) => !ok)) await new Promise((r) => setTimeout(r, 200));
      round++;
    }
    expect(nodeKilled && collectorKilled).toBe(true);
    expect(acknowledged.size).toBe(BATCHES);
    expect(attempts).toBeGreaterThan(BATCHES); // the kills did cost retries
    // Drained: nothing left undelivered, and the writer has stored every good event. Messages a
    // lost node had handed out come again after the consumer's ack wait (30 s): allow for it.
    const good = BATCHES * BATCH - BATCHES / 10;
    const drainBy = Date.now() + 45_000;
    while (Date.now() < drainBy) {
      const info = await jsm.consumers.info(stream, 'writer').catch(() => null);
      if (info?.num_pending === 0 && stored >= good) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    await nc.close();
    consumer.kill('SIGTERM');
    expect(await consumerExit, consumerLog).not.toBeNull();
    const engine = await openEngine({ kind: 'duckdb', path: db, memoryLimit: '1GB', threads: 1 });
    try {
      const ids = await engine.query(
        sql('SELECT event_id, count(*) AS n FROM conversation_events GROUP BY event_id'),
      );
      const expected = [...acknowledged].flatMap((b) =>
        batchEvents(b).flatMap((e) => (typeof e.event_id === 'string' ? [e.event_id] : [])),
      );
      expect(ids.length).toBe(good);
      expect(ids.every((r) => Number(r.n) === 1)).toBe(true);
      expect(new Set(ids.map((r) => String(r.event_id)))).toEqual(new Set(expected));
      const [sums] = await engine.query(
        sql(
          `SELECT sum(offered) AS offered, sum(stored) AS stored, sum(duplicates) AS duplicates,
                  sum(dead_lettered) AS dead_lettered, count(DISTINCT source) AS sources,
                  min(source) AS source FROM ingest_batches`,
        ),
      );
      expect(Number(sums?.offered)).toBe(
        Number(sums?.stored) + Number(sums?.duplicates) + Number(sums?.dead_lettered),
      );
      expect(Number(sums?.stored)).toBe(good);
      expect(sums?.source).toBe('web'); // the write key's source, carried by the stream
      expect(await unbalancedBatches(engine)).toEqual([]);
      const [dead] = await engine.query(
        sql('SELECT count(DISTINCT payload) AS n FROM dead_letters'),
      );
      expect(Number(dead?.n)).toBe(BATCHES / 10);
    } finally {
      await engine.close();
    }
  }, 180_000); // worst case: slow starts, the 40 s load deadline, a redelivery after 30 s
});
