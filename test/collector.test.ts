import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from '../src/engine/sql/sql-statement.js';
import {
  ingestSnapshot,
  openHarness,
  unbalancedBatches,
  type Harness,
} from './support/collector-harness.js';

const event = (id: string, extra: Record<string, unknown> = {}) => ({
  type: 'chat.intent.detected',
  event_id: id,
  occurred_at: '2026-03-01T10:00:00Z',
  conversation_id: 'c1',
  intent_label: 'pricing',
  confidence: 0.8,
  ...extra,
});

interface Body {
  batch_id: string;
  offered: number;
  stored: number;
  duplicates: number;
  dead_lettered: number;
  results: {
    index: number;
    status: string;
    id?: string;
    reasons?: { code: string; field?: string }[];
  }[];
}

describe('HTTP collector', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openHarness();
  });
  afterEach(async () => {
    expect(await unbalancedBatches(h.engine)).toEqual([]);
    await h.close();
  });

  const post = (url: string, payload: unknown, key: string | null = h.key, raw = false) =>
    h.collector.app.inject({
      method: 'POST',
      url,
      headers: {
        'content-type': 'application/json',
        ...(key ? { authorization: `Bearer ${key}` } : {}),
      },
      payload: raw ? (payload as string) : JSON.stringify(payload),
    });
  const count = async (table: string) =>
    Number((await h.engine.query(sql(`SELECT COUNT(*) AS n FROM ${table}`)))[0]?.n);

  it('refuses a missing or wrong write key and stores nothing', async () => {
    expect((await post('/v1/events', event('e1'), null)).statusCode).toBe(401);
    expect((await post('/v1/events', event('e1'), 'cvk_wrong')).statusCode).toBe(401);
    expect(await count('ingest_batches')).toBe(0);
  });

  it('stores a good event once, with its time corrected by sent_at, and says so', async () => {
    // Within the bound of the correction (24 h): sent now, the event 30 s earlier.
    const now = Date.now();
    const at = (ms: number) => new Date(ms).toISOString();
    const sent = { ...event('e1', { occurred_at: at(now - 30_000) }), sent_at: at(now) };
    const r = await post('/v1/events', sent);
    expect(r.statusCode).toBe(200);
    const body = r.json<Body>();
    expect(body).toMatchObject({ offered: 1, stored: 1, duplicates: 0, dead_lettered: 0 });
    expect(body.results).toEqual([{ index: 0, status: 'stored', id: 'e1' }]);
    const [row] = await h.engine.query(
      sql('SELECT occurred_at, received_at, event_type, schema_version FROM conversation_events'),
    );
    const [key] = await h.engine.query(sql('SELECT clock, skew_ms FROM record_keys'));
    // The device clock was 30 s behind nothing in particular: the event happened 30 s before receipt.
    expect((row?.received_at as Date).getTime() - (row?.occurred_at as Date).getTime()).toBe(
      30_000,
    );
    expect(row).toMatchObject({ event_type: 'chat.intent.detected', schema_version: '1-0-0' });
    expect(key?.clock).toBe('corrected');
  });

  it('flags an event time that could not be corrected', async () => {
    await post('/v1/events', event('e1'));
    const [key] = await h.engine.query(sql('SELECT clock, skew_ms FROM record_keys'));
    expect(key).toEqual({ clock: 'unverified', skew_ms: null });
  });

  it('dead-letters malformed JSON byte for byte and answers 400', async () => {
    const r = await post('/v1/events', '{"type": "chat.intent.detected",', h.key, true);
    expect(r.statusCode).toBe(400);
    expect(r.json<Body>().dead_lettered).toBe(1);
    const [dl] = await h.engine.query(sql('SELECT payload, reasons FROM dead_letters'));
    expect(dl?.payload).toBe('{"type": "chat.intent.detected",');
    expect((JSON.parse(String(dl?.reasons)) as { code: string }[])[0]?.code).toBe('malformed_json');
  });

  it('names every bad field: wrong types, missing fields, unknown type, bad timestamp', async () => {
    const r = await post('/v1/batch', {
      batch: [
        event('a', { confidence: 'high' }),
        { type: 'chat.intent.detected', occurred_at: '2026-03-01T10:00:00Z' },
        { type: 'chat.nope', occurred_at: '2026-03-01T10:00:00Z' },
        event('d', { occurred_at: '2026-02-30T00:00:00Z' }),
        event('e', { email: 'not-an-email' }),
        event('f', { confidence: 1.5 }),
        'just a string',
        { occurred_at: '2026-03-01T10:00:00Z' },
      ],
    });
    expect(r.statusCode).toBe(200);
    const codes = r
      .json<Body>()
      .results.map((x) => x.reasons?.map((c) => `${c.code}:${c.field ?? ''}`));
    expect(codes).toEqual([
      ['wrong_type:confidence'],
      [
        'missing_required_field:conversation_id',
        'missing_required_field:intent_label',
        'missing_required_field:confidence',
      ],
      ['unknown_event_type:type'],
      ['bad_timestamp:occurred_at'],
      ['invalid_identifier:email'],
      ['out_of_range:confidence'],
      ['not_an_object:'],
      ['missing_required_field:type'],
    ]);
    expect(await count('dead_letters')).toBe(8);
    expect(await count('conversation_events')).toBe(0);
  });

  it('stores the good events of a mixed batch and dead-letters the bad, saying which', async () => {
    const r = await post('/v1/batch', [event('g1'), event('b1', { actor: 'robot' }), event('g2')]);
    const body = r.json<Body>();
    expect(body).toMatchObject({ offered: 3, stored: 2, dead_lettered: 1 });
    expect(body.results.map((x) => x.status)).toEqual(['stored', 'rejected', 'stored']);
    expect(await count('conversation_events')).toBe(2);
  });

  it('counts duplicate ids inside one batch and across batches once', async () => {
    const first = await post('/v1/batch', [
      event('x'),
      event('x'),
      event('x', { intent_label: 'other' }),
    ]);
    expect(first.json<Body>()).toMatchObject({ offered: 3, stored: 1, duplicates: 2 });
    const again = await post('/v1/batch', [event('x'), event('y')]);
    expect(again.json<Body>().results.map((x) => x.status)).toEqual(['duplicate', 'stored']);
    expect(await count('conversation_events')).toBe(2);
  });

  it('dedupes events without an id by their content', async () => {
    const anonymous = Object.fromEntries(
      Object.entries(event('')).filter(([k]) => k !== 'event_id'),
    );
    await post('/v1/events', anonymous);
    const r = await post('/v1/events', anonymous);
    expect(r.json<Body>().results[0]?.status).toBe('duplicate');
    expect(await count('conversation_events')).toBe(1);
  });

  it('leaves every table byte-identical when a batch is redelivered', async () => {
    const batch = [
      event('r1'),
      event('r2', { email: 'Ann@Example.com' }),
      { type: 'record.orders', order_id: 'o1', placed_at: '2026-03-02T00:00:00Z', amount: 12.5 },
    ];
    await post('/v1/batch', batch);
    const before = await ingestSnapshot(h.engine);
    for (let i = 0; i < 3; i++)
      expect((await post('/v1/batch', batch)).json<Body>().duplicates).toBe(3);
    expect(await ingestSnapshot(h.engine)).toBe(before);
  });

  it('replaces an entity sent again with new content, and counts it an update', async () => {
    const account = (segment: string) => ({
      type: 'record.accounts',
      account_id: 'A',
      name: 'Acme',
      segment,
    });
    await post('/v1/events', account('SMB'));
    const r = await post('/v1/events', account('enterprise'));
    expect(r.json<Body>().results[0]?.status).toBe('updated');
    expect(await h.engine.query(sql('SELECT account_id, segment FROM accounts'))).toEqual([
      { account_id: 'A', segment: 'enterprise' },
    ]);
    const [batch] = await h.engine.query(sql('SELECT SUM(updated) AS u FROM ingest_batches'));
    expect(batch?.u).toBe(1);
  });

  it('keeps unicode, refuses NUL characters in fields, and keeps NULs of a payload escaped', async () => {
    const r = await post('/v1/batch', [
      event('u1', { intent_label: 'préçis — 東京 🚀' }),
      event('n1', { intent_label: 'a\u0000b' }),
    ]);
    expect(r.json<Body>().results.map((x) => x.status)).toEqual(['stored', 'rejected']);
    const [row] = await h.engine.query(sql('SELECT intent_label FROM conversation_events'));
    expect(row?.intent_label).toBe('préçis — 東京 🚀');
    const [dl] = await h.engine.query(sql('SELECT payload, reasons FROM dead_letters'));
    expect(String(dl?.payload)).toContain('a\\u0000b');
    expect((JSON.parse(String(dl?.reasons)) as { code: string }[])[0]?.code).toBe('null_byte');
  });

  it('dead-letters deep nesting without overflowing the stack', async () => {
    const depth = 100_000;
    const body = JSON.stringify(event('deep')).replace(
      /}$/,
      `,"properties":${'{"d":'.repeat(depth)}1${'}'.repeat(depth)}}`,
    );
    const r = await post('/v1/events', body, h.key, true);
    expect(r.statusCode).toBe(200);
    expect(r.json<Body>().results[0]?.reasons?.[0]?.code).toBe('too_deep');
    const [dl] = await h.engine.query(sql('SELECT length(payload) AS n FROM dead_letters'));
    expect(dl?.n).toBe(body.length);
  });

  it('refuses a 10 MB body with 413 before reading it, and oversize records one by one', async () => {
    const big = 'x'.repeat(10 * 1024 * 1024);
    const r = await post('/v1/events', event('big', { properties: { big } }));
    expect(r.statusCode).toBe(413);
    const oversize = await post('/v1/batch', [
      event('ok'),
      event('o', { properties: { s: 'y'.repeat(70_000) } }),
    ]);
    expect(oversize.json<Body>().results.map((x) => x.reasons?.[0]?.code ?? x.status)).toEqual([
      'stored',
      'oversize',
    ]);
  });

  it('refuses a batch over the event limit with 413, storing nothing', async () => {
    await h.close();
    h = await openHarness({ maxBatchEvents: 2 });
    const r = await post('/v1/batch', [event('1'), event('2'), event('3')]);
    expect(r.statusCode).toBe(413);
    expect(await count('ingest_batches')).toBe(0);
  });

  it('maps Segment track, identify and alias onto events, touchpoints and identity events', async () => {
    const seg = (url: string, body: Record<string, unknown>) => post(url, body);
    await seg('/v1/track', {
      event: 'chat.demo.requested',
      messageId: 's1',
      anonymousId: 'anon-1',
      timestamp: '2026-03-01T10:00:00Z',
      properties: { conversation_id: 'c9', plan: 'pro' },
    });
    await seg('/v1/track', {
      event: 'Signed Up',
      messageId: 's2',
      userId: 'u1',
      timestamp: '2026-03-01T11:00:00Z',
      context: { campaign: { medium: 'cpc', name: 'spring' } },
    });
    await seg('/v1/identify', {
      messageId: 's3',
      userId: 'u1',
      anonymousId: 'anon-1',
      traits: { email: 'U1@Example.com', plan: 'pro' },
      timestamp: '2026-03-01T12:00:00Z',
    });
    await seg('/v1/alias', {
      messageId: 's4',
      previousId: 'anon-2',
      userId: 'u1',
      timestamp: '2026-03-01T12:00:00Z',
    });
    const events = await h.engine.query(
      sql(
        'SELECT event_id, event_type, conversation_id, anonymous_id, user_id, email, properties FROM conversation_events ORDER BY event_id',
      ),
    );
    expect(events).toEqual([
      {
        event_id: 's1',
        event_type: 'chat.demo.requested',
        conversation_id: 'c9',
        anonymous_id: 'anon-1',
        user_id: null,
        email: null,
        properties: '{"plan":"pro"}',
      },
      {
        event_id: 's3',
        event_type: 'identity.identify',
        conversation_id: null,
        anonymous_id: 'anon-1',
        user_id: 'u1',
        email: 'u1@example.com',
        properties: '{"plan":"pro"}',
      },
      {
        event_id: 's4',
        event_type: 'identity.alias',
        conversation_id: null,
        anonymous_id: 'anon-2',
        user_id: 'u1',
        email: null,
        properties: null,
      },
    ]);
    expect(
      await h.engine.query(
        sql(
          'SELECT touchpoint_id, event_type, touchpoint_type, channel, campaign, user_id FROM source_touchpoints',
        ),
      ),
    ).toEqual([
      {
        touchpoint_id: 's2',
        event_type: 'Signed Up',
        touchpoint_type: 'marketing',
        channel: 'cpc',
        campaign: 'spring',
        user_id: 'u1',
      },
    ]);
  });

  it('answers 429 with Retry-After when too many batches are in flight, never dropping silently', async () => {
    await h.close();
    h = await openHarness({ queueDepth: 1 });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_v, i) => post('/v1/batch', [event(`q${i}`)])),
    );
    const codes = answers.map((a) => a.statusCode);
    expect(codes).toContain(429);
    expect(answers.find((a) => a.statusCode === 429)?.headers['retry-after']).toBe('1');
    const accepted = codes.filter((c) => c === 200).length;
    expect(await count('conversation_events')).toBe(accepted);
    expect(codes.every((c) => c === 200 || c === 429)).toBe(true);
  });
});
