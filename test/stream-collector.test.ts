import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEventContracts } from '../src/adapters/contracts/read-event-contracts.js';
import { buildStreamCollector } from '../src/adapters/http/build-stream-collector.js';
import { fileKeyAuth } from '../src/adapters/http/file-key-auth.js';
import { consumeStream } from '../src/adapters/nats/consume-stream.js';
import { StreamPublisher } from '../src/adapters/nats/stream-publisher.js';
import type { NatsConfig } from '../src/core/config/config.js';
import type { Engine } from '../src/engine/engine.js';
import { openEngine } from '../src/engine/open-engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { createIngestEnvironment } from '../src/pipeline/ingest/create-ingest-environment.js';
import { hashKey } from '../src/pipeline/ingest/write-keys.js';
import { DEFAULT_LIMITS, openHarness, unbalancedBatches } from './support/collector-harness.js';

const SERVER = 'nats://127.0.0.1:4222';

function reachable(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = netConnect({ host: '127.0.0.1', port: 4222, timeout: 1_000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

const up = await reachable();
if (!up) {
  if (process.env.CI === 'true')
    throw new Error(`nats-server is not running on ${SERVER}; CI needs it (see README)`);
  console.warn(`SKIPPED: the stream collector tests need nats-server -js on ${SERVER}`);
}

const KEY = 'cvk_stream_collector_test';

/** The requests of one client session: good and bad events, Segment messages, a broken body. */
const requests: { url: string; body: string; gzip?: boolean }[] = [
  {
    url: '/v1/batch',
    body: JSON.stringify({
      batch: [
        {
          type: 'chat.intent.detected',
          event_id: 'e1',
          occurred_at: '2026-03-01T10:00:00Z',
          conversation_id: 'c1',
          intent_label: 'pricing',
          confidence: 0.9,
          email: 'Ann@Example.com',
        },
        {
          type: 'chat.conversation.started',
          occurred_at: '2026-03-01T10:01:00Z',
          conversation_id: 'c2',
        },
        { type: 'chat.conversation.started', occurred_at: 'yesterday', conversation_id: 'c3' },
      ],
    }),
  },
  {
    url: '/v1/track',
    body: JSON.stringify({
      event: 'chat.demo.requested',
      messageId: 's1',
      anonymousId: 'anon-1',
      timestamp: '2026-03-01T10:00:00Z',
      properties: { conversation_id: 'c9', plan: 'pro' },
    }),
  },
  {
    url: '/v1/track',
    body: JSON.stringify({
      event: 'Signed Up',
      messageId: 's2',
      userId: 'u1',
      timestamp: '2026-03-01T11:00:00Z',
    }),
  },
  {
    url: '/v1/identify',
    body: JSON.stringify({
      messageId: 's3',
      userId: 'u1',
      anonymousId: 'anon-1',
      traits: { email: 'U1@Example.com' },
      timestamp: '2026-03-01T12:00:00Z',
    }),
  },
  { url: '/v1/events', body: '{"type": "chat.conversation.started", oops' },
  {
    url: '/v1/events',
    body: JSON.stringify({
      type: 'chat.conversation.started',
      event_id: 'gz1',
      occurred_at: '2026-03-01T10:02:00Z',
      conversation_id: 'c4',
    }),
    gzip: true,
  },
];

/** A request as a client sends it: gzip-compressed when it says so. */
const sent = (r: { url: string; body: string; gzip?: boolean }, key: string) => ({
  method: 'POST' as const,
  url: r.url,
  payload: r.gzip ? gzipSync(r.body) : r.body,
  headers: { authorization: `Bearer ${key}`, ...(r.gzip ? { 'content-encoding': 'gzip' } : {}) },
});

const STORED_SQL = [
  'SELECT event_id, event_type, conversation_id, anonymous_id, user_id, email, properties, occurred_at FROM conversation_events ORDER BY event_id',
  'SELECT touchpoint_id, channel, occurred_at FROM source_touchpoints ORDER BY touchpoint_id',
  'SELECT payload, reasons FROM dead_letters ORDER BY payload',
];

/** Rows of a query; a dead letter's reasons as their codes (the two paths word them apart). */
async function storedRows(engine: Engine, text: string) {
  return (await engine.query(sql(text))).map((row) =>
    typeof row.reasons === 'string'
      ? { ...row, reasons: (JSON.parse(row.reasons) as { code: string }[]).map((r) => r.code) }
      : row,
  );
}

/**
 * `convrev collect`'s app against a real JetStream: what it answers, and that the consumer then
 * stores exactly what the warehouse's own collector stores for the same requests.
 */
describe.skipIf(!up)('collector publishing to JetStream', () => {
  const suffix = `${process.pid}_${Date.now()}`;
  const nats: NatsConfig = {
    servers: SERVER,
    stream: `CONVREV_COLLECT_${suffix}`,
    subject: `convrev.collect.${suffix}.>`,
    durable: `collect_${suffix}`,
    replicas: 1,
  };
  const dir = mkdtempSync(join(tmpdir(), 'convrev-stream-collector-'));
  const env = createIngestEnvironment(undefined, { contracts: readEventContracts() });
  let publisher: StreamPublisher;
  let app: FastifyInstance;
  let engine: Engine;

  beforeAll(async () => {
    const keys = join(dir, 'keys.json');
    writeFileSync(
      keys,
      JSON.stringify([
        { key_id: 'key_w', source: 'web', scopes: ['ingest'], sha256: hashKey(KEY) },
      ]),
    );
    publisher = await StreamPublisher.open(nats);
    app = buildStreamCollector({
      env,
      limits: DEFAULT_LIMITS,
      publisher,
      authenticate: fileKeyAuth(keys),
      logger: false,
    });
    engine = await openEngine({ kind: 'duckdb', path: ':memory:', memoryLimit: '1GB', threads: 1 });
  });
  afterAll(async () => {
    await app?.close();
    await publisher?.close();
    await engine?.close();
    const nc = await connect({ servers: SERVER });
    await (await jetstreamManager(nc)).streams.delete(nats.stream).catch(() => undefined);
    await nc.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (url: string, body: string, key = KEY) =>
    app.inject({ method: 'POST', url, payload: body, headers: { authorization: `Bearer ${key}` } });

  it('answers per event once the stream holds it, and refuses unknown keys', async () => {
    expect((await post('/v1/batch', '[]', 'cvk_unknown')).statusCode).toBe(401);
    const answers = [];
    for (const r of requests) answers.push(await app.inject(sent(r, KEY)));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200, 400, 200]);
    const first = answers[0]?.json() as { results: { status: string; id?: string }[] };
    expect(first).toMatchObject({ offered: 3, accepted: 2, rejected: 1, stream_duplicates: 0 });
    expect(first.results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'rejected']);
    expect(first.results[0]?.id).toBe('e1');
    expect(first.results[1]?.id).toMatch(/^fp_/); // no event id: its content names it
    expect(answers[4]?.json()).toMatchObject({ error: 'malformed_json', rejected: 1 });
    // A body within the collector's limit but past what one stream message holds is refused.
    const huge = await post('/v1/events', `{${'x'.repeat(1_046_000)}`);
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ error: 'too_large_for_stream' });
    // A client retrying after a lost answer: JetStream already holds every message.
    const again = await post(requests[0]?.url ?? '', requests[0]?.body ?? '');
    expect(again.json()).toMatchObject({ offered: 3, stream_duplicates: 3 });
  });

  it('leads the writer to store what the warehouse collector stores for the same requests', async () => {
    const totals = await consumeStream({
      engine,
      env,
      nats,
      batchSize: 50,
      maxMessages: 8,
      idleExitMs: 3_000,
    });
    expect(totals).toMatchObject({ offered: 8, stored: 6, duplicates: 0, deadLettered: 2 });
    expect(await unbalancedBatches(engine)).toEqual([]);
    const sources = await engine.query(
      sql('SELECT DISTINCT source, transport FROM ingest_batches'),
    );
    expect(sources).toEqual([{ source: 'web', transport: 'nats' }]);

    const direct = await openHarness();
    try {
      for (const r of requests) await direct.collector.app.inject(sent(r, direct.key));
      for (const text of STORED_SQL)
        expect(await storedRows(engine, text), text).toEqual(await storedRows(direct.engine, text));
    } finally {
      await direct.close();
    }
  });
});
