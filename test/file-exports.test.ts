import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSourceFile } from '../src/adapters/files/open-source-file.js';
import type { SourceConfig } from '../src/core/config/config.js';
import type { Engine } from '../src/engine/engine.js';
import { openEngine } from '../src/engine/open-engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { createIngestEnvironment } from '../src/pipeline/ingest/create-ingest-environment.js';
import { ingestFiles } from '../src/pipeline/ingest/ingest-files.js';

/* Real-export options of a file source (issue 21 item 3), on small files with hand-computed outcomes. */
const dir = mkdtempSync(join(tmpdir(), 'convrev-exports-'));
const engines: Engine[] = [];
afterAll(async () => {
  for (const e of engines) await e.close();
});

async function freshEngine(): Promise<Engine> {
  const engine = await openEngine({
    kind: 'duckdb',
    path: ':memory:',
    memoryLimit: '1GB',
    threads: 1,
  });
  engines.push(engine);
  return engine;
}

const env = createIngestEnvironment({
  ingest: { batchRows: 25, maxRecordBytes: 1_000_000, defaultCountryCode: '1' },
} as never);

function source(
  name: string,
  file: string,
  text: string,
  extra: Partial<SourceConfig>,
): SourceConfig {
  const path = join(dir, file);
  writeFileSync(path, text);
  return {
    name,
    kind: 'orders',
    path,
    format: file.endsWith('.jsonl') ? 'jsonl' : 'csv',
    mapping: {},
    constants: {},
    delimiter: ',',
    ...extra,
  };
}

