import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../src/core/config/config.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { renderRows } from '../src/interfaces/cli/format/render-rows.js';
import { REPORT_REGISTRY } from '../src/interfaces/cli/report-registry.js';
import { runCli } from './support/run-cli.js';
import { demoWarehouse, serveWarehouse, type ServedWarehouse } from './support/server-harness.js';
import { HOSTILE_VALUES } from './support/hostile-values.js';

type Json = Record<string, unknown>;

let config: Config;
let db: string;
let served: ServedWarehouse;
const cli: Record<string, unknown> = {};

const get = async (url: string, key?: string) => {
  const r = await served.server.app.inject({
    url,
    headers: key ? { authorization: `Bearer ${key}` } : {},
  });
  return { status: r.statusCode, body: r.body, json: () => JSON.parse(r.body) as Json };
};

beforeAll(async () => {
  ({ config, db } = await demoWarehouse(2_000));
  // The CLI reads the warehouse before the server opens it (DuckDB admits one process).
  for (const [name, args] of [
    ['rpc', ['rpc']],
    ['rpc-channel', ['rpc', '--model', 'linear', '--by', 'channel']],
    ['summary', ['summary']],
    ['conversion', ['conversion', '--days', '30']],
  ] as const) {
    const r = runCli(['report', ...args, '--format', 'json', '--db', db]);
    expect(r.status, r.stderr).toBe(0);
    cli[name] = JSON.parse(r.stdout);
  }
  served = await serveWarehouse(config);
});
afterAll(() => served?.close());

