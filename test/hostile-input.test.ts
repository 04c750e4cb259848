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
import { openHarness, unbalancedBatches, type Harness } from './support/collector-harness.js';
import { gzipBomb, hostileRecords, validEvent } from './support/hostile-payloads.js';
import { gzipSync, deflateSync } from 'node:zlib';

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