describe('unmapped columns', () => {
  it('keeps the columns a CSV mapping does not name in the event properties', async () => {
    const s = source(
      'chat',
      'events.csv',
      'id,type,at,Browser,Page,props\ne1,chat.conversation.started,2026-03-10T00:00:00Z,Firefox,/pricing,"{""a"":1}"\ne2,chat.conversation.started,2026-03-10T00:01:00Z,,,\n',
      {
        kind: 'conversation_events',
        mapping: { event_id: 'id', event_type: 'type', occurred_at: 'at', properties: 'props' },
      },
    );
    const engine = await freshEngine();
    const [totals] = await ingestFiles(engine, [s], openSourceFile, env, {
      strict: true,
      batchRows: 100,
    });
    expect(totals).toMatchObject({ offered: 2, stored: 2 });
    const rows = await engine.query(
      sql('SELECT event_id, properties FROM conversation_events ORDER BY event_id'),
    );
    expect(rows).toEqual([
      { event_id: 'e1', properties: '{"a":1,"browser":"Firefox","page":"/pricing"}' },
      // Empty cells are absent values, not properties.
      { event_id: 'e2', properties: null },
    ]);
  });

  it('keeps the top-level fields a JSONL mapping does not name, nested values as they are', async () => {
    const s = source(
      'chat',
      'events.jsonl',
      [
        {
          event_id: 'e1',
          event_type: 'chat.conversation.started',
          occurred_at: '2026-03-10T00:00:00Z',
          plan: 'pro',
          cart: { items: 2 },
        },
        {
          event_id: 'e2',
          event_type: 'chat.conversation.started',
          occurred_at: '2026-03-10T00:01:00Z',
          properties: { utm: 'x' },
          seats: 3,
        },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n') + '\n',
      { kind: 'conversation_events' },
    );
    const engine = await freshEngine();
    await ingestFiles(engine, [s], openSourceFile, env, { strict: true, batchRows: 100 });
    const rows = await engine.query(
      sql('SELECT event_id, properties FROM conversation_events ORDER BY event_id'),
    );
    expect(rows).toEqual([
      { event_id: 'e1', properties: '{"cart":{"items":2},"plan":"pro"}' },
      { event_id: 'e2', properties: '{"seats":3,"utm":"x"}' },
    ]);
  });
});

describe('timestamp_format and timezone', () => {
  const at = async (engine: Engine) =>
    (
      await engine.query(
        sql(
          'SELECT order_id, CAST(epoch_ms(placed_at) AS DOUBLE) AS ms FROM orders ORDER BY order_id',
        ),
      )
    ).map((r) => [r.order_id, new Date(Number(r.ms)).toISOString()]);

  it('reads a US export in New York time, DST included, and dead-letters a cell off its format', async () => {
    const s = source(
      'shop',
      'us-orders.csv',
      [
        'order_id,placed_at,amount',
        'o1,03/15/2026 2:04 PM,5', // EDT (DST began 8 March): 18:04Z
        'o2,01/15/2026 12:00 AM,5', // midnight EST: 05:00Z
        'o3,03/08/2026 2:30 AM,5', // never shown on clocks: read with EST, 07:30Z (03:30 EDT)
        'o4,11/01/2026 1:30 AM,5', // shown twice: the first (EDT), 05:30Z
        'o5,2026-03-15,5', // not the declared format
        'o6,02/30/2026 1:00 PM,5', // no such day
        'o7,3/5/26  9:00 am,5',
      ].join('\n') + '\n',
      { timestampFormat: '%m/%d/%Y %I:%M %p', timezone: 'America/New_York' },
    );
    const engine = await freshEngine();
    const [totals] = await ingestFiles(engine, [s], openSourceFile, env, {
      strict: false,
      batchRows: 100,
    });
    expect(totals).toMatchObject({ offered: 7, stored: 4, deadLettered: 3 });
    expect(await at(engine)).toEqual([
      ['o1', '2026-03-15T18:04:00.000Z'],
      ['o2', '2026-01-15T05:00:00.000Z'],
      ['o3', '2026-03-08T07:30:00.000Z'],
      ['o4', '2026-11-01T05:30:00.000Z'],
    ]);
    const dead = await engine.query(
      sql('SELECT reasons FROM dead_letters ORDER BY dead_letter_id'),
    );
    expect(
      dead.map((d) => {
        const [r] = JSON.parse(String(d.reasons)) as Record<string, unknown>[];
        return [r?.code, r?.file, r?.line, r?.column, r?.message];
      }),
    ).toEqual([
      [
        'bad_timestamp',
        s.path,
        6,
        'placed_at',
        "2026-03-15 does not match timestamp_format '%m/%d/%Y %I:%M %p'",
      ],
      [
        'bad_timestamp',
        s.path,
        7,
        'placed_at',
        "02/30/2026 1:00 PM does not match timestamp_format '%m/%d/%Y %I:%M %p'",
      ],
      // %Y wants four digits.
      [
        'bad_timestamp',
        s.path,
        8,
        'placed_at',
        "3/5/26  9:00 am does not match timestamp_format '%m/%d/%Y %I:%M %p'",
      ],
    ]);
  });

  it('reads two-digit years, month names and 24-hour clocks; without a zone, UTC', async () => {
    const s = source(
      'shop',
      'eu-orders.csv',
      'order_id,placed_at,amount\no1,05 Mar 26 - 21:07:09,5\no2,31 dec 99 - 00:00:00,5\n',
      { timestampFormat: '%d %b %y - %H:%M:%S' },
    );
    const engine = await freshEngine();
    await ingestFiles(engine, [s], openSourceFile, env, { strict: true, batchRows: 100 });
    expect(await at(engine)).toEqual([
      ['o1', '2026-03-05T21:07:09.000Z'],
      ['o2', '1999-12-31T00:00:00.000Z'],
    ]);
  });

  it('applies a timezone alone to ISO values without an offset only', async () => {
    const s = source(
      'shop',
      'berlin.csv',
      'order_id,placed_at,amount\no1,2026-07-01 09:00,5\no2,2026-07-01T09:00:00Z,5\no3,2026-01-10,5\no4,2026-07-01T09:00:00-02:00,5\n',
      { timezone: 'Europe/Berlin' },
    );
    const engine = await freshEngine();
    await ingestFiles(engine, [s], openSourceFile, env, { strict: true, batchRows: 100 });
    expect(await at(engine)).toEqual([
      ['o1', '2026-07-01T07:00:00.000Z'],
      ['o2', '2026-07-01T09:00:00.000Z'],
      ['o3', '2026-01-09T23:00:00.000Z'],
      ['o4', '2026-07-01T11:00:00.000Z'],
    ]);
  });
});

describe('number_format', () => {
  const stored = async (engine: Engine) =>
    (
      await engine.query(
        sql(
          'SELECT order_id, CAST(amount AS DOUBLE) AS amount, currency FROM orders ORDER BY order_id',
        ),
      )
    ).map((r) => [r.order_id, r.amount, r.currency]);
  const reasons = async (engine: Engine) =>
    (await engine.query(sql('SELECT reasons FROM dead_letters ORDER BY dead_letter_id'))).map(
      (d) => {
        const [r] = JSON.parse(String(d.reasons)) as Record<string, unknown>[];
        return [r?.code, r?.line, r?.column, r?.message];
      },
    );

  it('reads European amounts, strips the currency, captures its code and refuses one not allowed', async () => {
    const s = source(
      'shop',
      'eu-amounts.csv',
      'order_id;placed_at;Total;currency\no1;2026-01-01;1.234,50 €;\no2;2026-01-01;EUR 87.000;\no3;2026-01-01;-12,5;CHF\no4;2026-01-01;1.234,50 £;\no5;2026-01-01;1,234.50;\no6;2026-01-01;12.34;\n',
      {
        delimiter: ';',
        mapping: { amount: 'Total' },
        numberFormat: { decimal: ',', thousands: '.', currencies: ['€', 'EUR'] },
      },
    );
    const engine = await freshEngine();
    const [totals] = await ingestFiles(engine, [s], openSourceFile, env, {
      strict: false,
      batchRows: 100,
    });
    expect(totals).toMatchObject({ offered: 6, stored: 2, deadLettered: 4 });
    expect(await stored(engine)).toEqual([
      ['o1', 1234.5, null],
      ['o2', 87000, 'EUR'],
    ]);
    expect(await reasons(engine)).toEqual([
      // A negative amount is still refused by the contract, after the format read it.
      ['out_of_range', 4, 'Total', 'amount -12.5 is negative'],
      ['wrong_type', 5, 'Total', "1.234,50 £: '£' is not an allowed currency (allowed: €, EUR)"],
      [
        'wrong_type',
        6,
        'Total',
        "1,234.50 is not a number in the format (decimal ',', thousands '.')",
      ],
      [
        'wrong_type',
        7,
        'Total',
        "12.34 is not a number in the format (decimal ',', thousands '.')",
      ],
    ]);
  });

  it('reads US amounts with the default currencies', async () => {
    const s = source(
      'shop',
      'us-amounts.csv',
      'order_id,placed_at,amount\no1,2026-01-01,"$87,000.00"\no2,2026-01-01,USD 5\no3,2026-01-01,.5\n',
      { numberFormat: { decimal: '.', thousands: ',' } },
    );
    const engine = await freshEngine();
    await ingestFiles(engine, [s], openSourceFile, env, { strict: true, batchRows: 100 });
    expect(await stored(engine)).toEqual([
      ['o1', 87000, null],
      ['o2', 5, 'USD'],
      ['o3', 0.5, null],
    ]);
  });
});

describe('where and derived', () => {
  it('drops filtered rows before they are offered and computes derived fields from the columns', async () => {
    const s = source(
      'deals',
      'deals.csv',
      [
        'Deal ID,Account,Amount,Deal Stage,Created,Pipeline',
        'd1,a1,10,Closed Won,2026-01-01,sales', // kept, won
        'd2,a1,20,Closed Lost,2026-01-02,sales', // kept, not won
        'd3,a2,30,Closed Won,2026-01-03,test', // filtered: test pipeline
        'd4,a2,5,Negotiation,2026-01-04,sales', // filtered: amount below 10
        'd5,a2,40,Negotiation,x,', // kept (empty pipeline is null, not 'test'); dead letter
      ].join('\n') + '\n',
      {
        kind: 'opportunities',
        mapping: {
          opportunity_id: 'Deal ID',
          account_id: 'Account',
          created_at: 'Created',
          stage: 'Deal Stage',
        },
        where: `(Pipeline is null or Pipeline not in ('test', 'sandbox')) and Amount >= 10`,
        derived: { is_won: `"Deal Stage" = 'Closed Won'` },
      },
    );
    const engine = await freshEngine();
    const [totals] = await ingestFiles(engine, [s], openSourceFile, env, {
      strict: false,
      batchRows: 100,
    });
    // offered = stored + duplicates + dead-lettered still holds: filtered rows are not offered.
    expect(totals).toMatchObject({ offered: 3, stored: 2, duplicates: 0, deadLettered: 1 });
    expect(
      await engine.query(
        sql(
          'SELECT opportunity_id, is_won, source_line FROM opportunities ORDER BY opportunity_id',
        ),
      ),
    ).toEqual([
      { opportunity_id: 'd1', is_won: true, source_line: 2 },
      { opportunity_id: 'd2', is_won: false, source_line: 3 },
    ]);
  });

  it('refuses a where that reads a column the file does not have, with a guess', async () => {
    const s = source(
      'shop',
      'filtered.csv',
      'order_id,placed_at,amount,status\no1,2026-01-01,5,paid\n',
      {
        where: "stauts = 'paid'",
      },
    );
    const error: unknown = await ingestFiles(await freshEngine(), [s], openSourceFile, env, {
      strict: true,
      batchRows: 100,
    }).catch((e: unknown) => e);
    expect((error as { problems: { message: string }[] }).problems.map((p) => p.message)).toEqual([
      'where reads column "stauts", which is not in the header. Did you mean "status"?',
    ]);
  });
});
