import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEventContracts } from '../src/adapters/contracts/read-event-contracts.js';
import { textItem } from '../src/adapters/http/message-item.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { CommitQueue } from '../src/pipeline/ingest/commit-queue.js';
import { createIngestEnvironment } from '../src/pipeline/ingest/create-ingest-environment.js';
import type { IngestBatch } from '../src/pipeline/ingest/ingest-batch.js';
import { prepareJson } from '../src/pipeline/ingest/prepare-json.js';
import { deadLetterRow, replayDeadLetters } from '../src/pipeline/ingest/replay-dead-letters.js';
import { Serial } from '../src/pipeline/ingest/serial.js';
import {
  DEFAULT_LIMITS,
  openHarness,
  unbalancedBatches,
  type Harness,
} from './support/collector-harness.js';
import {
  eventWithProperties,
  gzipBomb,
  hostileRecords,
  nestedText,
  segmentTrack,
  validEvent,
} from './support/hostile-payloads.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSourceFile } from '../src/adapters/files/open-source-file.js';
import { buildCollector } from '../src/adapters/http/build-collector.js';
import { eachEngine } from './support/each-engine.js';
import { ingestFiles } from '../src/pipeline/ingest/ingest-files.js';
import { gzipSync, deflateSync } from 'node:zlib';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect as natsConnect } from '@nats-io/transport-node';
import { consumeStream } from '../src/adapters/nats/consume-stream.js';
import { DEFAULT_SERVER } from '../src/core/config/config.js';
import { openEngine } from '../src/engine/open-engine.js';
import { buildServer } from '../src/interfaces/server/build-server.js';
import { createWriteKey } from '../src/pipeline/ingest/write-keys.js';

interface Body {
  offered: number;
  stored: number;
  duplicates: number;
  dead_lettered: number;
  results: { status: string; dead_letter_id?: string; reasons?: { code: string }[] }[];
}

const ctx = () => ({ receivedAt: Date.now(), sourceName: 'web', sourceLine: null });
const SEGMENT_ROUTES = ['/v1/track', '/v1/identify', '/v1/alias'];

