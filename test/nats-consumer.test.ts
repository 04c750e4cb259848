import { connect as netConnect } from 'node:net';
import { headers } from '@nats-io/transport-node';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEventContracts } from '../src/adapters/contracts/read-event-contracts.js';
import { consumeStream } from '../src/adapters/nats/consume-stream.js';
import type { NatsConfig } from '../src/core/config/config.js';
import type { Engine } from '../src/engine/engine.js';
import { openEngine } from '../src/engine/open-engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { createIngestEnvironment } from '../src/pipeline/ingest/create-ingest-environment.js';
import { ingestSnapshot, unbalancedBatches } from './support/collector-harness.js';

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
  console.warn(`SKIPPED: NATS consumer tests need nats-server -js on ${SERVER}`);
}

describe.skipIf(!up)('NATS JetStream consumer', () => {
  const suffix = `${process.pid}_${Date.now()}`;
  const nats: NatsConfig = {
    servers: SERVER,
    stream: `CONVREV_TEST_${suffix}`,
    subject: `convrev.test.${suffix}.>`,
    durable: `convrev_${suffix}`,
  };
  const subject = `convrev.test.${suffix}.events`;
  let engine: Engine;
  const env = createIngestEnvironment(undefined, { contracts: readEventContracts() });

  beforeAll(async () => {
    engine = await openEngine({ kind: 'duckdb', path: ':memory:', memoryLimit: '1GB', threads: 1 });
    const nc = await connect({ servers: SERVER });
    // A short duplicate window, so a republished message id reaches the consumer in this test.
    await (
      await jetstreamManager(nc)
    ).streams.add({ name: nats.stream, subjects: [nats.subject], duplicate_window: 1_000_000_000 });
    await nc.close();
  });
  afterAll(async () => {
    const nc = await connect({ servers: SERVER });
    await (await jetstreamManager(nc)).streams.delete(nats.stream).catch(() => undefined);
    await nc.close();
    await engine.close();
  });

  async function publish(messages: { data: string; id?: string }[]): Promise<void> {
    const nc = await connect({ servers: SERVER });
    const js = jetstream(nc);
    for (const m of messages) {
      const h = headers();
      if (m.id) h.set('Nats-Msg-Id', m.id);
      await js.publish(subject, m.data, m.id ? { headers: h } : {});
    }
    await nc.close();
  }

  async function pendingAcks(): Promise<number> {
    const nc = await connect({ servers: SERVER });
    const info = await (await jetstreamManager(nc)).consumers.info(nats.stream, nats.durable);
    await nc.close();
    return info.num_ack_pending + info.num_pending;
  }

  const consume = (maxMessages: number) =>
    consumeStream({ engine, env, nats, batchSize: 50, maxMessages, idleExitMs: 3_000 });

  const event = (id: string | undefined, conversation: string) =>
    JSON.stringify({
      type: 'chat.conversation.started',
      ...(id ? { event_id: id } : {}),
      occurred_at: '2026-03-01T10:00:00Z',
      conversation_id: conversation,
    });

  it('stores good messages, dead-letters poison ones, and acks everything after the commit', async () => {
    await publish([
      { data: event('n1', 'c1') },
      { data: event('n2', 'c2') },
      { data: '{not json' },
      {
        data: JSON.stringify({
          type: 'chat.conversation.started',
          occurred_at: 'yesterday',
          conversation_id: 'c9',
        }),
      },
      { data: event(undefined, 'c3'), id: 'msg-3' },
    ]);
    const totals = await consume(5);
    expect(totals).toMatchObject({ offered: 5, stored: 3, duplicates: 0, deadLettered: 2 });
    expect(await pendingAcks()).toBe(0);
    const rows = await engine.query(
      sql('SELECT event_id FROM conversation_events ORDER BY event_id'),
    );
    expect(rows.map((r) => r.event_id)).toEqual(['msg-3', 'n1', 'n2']);
    const reasons = await engine.query(
      sql("SELECT reasons FROM dead_letters WHERE transport = 'nats' ORDER BY dead_letter_id"),
    );
    expect(
      reasons.map((r) => (JSON.parse(String(r.reasons)) as { code: string }[])[0]?.code),
    ).toEqual(['malformed_json', 'bad_timestamp']);
    expect(await unbalancedBatches(engine)).toEqual([]);
  });

  it('changes nothing when the same messages are delivered again', async () => {
    const before = await ingestSnapshot(engine);
    await new Promise((r) => setTimeout(r, 1_200)); // past the stream's duplicate window
    // Redelivery as a publisher retrying after a lost ack produces it: the same event id, or, for
    // an event without one, the same Nats-Msg-Id.
    await publish([
      { data: event('n1', 'c1') },
      { data: event('n2', 'c2') },
      { data: event(undefined, 'c3'), id: 'msg-3' },
    ]);
    const totals = await consume(3);
    expect(totals).toMatchObject({ offered: 3, stored: 0, duplicates: 3, deadLettered: 0 });
    expect(await pendingAcks()).toBe(0);
    expect(await ingestSnapshot(engine)).toBe(before);
    expect(await unbalancedBatches(engine)).toEqual([]);
  });
});
