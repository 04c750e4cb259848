import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEventContracts } from '../src/adapters/contracts/read-event-contracts.js';
import { buildCollector } from '../src/adapters/http/build-collector.js';
import { openEngine } from '../src/engine/open-engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { createIngestEnvironment } from '../src/pipeline/ingest/create-ingest-environment.js';
import { createWriteKey } from '../src/pipeline/ingest/write-keys.js';
import { DEFAULT_LIMITS } from './support/collector-harness.js';
import { runCli } from './support/run-cli.js';

/** `convrev ingest`, `run` on the same path, `deadletters` and contract evolution, through the real command. */
describe('convrev ingest and dead letters', () => {
  const dir = mkdtempSync(join(tmpdir(), 'convrev-ingest-'));
  const db = join(dir, 'w.duckdb');
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const config = (name: string, extra = '') =>
    file(
      name,
      `engine: { path: w.duckdb, memory_limit: 1GB, threads: 1 }
ingest: { batch_rows: 2, default_country_code: "1" }
sources:
  - { name: orders, kind: orders, path: orders.csv, mapping: { amount: total } }
  - { name: contacts, kind: contacts, path: contacts.jsonl }
${extra}`,
    );
  const query = async (text: string) => {
    const engine = await openEngine({ kind: 'duckdb', path: db, memoryLimit: '1GB', threads: 1 });
    try {
      return await engine.query(sql(text));
    } finally {
      await engine.close();
    }
  };

  it('stores good rows, dead-letters bad ones with file and line, exits 4, and adds nothing the second time', async () => {
    const orders = file(
      'orders.csv',
      'order_id,placed_at,total,phone\no1,2026-01-01,5,(415) 555-0100\no2,2026-02-30,5,\no3,2026-01-03,x,\no4,2026-01-04,7,call me\no5,2026-01-05,9,\n',
    );
    const c = config('c.yaml');
    const first = runCli(['ingest', orders, '--source', 'orders', '--config', c]);
    expect(first.stderr).toContain('see convrev deadletters list');
    expect(first.status).toBe(4);
    expect(first.stdout).toContain(
      'offered 5, stored 2 (0 updates), duplicates 0, dead-lettered 3',
    );
    const dead = await query('SELECT reasons FROM dead_letters ORDER BY dead_letter_id');
    expect(dead.map((d) => (JSON.parse(String(d.reasons)) as unknown[])[0])).toEqual([
      expect.objectContaining({
        code: 'bad_timestamp',
        line: 3,
        column: 'placed_at',
        file: orders,
      }),
      expect.objectContaining({ code: 'wrong_type', line: 4, column: 'total' }),
      expect.objectContaining({ code: 'invalid_identifier', line: 5, column: 'phone' }),
    ]);
    expect(await query('SELECT order_id, phone FROM orders ORDER BY order_id')).toEqual([
      { order_id: 'o1', phone: '+14155550100' },
      { order_id: 'o5', phone: null },
    ]);
    // Three batches of at most two rows: each reconciles on its own.
    const batches = await query(
      "SELECT offered, stored, duplicates, dead_lettered FROM ingest_batches WHERE transport = 'file' ORDER BY batch_id",
    );
    expect(batches.map((b) => b.offered)).toEqual([2, 2, 1]);
    const again = runCli(['ingest', orders, '--source', 'orders', '--config', c]);
    expect(again.stdout).toContain(
      'offered 5, stored 0 (0 updates), duplicates 2, dead-lettered 3',
    );
    const list = runCli(['deadletters', 'list', '--db', db]);
    expect(list.stdout).toContain('bad_timestamp(placed_at)');
  });

  it('reads on past a malformed JSONL line, and updates an entity whose content changed', () => {
    const contacts = file(
      'contacts.jsonl',
      '{"contact_id":"k1","email":"A@X.com"}\n{"contact_id":\n{"contact_id":"k2"}\n',
    );
    const c = config('c.yaml');
    const r = runCli(['ingest', contacts, '--source', 'contacts', '--config', c]);
    expect(r.status).toBe(4);
    expect(r.stdout).toContain('offered 3, stored 2 (0 updates), duplicates 0, dead-lettered 1');
    file(
      'contacts2.jsonl',
      '{"contact_id":"k1","email":"a@x.com","title":"CTO"}\n{"contact_id":"k2"}\n',
    );
    const u = runCli([
      'ingest',
      join(dir, 'contacts2.jsonl'),
      '--source',
      'contacts',
      '--config',
      c,
    ]);
    expect(u.status).toBe(0);
    expect(u.stdout).toContain('offered 2, stored 1 (1 updates), duplicates 1, dead-lettered 0');
  });

  it('runs on the same path: strict, and landing rows persist with nothing counted twice', async () => {
    file(
      'orders.csv',
      'order_id,placed_at,total\no1,2026-01-01,5\no5,2026-01-05,9\no6,2026-01-06,3\n',
    );
    file('contacts.jsonl', '{"contact_id":"k1","email":"a@x.com","title":"CTO"}\n');
    const c = config('c.yaml');
    const run = runCli(['run', '--config', c]);
    expect(run.stderr).toContain('✓ credits');
    expect(run.status).toBe(0);
    expect(await query('SELECT order_id FROM orders ORDER BY order_id')).toEqual([
      { order_id: 'o1' },
      { order_id: 'o5' },
      { order_id: 'o6' },
    ]);
    const rerun = runCli(['run', '--config', c]);
    expect(rerun.stderr).toMatch(/2 unchanged \(not read\)\), 0 records/);
    expect(rerun.stderr).toContain('nothing recomputed');
    expect(await query('SELECT COUNT(*) AS n FROM conversions')).toEqual([{ n: 3 }]);
  });

  it('replays dead letters under a contract added later, and refuses a breaking change without a new MODEL', async () => {
    // An event of a type nobody declared yet arrives at the collector and is dead-lettered.
    const engine = await openEngine({ kind: 'duckdb', path: db, memoryLimit: '1GB', threads: 1 });
    const env = createIngestEnvironment(undefined, { contracts: readEventContracts() });
    const { key } = await createWriteKey(engine, { name: 't', source: 'web', scopes: ['ingest'] });
    const collector = buildCollector({ engine, env, limits: DEFAULT_LIMITS, logger: false });
    const r = await collector.app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      payload: JSON.stringify({
        type: 'shop.cart.recovered',
        event_id: 'cr1',
        occurred_at: '2026-03-01T00:00:00Z',
        conversation_id: 'c1',
        cart_value: 120,
      }),
    });
    const letter =
      r.json<{ results: { dead_letter_id: string }[] }>().results[0]?.dead_letter_id ?? '';
    await collector.close();
    await engine.close();

    const contract = (version: string, fields: string, required = '[conversation_id]') =>
      `contracts:\n  - { type: shop.cart.recovered, version: ${version}, required: ${required}, properties: { ${fields} } }\n`;
    const v1 = config('v1.yaml', contract('1-0-0', 'cart_value: { type: number, minimum: 0 }'));
    expect(runCli(['contracts', 'show', 'shop.cart.recovered', '--config', v1]).stdout).toContain(
      '"cart_value"',
    );
    const replay = runCli(['deadletters', 'replay', '--id', letter, '--config', v1]);
    expect(replay.stderr).toBe('');
    expect(replay.stdout).toContain('offered 1, stored 1');
    expect(
      await query("SELECT event_type, properties FROM conversation_events WHERE event_id = 'cr1'"),
    ).toEqual([{ event_type: 'shop.cart.recovered', properties: '{"cart_value":120}' }]);
    expect(
      (
        await query(
          `SELECT replay_batch_id IS NOT NULL AS done FROM dead_letters WHERE dead_letter_id = '${letter}'`,
        )
      )[0]?.done,
    ).toBe(true);

    const changedInPlace = config('v1b.yaml', contract('1-0-0', 'cart_value: { type: string }'));
    const refused = runCli(['deadletters', 'replay', '--all', '--config', changedInPlace]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(
      /contract shop.cart.recovered 1-0-0 differs from the 1-0-0 already registered/,
    );
    const breaking = config(
      'v11.yaml',
      contract(
        '1-1-0',
        'cart_value: { type: number }, coupon: { type: string }',
        '[conversation_id, coupon]',
      ),
    );
    expect(runCli(['deadletters', 'replay', '--all', '--config', breaking]).stderr).toMatch(
      /coupon: field became required.*bump MODEL \(2-0-0\)/,
    );
    const bumped = config(
      'v2.yaml',
      contract(
        '2-0-0',
        'cart_value: { type: number }, coupon: { type: string }',
        '[conversation_id, coupon]',
      ),
    );
    // The orders file's bad rows fail again (new dead letters of the replay batch): exit 4.
    const ok = runCli(['deadletters', 'replay', '--all', '--config', bumped]);
    expect(ok.status).toBe(4);
    expect(ok.stderr).toMatch(/failed again/);
    expect(runCli(['deadletters', 'replay', '--all', '--config', bumped]).stdout).toMatch(
      /dead-lettered [1-9]/,
    );
    expect(runCli(['contracts', 'list', '--config', bumped, '--format', 'csv']).stdout).toContain(
      'shop.cart.recovered,2-0-0,conversation_events,config',
    );
  });
});