describe('the read API', () => {
  it('answers every report exactly as the CLI prints it', async () => {
    expect((await get('/v1/reports/rpc', served.keys.read)).json().rows).toEqual(cli.rpc);
    expect(
      (await get('/v1/reports/rpc?model=linear&by=channel', served.keys.read)).json().rows,
    ).toEqual(cli['rpc-channel']);
    expect((await get('/v1/reports/summary', served.keys.read)).json().rows).toEqual(cli.summary);
    expect((await get('/v1/reports/conversion?days=30', served.keys.read)).json().rows).toEqual(
      cli.conversion,
    );
    // Every report, at its defaults, against the rows report-command renders in this process.
    for (const report of REPORT_REGISTRY) {
      const source = await report.prepare(served.engine, { format: 'json', db });
      const expected = JSON.parse(renderRows(await source.rows(), 'json') || '[]') as unknown;
      const r = await get(`/v1/reports/${report.name}`, served.keys.read);
      expect(r.status, `${report.name}: ${r.body.slice(0, 200)}`).toBe(200);
      expect(r.json().rows, report.name).toEqual(expected);
    }
  });

  it('lists the reports and serves an overview made of them', async () => {
    const list = (await get('/v1/reports', served.keys.read)).json().reports as Json[];
    expect(list.map((r) => r.name)).toEqual(REPORT_REGISTRY.map((r) => r.name));
    const o = (await get('/v1/overview?model=linear', served.keys.read)).json();
    const rpc = (cli.rpc as Json[]).find((r) => r.model === 'linear');
    expect(o.rpc).toEqual(rpc);
    expect(o.summary).toEqual((cli.summary as Json[]).find((r) => r.model === 'linear'));
    const daily = o.daily as Json[];
    expect(daily.length).toBeGreaterThan(0);
    const some = String(daily[Math.floor(daily.length / 2)]?.day);
    const ranged = (
      await get(`/v1/overview?model=linear&from=${some}&to=${some}`, served.keys.read)
    ).json();
    expect((ranged.daily as Json[]).map((d) => d.day)).toEqual([some]);
  });

  it('refuses unknown and unsupported parameters with 400 naming them', async () => {
    const bad = await get('/v1/reports/rpc?colour=red', served.keys.read);
    expect(bad.status).toBe(400);
    expect(bad.json().message).toContain('"colour"');
    // Filters are checked as flags are: a day that is no day, or from after to, is a 400.
    const day = await get('/v1/reports/rpc?from=2026-02-30', served.keys.read);
    expect(day.status).toBe(400);
    expect(day.json().message).toContain('yyyy-mm-dd');
    const order = await get('/v1/reports/rpc?from=2026-03-02&to=2026-03-01', served.keys.read);
    expect(order.status).toBe(400);
    const model = await get('/v1/reports/rpc?model=nope', served.keys.read);
    expect(model.status).toBe(400);
    expect(model.json().message).toContain('unknown model "nope"');
    expect((await get('/v1/reports/rpc?by=planet', served.keys.read)).status).toBe(400);
    expect((await get('/v1/reports/rpc-daily?from=yesterday', served.keys.read)).status).toBe(400);
    expect((await get('/v1/credits?limit=0', served.keys.read)).status).toBe(400);
  });

  it('keeps hostile filter values away from SQL: 400, or bound as parameters', async () => {
    const [before] = await served.engine.query(sql('SELECT COUNT(*) AS n FROM credits'));
    const hostile = [
      "'",
      "'; DROP TABLE credits; --",
      '" OR 1=1 --',
      'ünïcødé ✓ 🚀',
      '\\x00',
      String.fromCharCode(0),
      'x'.repeat(5_000),
    ];
    const params = ['model', 'by', 'channel', 'segment', 'conversation_type', 'from', 'source'];
    const paths: Record<string, string> = {
      model: '/v1/reports/rpc',
      by: '/v1/reports/rpc',
      channel: '/v1/conversations',
      segment: '/v1/conversations',
      conversation_type: '/v1/conversations',
      from: '/v1/credits',
      source: '/v1/dead-letters',
    };
    for (const param of params)
      for (const value of hostile) {
        const r = await get(
          `${paths[param]}?${param}=${encodeURIComponent(value)}`,
          served.keys.read,
        );
        expect([200, 400], `${param}=${value.slice(0, 20)}: ${r.body.slice(0, 200)}`).toContain(
          r.status,
        );
        if (r.status === 200) expect(r.json().rows).toEqual([]);
      }
    // The free-text filter took the injection attempt as a value: nothing matched, nothing broke.
    const chat = await get(
      `/v1/conversations?channel=${encodeURIComponent("chat' OR '1'='1")}`,
      served.keys.read,
    );
    expect(chat.status).toBe(200);
    expect(chat.json().rows).toEqual([]);
    const [after] = await served.engine.query(sql('SELECT COUNT(*) AS n FROM credits'));
    expect(after).toEqual(before);
  });

  it('computes grouped reports over the filtered conversations, as the CLI does', async () => {
    const filtered = async (path: string) => {
      const r = await get(path, served.keys.read);
      expect(r.status, `${path}: ${r.body.slice(0, 200)}`).toBe(200);
      return r.json();
    };
    const rowsOf = async (name: string, flags: Record<string, string>) => {
      const source = await REPORT_REGISTRY.find((r) => r.name === name)!.prepare(served.engine, {
        format: 'json',
        db,
        ...flags,
      });
      return JSON.parse(renderRows(await source.rows(), 'json') || '[]') as unknown;
    };
    const whole = (await filtered('/v1/reports/rpc?model=linear&by=overall')).rows as Json[];
    let conversations = 0;
    let direct = 0;
    for (const segment of ['SMB', 'mid-market', 'enterprise']) {
      const rpc = await filtered(`/v1/reports/rpc?model=linear&by=overall&segment=${segment}`);
      expect(rpc.filters).toEqual({ applied: { segment }, ignored: [] });
      expect(rpc.rows, segment).toEqual(
        await rowsOf('rpc', { model: 'linear', by: 'overall', segment }),
      );
      const row = (rpc.rows as Json[])[0]!;
      conversations += Number(row.conversations);
      direct += Number(row.direct_revenue);
      const conversion = await filtered(`/v1/reports/conversion?by=overall&segment=${segment}`);
      expect(conversion.rows).toEqual(await rowsOf('conversion', { by: 'overall', segment }));
      const funnel = await filtered(`/v1/reports/funnel?segment=${segment}`);
      expect(funnel.rows).toEqual(await rowsOf('funnel', { segment }));
    }
    // Conversations on no account have no segment: the three segments are part of the whole.
    expect(conversations).toBeGreaterThan(0);
    expect(conversations).toBeLessThanOrEqual(Number(whole[0]?.conversations));
    expect(direct).toBeLessThanOrEqual(Number(whole[0]?.direct_revenue) + 1e-6);
    // Journey reports and attribution read the filters at the level of conversions.
    const paths = await filtered('/v1/reports/paths?segment=SMB&channel=chat');
    expect(paths.filters).toEqual({ applied: { segment: 'SMB', channel: 'chat' }, ignored: [] });
    expect(paths.rows).toEqual(await rowsOf('paths', { segment: 'SMB', channel: 'chat' }));
    expect(paths.rows).not.toEqual((await filtered('/v1/reports/paths')).rows);
    const credited = await filtered('/v1/reports/attribution?model=linear&segment=SMB');
    expect(credited.filters).toEqual({ applied: { segment: 'SMB' }, ignored: [] });
    expect(credited.rows).toEqual(await rowsOf('attribution', { model: 'linear', segment: 'SMB' }));
    // A report with no notion of a filter says it ignored it, and gives its whole figures.
    const chatbot = await filtered('/v1/reports/chatbot?segment=SMB');
    expect(chatbot.filters).toEqual({ applied: {}, ignored: ['segment'] });
    expect(chatbot.rows).toEqual((await filtered('/v1/reports/chatbot')).rows);
    const roi = await filtered('/v1/reports/channel-roi?segment=SMB&channel=email');
    expect(roi.filters).toEqual({ applied: { channel: 'email' }, ignored: ['segment'] });
    expect((roi.rows as Json[]).every((r) => r.channel === 'email')).toBe(true);
    // The overview follows the filters in every part but the summary, which it names.
    const o = await filtered('/v1/overview?model=linear&segment=enterprise');
    expect(o.rpc).toEqual(
      (
        (await rowsOf('rpc', { model: 'linear', by: 'overall', segment: 'enterprise' })) as Json[]
      )[0],
    );
    expect(o.conversion).toEqual(
      await rowsOf('conversion', { by: 'overall', segment: 'enterprise' }),
    );
    // Attributed revenue is the credit of enterprise conversions; the summary stays whole.
    expect(o.attributed).toEqual(
      (
        (await rowsOf('attribution', {
          model: 'linear',
          by: '',
          segment: 'enterprise',
        })) as Json[]
      )[0],
    );
    expect(o.filters).toEqual({
      applied: { segment: 'enterprise' },
      ignored: { summary: ['segment'] },
    });
    const none = await filtered('/v1/overview?model=linear&segment=nobody');
    expect(none.rpc).toMatchObject({ conversations: 0, rpc_basic: null, rpc_comprehensive: null });
  });

  it('hostile filter values on the report endpoints and the overview: 200 or 400, never 500', async () => {
    const [before] = await served.engine.query(sql('SELECT COUNT(*) AS n FROM credits'));
    const hostile = [
      ...HOSTILE_VALUES,
      String.fromCharCode(0),
      'tab\tnew\nline',
      'x'.repeat(5_000),
    ];
    const paths = [
      '/v1/reports/rpc',
      '/v1/reports/conversion',
      '/v1/reports/funnel',
      '/v1/reports/paths',
      '/v1/reports/attribution',
      '/v1/overview',
    ];
    for (const path of paths)
      for (const param of ['segment', 'channel', 'conversation_type', 'from', 'to'])
        for (const value of hostile) {
          const r = await get(`${path}?${param}=${encodeURIComponent(value)}`, served.keys.read);
          expect(
            [200, 400],
            `${path} ${param}=${value.slice(0, 20)}: ${r.body.slice(0, 200)}`,
          ).toContain(r.status);
          if (r.status === 200 && path === '/v1/reports/rpc')
            for (const row of r.json().rows as Json[]) expect(row.conversations).toBe(0);
        }
    const [after] = await served.engine.query(sql('SELECT COUNT(*) AS n FROM credits'));
    expect(after).toEqual(before);
  });

  it('pages through credits and conversations without losing or repeating a row', async () => {
    const [count] = await served.engine.query(
      sql("SELECT CAST(COUNT(*) AS INTEGER) AS n FROM credits WHERE model = 'linear'"),
    );
    const seen = new Set<string>();
    let cursor: string | null = '0';
    let pages = 0;
    while (cursor !== null) {
      const page = (
        await get(`/v1/credits?model=linear&limit=500&cursor=${cursor}`, served.keys.read)
      ).json();
      for (const r of page.rows as Json[])
        seen.add(`${String(r.conversion_id)}|${String(r.touchpoint_id)}`);
      cursor = page.next_cursor as string | null;
      pages += 1;
    }
    expect(seen.size).toBe(count?.n);
    expect(pages).toBe(Math.ceil(Number(count?.n) / 500));
    const chat = (
      await get('/v1/conversations?channel=chat&model=linear&limit=10000', served.keys.read)
    ).json();
    const rows = chat.rows as Json[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.channel === 'chat' && r.model === 'linear')).toBe(true);
    const [chats] = await served.engine.query(
      sql(
        "SELECT CAST(COUNT(*) AS INTEGER) AS n FROM conversation_economics WHERE channel = 'chat' AND model = 'linear'",
      ),
    );
    expect(rows.length).toBe(chats?.n);
    // The first page of conversations is the conversation-economics report's top rows.
    const top = (
      await get('/v1/reports/conversation-economics?model=linear&limit=5', served.keys.read)
    ).json();
    const first = (await get('/v1/conversations?model=linear&limit=5', served.keys.read)).json();
    expect(first.rows).toEqual(top.rows);
  });
});