describe('hostile input on every entry point', () => {
  let h: Harness;
  // Records offered in answers that committed, to hold against the product's own tables.
  let offered = 0;
  beforeAll(async () => {
    h = await openHarness({ maxBodyBytes: 8 * 1024 * 1024 });
  });
  afterAll(async () => {
    // offered = stored + duplicates + dead-lettered, per batch and in total, from the tables.
    expect(await unbalancedBatches(h.engine)).toEqual([]);
    const [t] = await h.engine.query(
      sql(
        'SELECT SUM(offered) AS offered, SUM(dead_lettered) AS dl, (SELECT COUNT(*) FROM dead_letters) AS letters FROM ingest_batches',
      ),
    );
    expect(Number(t?.offered)).toBe(offered);
    expect(Number(t?.dl)).toBe(Number(t?.letters));
    // Every reason is JSON the engine's own functions read.
    const [bad] = await h.engine.query(
      sql(
        "SELECT COUNT(*) AS n FROM dead_letters WHERE NOT json_valid(reasons) OR json_extract_string(reasons, '$[0].code') IS NULL",
      ),
    );
    expect(Number(bad?.n)).toBe(0);
    expect((await h.collector.app.inject({ url: '/health' })).statusCode).toBe(200);
    await h.close();
  });

  const post = (url: string, payload: string | Buffer, headers: Record<string, string> = {}) =>
    h.collector.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${h.key}`, ...headers },
      payload,
    });
  const count = (r: { body: string }) => {
    const body = JSON.parse(r.body) as Partial<Body>;
    offered += body.offered ?? 0;
    return body;
  };

  it('answers each hostile record on every single-record route without a 5xx, its neighbour unharmed', async () => {
    let n = 0;
    for (const route of ['/v1/events', ...SEGMENT_ROUTES])
      for (const { name, text } of hostileRecords()) {
        // On Segment routes the record is a Segment message: its type comes from the route.
        const body =
          route === '/v1/events' ? text : text.replace('"type":"chat.intent.detected",', '');
        const neighbour = JSON.stringify([validEvent(`n-${n++}`)]);
        const [hostile, valid] = await Promise.all([
          post(route, body),
          post('/v1/batch', neighbour),
        ]);
        expect(hostile.statusCode, `${route} ${name}: ${hostile.body.slice(0, 200)}`).toBeLessThan(
          500,
        );
        expect(valid.statusCode, `${route} ${name} neighbour`).toBe(200);
        expect(count(valid).stored).toBe(1);
        const answer = count(hostile);
        if (hostile.statusCode !== 413) expect(answer.offered, `${route} ${name}`).toBe(1);
      }
  });

  it('dead-letters the deep and the wide inside a batch, each with its own text, and stores the rest', async () => {
    const records = hostileRecords().filter((r) => !['NaN', 'Infinity'].includes(r.name));
    const elements = [
      JSON.stringify(validEvent('b-ok-1')),
      ...records.map((r) => r.text),
      segmentTrack(5_000),
      segmentTrack(20_000),
      JSON.stringify(validEvent('b-ok-2')),
    ];
    const r = await post('/v1/batch', `{"batch": [\n${elements.join(' ,\n ')}\n]}`);
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    const body = count(r) as Body;
    expect(body.offered).toBe(elements.length);
    const codes = Object.fromEntries(
      records.map((rec, i) => [
        rec.name,
        body.results[i + 1]?.reasons?.map((x) => x.code) ?? [body.results[i + 1]?.status],
      ]),
    );
    expect(codes).toMatchObject({
      'depth 33': ['too_deep'],
      'depth 100000': ['too_deep', 'oversize', 'too_many_keys'],
      'deep array': ['too_deep', 'oversize'],
      'huge key': ['oversize'],
      'many keys': ['oversize', 'too_many_keys'],
      'bad offset': ['bad_timestamp'],
    });
    expect([body.results[0]?.status, body.results.at(-1)?.status]).toEqual(['stored', 'stored']);
    // Each dead letter keeps its element exactly as sent: never "[object Object]".
    for (const [i, result] of body.results.entries()) {
      if (!result.dead_letter_id) continue;
      const [dl] = await h.engine.query(
        sql(`SELECT payload FROM dead_letters WHERE dead_letter_id = '${result.dead_letter_id}'`),
      );
      expect(dl?.payload, `element ${i}`).toBe(elements[i]);
    }
  });

  it('keeps reasons valid, short JSON whatever the record quoted', async () => {
    const r = await post(
      '/v1/batch',
      JSON.stringify([
        validEvent('q1', { type: `chat.\udc00${'k'.repeat(5_000)}` }),
        {
          type: 'record.touchpoints',
          touchpoint_id: 't1',
          occurred_at: '2026-03-01T10:00:00Z',
          touchpoint_type: `\ud800${'x'.repeat(10_000)}`,
        },
      ]),
    );
    const body = count(r) as Body;
    expect(body.dead_lettered).toBe(2);
    const malformed = await post('/v1/events', '{"email":"ann@example.com", \ud800 oops');
    expect(count(malformed).dead_lettered).toBe(1);
    const rows = await h.engine.query(
      sql(
        "SELECT reasons, json_extract_string(reasons, '$[0].code') AS code FROM dead_letters ORDER BY received_at DESC LIMIT 3",
      ),
    );
    for (const row of rows) {
      const reasons = String(row.reasons);
      expect(reasons).not.toMatch(/\\u[dD][89a-fA-F]|[\uD800-\uDFFF]|ann@example/);
      expect(reasons.length).toBeLessThan(1_000);
      expect(row.code).toMatch(/^[a-z_]+$/);
    }
  });

  it('inflates gzip and deflate bodies, and refuses a zip bomb with 413 storing nothing', async () => {
    const batch = JSON.stringify([validEvent('gz-1'), validEvent('gz-2')]);
    const gz = await post('/v1/batch', gzipSync(batch), { 'content-encoding': 'gzip' });
    expect(gz.statusCode, gz.body).toBe(200);
    expect(count(gz).stored).toBe(2);
    const df = await post('/v1/events', deflateSync(JSON.stringify(validEvent('df-1'))), {
      'content-encoding': 'deflate',
    });
    expect(count(df).stored).toBe(1);
    const [before] = await h.engine.query(sql('SELECT COUNT(*) AS n FROM ingest_batches'));
    const bomb = await post('/v1/batch', gzipBomb(64 * 1024 * 1024), {
      'content-encoding': 'gzip',
    });
    expect(bomb.statusCode).toBe(413);
    expect(
      (await post('/v1/batch', Buffer.from('not gzip'), { 'content-encoding': 'gzip' })).statusCode,
    ).toBe(400);
    expect((await post('/v1/batch', batch, { 'content-encoding': 'br' })).statusCode).toBe(415);
    const [after] = await h.engine.query(sql('SELECT COUNT(*) AS n FROM ingest_batches'));
    expect(after?.n).toBe(before?.n);
  });

  it('commits every other batch of a group when one cannot be written', async () => {
    // A record the warehouse refuses (text where a timestamp belongs) fails its transaction.
    const item = prepareJson({ payload: validEvent('poison') }, ctx(), h.env);
    if (item.result.status !== 'ok') throw new Error('expected a prepared record');
    const row = [...item.result.value.row];
    row[row.findIndex((v) => typeof v === 'number')] = 'not a time';
    const poison = { ...item, result: { ...item.result, value: { ...item.result.value, row } } };
    const queue = new CommitQueue(h.engine, new Serial(), { maxInFlight: 64, maxGroup: 64 });
    const batch = (id: string, items: IngestBatch['items']): IngestBatch => ({
      batchId: id,
      source: 'web',
      transport: 'http',
      receivedAt: Date.now(),
      items,
    });
    const good = (i: number) =>
      batch(`b_group_${i}`, [prepareJson({ payload: validEvent(`group-${i}`) }, ctx(), h.env)]);
    const answers = await Promise.allSettled([
      queue.submit(good(1)),
      queue.submit(batch('b_group_bad', [poison])),
      queue.submit(good(2)),
    ]);
    expect(answers.map((a) => a.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    offered += 2;
  });

  it('reads years 0000-0099 as written, refuses impossible offsets, and bounds the clock correction', async () => {
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const r = await post(
      '/v1/batch',
      JSON.stringify([
        validEvent('y99', { occurred_at: '0099-06-01T00:00:00Z' }),
        validEvent('tz25', { occurred_at: '2026-03-01T10:00:00+25:00' }),
        // sent_at a year behind the receiver: not a drifting clock, not corrected.
        validEvent('skew', {
          occurred_at: iso(now - 366 * 86_400_000 - 5_000),
          sent_at: iso(now - 366 * 86_400_000),
        }),
      ]),
    );
    const body = count(r) as Body;
    expect(body.results.map((x) => x.reasons?.[0]?.code ?? x.status)).toEqual([
      'stored',
      'bad_timestamp',
      'stored',
    ]);
    const [y] = await h.engine.query(
      sql("SELECT year(occurred_at) AS y FROM conversation_events WHERE event_id = 'y99'"),
    );
    expect(Number(y?.y)).toBe(99);
    const [skew] = await h.engine.query(
      sql(
        "SELECT k.clock, e.occurred_at FROM record_keys k JOIN conversation_events e ON e.event_id = k.record_key WHERE k.record_key = 'skew'",
      ),
    );
    expect(skew?.clock).toBe('skew_out_of_bounds');
    expect((skew?.occurred_at as Date).getTime()).toBe(now - 366 * 86_400_000 - 5_000);
  });

  it('dead-letters a JSONL line nested 100,000 deep as too_deep and reads on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'convrev-hostile-'));
    const path = join(dir, 'contacts.jsonl');
    const lines = [
      '{"contact_id":"j1","email":"a@x.com"}',
      `{"contact_id":"j2","title":${nestedText(100_000)}}`,
      `{"contact_id":"j3","title":{${Array.from({ length: 20_000 }, (_v, i) => `"k${i}":1`).join(',')}}}`,
      '{"contact_id":"j4"}',
    ];
    writeFileSync(path, `${lines.join('\n')}\n`);
    const source = {
      name: 'contacts',
      kind: 'contacts' as const,
      path,
      format: 'jsonl' as const,
      mapping: {},
      constants: {},
      delimiter: ',',
    };
    try {
      const [totals] = await ingestFiles(h.engine, [source], openSourceFile, h.env, {
        strict: false,
        batchRows: 100,
      });
      offered += totals?.offered ?? 0;
      expect(totals).toMatchObject({ offered: 4, stored: 2, deadLettered: 2 });
      const rows = await h.engine.query(
        sql(
          "SELECT payload, reasons FROM dead_letters WHERE transport = 'file' ORDER BY dead_letter_id",
        ),
      );
      expect(
        rows.map((r) => (JSON.parse(String(r.reasons)) as { code: string }[])[0]?.code),
      ).toEqual(['too_deep', 'too_many_keys']);
      expect(rows[0]?.payload).toBe(lines[1]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('replays the dead letters without a 5xx or a throw, each kept again as it was', async () => {
    const rows = await h.engine.query(sql('SELECT * FROM dead_letters WHERE replayed_at IS NULL'));
    const letters = rows.map(deadLetterRow);
    const report = await replayDeadLetters(h.engine, letters, (l, receivedAt) =>
      textItem(l.payload, { receivedAt, sourceName: l.source, sourceLine: null }, h.env),
    );
    offered += report?.offered ?? 0;
    expect(report?.offered).toBe(letters.length);
    expect(report?.deadLettered).toBeGreaterThan(0);
    const again = await h.engine.query(
      sql(
        `SELECT payload FROM dead_letters WHERE batch_id = '${report?.batchId}' ORDER BY dead_letter_id`,
      ),
    );
    const before = new Set(letters.map((l) => l.payload));
    for (const row of again) expect(before.has(String(row.payload))).toBe(true);
  });
});

describe('query parameters of the read API', () => {
  it('answers an impossible day in from/to with 400 naming the parameter, never 503', async () => {
    const engine = await openEngine({
      kind: 'duckdb',
      path: ':memory:',
      memoryLimit: '1GB',
      threads: 1,
    });
    const { key } = await createWriteKey(engine, { name: 'r', source: 'web', scopes: ['read'] });
    const server = await buildServer({
      engine,
      env: createIngestEnvironment(undefined, { contracts: readEventContracts() }),
      limits: DEFAULT_LIMITS,
      logger: false,
      server: { ...DEFAULT_SERVER, rateLimitMax: 0 },
      dashboardDir: null,
    });
    try {
      for (const path of [
        '/v1/conversations',
        '/v1/credits',
        '/v1/dead-letters',
        '/v1/reports/rpc',
      ])
        for (const [param, value] of [
          ['from', '2025-13-45'],
          ['to', '2025-02-30'],
          ['from', '0000-00-00'],
        ]) {
          const r = await server.app.inject({
            url: `${path}?${param}=${value}`,
            headers: { authorization: `Bearer ${key}` },
          });
          expect(r.statusCode, `${path}?${param}=${value}: ${r.body}`).toBe(400);
          expect((JSON.parse(r.body) as { message: string }).message).toContain(param);
        }
    } finally {
      await server.close();
      await engine.close();
    }
  });
});

const NATS = 'nats://127.0.0.1:4222';
const natsUp = await new Promise<boolean>((resolve) => {
  const socket = netConnect({ host: '127.0.0.1', port: 4222, timeout: 1_000 });
  socket.once('connect', () => (socket.destroy(), resolve(true)));
  socket.once('error', () => resolve(false));
  socket.once('timeout', () => (socket.destroy(), resolve(false)));
});
if (!natsUp && process.env.CI === 'true')
  throw new Error(`nats-server is not running on ${NATS}; CI needs it (see README)`);

describe.skipIf(!natsUp)('hostile messages on the NATS stream', () => {
  it('settles every message (stored, duplicate or dead-lettered) and acknowledges it', async () => {
    const suffix = `${process.pid}_${Date.now()}`;
    const nats = {
      servers: NATS,
      stream: `CONVREV_HOSTILE_${suffix}`,
      subject: `convrev.hostile.${suffix}.>`,
      durable: `hostile_${suffix}`,
    };
    const engine = await openEngine({
      kind: 'duckdb',
      path: ':memory:',
      memoryLimit: '1GB',
      threads: 1,
    });
    const nc = await natsConnect({ servers: NATS });
    const jsm = await jetstreamManager(nc);
    try {
      await jsm.streams.add({ name: nats.stream, subjects: [nats.subject] });
      const segment = segmentTrack;
      const messages = [
        segment(5_000),
        segment(100_000),
        JSON.stringify(validEvent('nats-ok')),
        ...hostileRecords().map((r) => r.text),
        '{not json',
      ];
      const js = jetstream(nc);
      for (const m of messages) await js.publish(`convrev.hostile.${suffix}.e`, m);
      const env = createIngestEnvironment(undefined, { contracts: readEventContracts() });
      const totals = await consumeStream({
        engine,
        env,
        nats,
        batchSize: 50,
        maxMessages: messages.length,
        idleExitMs: 3_000,
      });
      expect(totals.offered).toBe(messages.length);
      expect(totals.stored + totals.duplicates + totals.deadLettered).toBe(messages.length);
      const info = await jsm.consumers.info(nats.stream, nats.durable);
      expect(info.num_ack_pending + info.num_pending).toBe(0);
      const [deep] = await engine.query(
        sql("SELECT payload, reasons FROM dead_letters WHERE payload LIKE '%seg-100000%'"),
      );
      expect(deep?.payload).toBe(segment(100_000));
      expect(String(deep?.reasons)).toContain('too_deep');
      expect(await unbalancedBatches(engine)).toEqual([]);
    } finally {
      await jsm.streams.delete(nats.stream).catch(() => undefined);
      await nc.close();
      await engine.close();
    }
  });
});

describe('dead-letter reasons on every engine', () => {
  for (const factory of eachEngine('hostile_reasons'))
    it(`are JSON ${factory.name}'s own functions read, whatever was quoted (${factory.name})`, async () => {
      const engine = await factory.open();
      const env = createIngestEnvironment(undefined, { contracts: readEventContracts() });
      const { key } = await createWriteKey(engine, {
        name: 't',
        source: 'web',
        scopes: ['ingest'],
      });
      const collector = buildCollector({ engine, env, limits: DEFAULT_LIMITS, logger: false });
      try {
        const r = await collector.app.inject({
          method: 'POST',
          url: '/v1/batch',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          payload: `[${[
            validEvent('ok'),
            validEvent('t', { type: `chat.\ud800\u0000${'k'.repeat(2_000)}` }),
            validEvent('l', { touchpoint_type: 1, intent_label: '\udc00\u0000x' }),
          ]
            .map((e) => JSON.stringify(e))
            .join(',')},${eventWithProperties('d', nestedText(5_000))}]`,
        });
        expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
        const read =
          factory.name === 'postgres'
            ? "SELECT (reasons::jsonb -> 0 ->> 'code') AS code FROM dead_letters ORDER BY dead_letter_id"
            : "SELECT json_extract_string(reasons, '$[0].code') AS code FROM dead_letters ORDER BY dead_letter_id";
        const codes = (await engine.query(sql(read))).map((row) => row.code);
        expect(codes).toEqual(['unknown_event_type', 'null_byte', 'too_deep']);
        expect(await unbalancedBatches(engine)).toEqual([]);
      } finally {
        await collector.close();
        await factory.dispose(engine);
      }
    });
});