describe('keys and scopes', () => {
  const READ = [
    '/v1/reports',
    '/v1/reports/rpc',
    '/v1/reports/funnel',
    '/v1/overview',
    '/v1/conversations',
    '/v1/credits',
    '/v1/dead-letters',
    '/v1/quality',
    '/metrics',
  ];
  const event = JSON.stringify({
    type: 'chat.conversation.started',
    event_id: 'scope-test',
    occurred_at: '2026-03-01T10:00:00Z',
    conversation_id: 'c-scope',
  });

  it('401 without a key or with an unknown or revoked one, 403 without the scope', async () => {
    const k = served.keys;
    const who = {
      none: undefined,
      unknown: 'cvk_nope',
      revoked: k.revoked,
      ingest: k.ingest,
      read: k.read,
      admin: k.admin,
    };
    for (const [name, key] of Object.entries(who)) {
      const authed = name === 'read' || name === 'admin';
      const status = (s: boolean) =>
        key === undefined || name === 'unknown' || name === 'revoked' ? 401 : s ? 200 : 403;
      for (const url of READ)
        expect((await get(url, key)).status, `${name} ${url}`).toBe(status(authed));
      expect((await get('/v1/admin/keys', key)).status, `${name} admin`).toBe(
        status(name === 'admin'),
      );
      const ingest = await served.server.app.inject({
        method: 'POST',
        url: '/v1/events',
        payload: event,
        headers: key ? { authorization: `Bearer ${key}` } : {},
      });
      expect(ingest.statusCode, `${name} ingest`).toBe(
        status(name === 'ingest' || name === 'admin'),
      );
      expect((await get('/health', key)).status).toBe(200);
    }
  });

  it('creates and revokes keys through the admin routes; a revoked key stops at once', async () => {
    const created = await served.server.app.inject({
      method: 'POST',
      url: '/v1/admin/keys',
      payload: { scopes: ['read'], name: 'dashboard' },
      headers: { authorization: `Bearer ${served.keys.admin}` },
    });
    expect(created.statusCode).toBe(201);
    const { key, key_id } = JSON.parse(created.body) as { key: string; key_id: string };
    expect((await get('/v1/reports', key)).status).toBe(200);
    const listed = (await get('/v1/admin/keys', served.keys.admin)).json().keys as Json[];
    expect(listed.some((r) => r.key_id === key_id)).toBe(true);
    expect(JSON.stringify(listed)).not.toContain(key);
    const revoke = () =>
      served.server.app.inject({
        method: 'DELETE',
        url: `/v1/admin/keys/${key_id}`,
        headers: { authorization: `Bearer ${served.keys.admin}` },
      });
    expect((await revoke()).statusCode).toBe(200);
    expect((await get('/v1/reports', key)).status).toBe(401);
    expect((await revoke()).statusCode).toBe(404);
  });
});

describe('operations', () => {
  it('counts dead letters by reason in /v1/quality and /metrics', async () => {
    const bad = await served.server.app.inject({
      method: 'POST',
      url: '/v1/events',
      payload: JSON.stringify({ type: 'chat.intent.detected', event_id: 'bad-1' }),
      headers: { authorization: `Bearer ${served.keys.ingest}` },
    });
    expect(bad.statusCode).toBe(200);
    const q = (await get('/v1/quality', served.keys.read)).json();
    const reasons = q.deadLettersByReason as { reason: string; letters: number }[];
    expect(reasons.reduce((s, r) => s + r.letters, 0)).toBeGreaterThanOrEqual(1);
    expect(q.matchRate).toBeGreaterThan(0);
    const dl = (await get('/v1/dead-letters?source=web', served.keys.read)).json();
    expect((dl.rows as Json[]).length).toBeGreaterThanOrEqual(1);
    const m = await get('/metrics', served.keys.read);
    expect(m.status).toBe(200);
    for (const name of [
      'convrev_events_ingested_total',
      'convrev_dead_letters{reason=',
      'convrev_ingest_lag_seconds',
      'convrev_run_duration_seconds{stage="total"}',
      'convrev_touchpoint_match_rate',
      'convrev_http_request_duration_seconds',
    ])
      expect(m.body).toContain(name);
  });

  it('publishes OpenAPI with every route and a docs page', async () => {
    const doc = (await get('/openapi.json')).json();
    const paths = Object.keys(doc.paths as Json);
    for (const r of REPORT_REGISTRY) expect(paths).toContain(`/v1/reports/${r.name}`);
    for (const p of [
      '/v1/overview',
      '/v1/credits',
      '/v1/conversations',
      '/v1/dead-letters',
      '/v1/events',
      '/metrics',
    ])
      expect(paths).toContain(p);
    const docs = await served.server.app.inject({ url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('sends no CORS headers unless origins are configured; limits body size', async () => {
    const r = await served.server.app.inject({
      url: '/v1/reports',
      headers: { origin: 'https://evil.example', authorization: `Bearer ${served.keys.read}` },
    });
    expect(r.headers['access-control-allow-origin']).toBeUndefined();
    const big = await served.server.app.inject({
      method: 'POST',
      url: '/v1/batch',
      payload: 'x'.repeat(2 * 1024 * 1024),
      headers: { authorization: `Bearer ${served.keys.ingest}` },
    });
    expect(big.statusCode).toBe(413);
  });
});

describe('configured CORS and rate limit', () => {
  it('allows the configured origin and answers 429 past the limit', async () => {
    await served.close();
    const s = await serveWarehouse(config, {
      server: { corsOrigins: ['https://bi.example'], rateLimitMax: 3, rateLimitWindowMs: 60_000 },
    });
    try {
      const headers = { origin: 'https://bi.example', authorization: `Bearer ${s.keys.read}` };
      const statuses: number[] = [];
      let allowed: unknown;
      for (let i = 0; i < 4; i++) {
        const r = await s.server.app.inject({ url: '/v1/reports', headers });
        statuses.push(r.statusCode);
        allowed ??= r.headers['access-control-allow-origin'];
      }
      expect(allowed).toBe('https://bi.example');
      expect(statuses).toEqual([200, 200, 200, 429]);
      // The collector is not rate limited: it has its own backpressure.
      expect((await s.server.app.inject({ url: '/health' })).statusCode).toBe(200);
    } finally {
      await s.close();
      served = await serveWarehouse(config);
    }
  });
});

describe('an empty warehouse', () => {
  it('says so in the overview instead of failing, and reports answer with no rows', async () => {
    const empty = await serveWarehouse({
      ...config,
      engine: { kind: 'duckdb', path: ':memory:', memoryLimit: '1GB', threads: 1 },
    });
    try {
      const auth = { authorization: `Bearer ${empty.keys.read}` };
      const o = await empty.server.app.inject({ url: '/v1/overview', headers: auth });
      expect(o.statusCode, o.body).toBe(200);
      expect((JSON.parse(o.body) as Json).empty).toBe(true);
      const rpc = await empty.server.app.inject({ url: '/v1/reports/summary', headers: auth });
      expect(rpc.statusCode, rpc.body).toBe(200);
      const q = await empty.server.app.inject({ url: '/v1/quality', headers: auth });
      expect((JSON.parse(q.body) as Json).lastRun).toBeNull();
    } finally {
      await empty.close();
    }
  });
});
