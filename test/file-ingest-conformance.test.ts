import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSourceFile } from '../src/adapters/files/open-source-file.js';
import type { SourceConfig } from '../src/core/config/config.js';
import type { SourceKind } from '../src/core/canonical/source-kinds.js';
import { InputError } from '../src/core/errors.js';
import type { Engine } from '../src/engine/engine.js';
import { openEngine } from '../src/engine/open-engine.js';
import { landingTableName } from '../src/engine/schema/table-spec.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { createIngestEnvironment } from '../src/pipeline/ingest/create-ingest-environment.js';
import { ingestFiles } from '../src/pipeline/ingest/ingest-files.js';
import { loadFileSetWise } from '../src/pipeline/load/load-file-set-wise.js';
import type { OpenSourceFile } from '../src/pipeline/load/source-file.js';

/*
 * One contract, two executions: the same CSV files through the set-wise path (the engine reads
 * and checks them in SQL) and through the per-record path must store the same rows under the
 * same keys and fingerprints, dead-letter the same records with the same reason codes, fields,
 * columns and lines, and count the same batches.
 */
const dir = mkdtempSync(join(tmpdir(), 'convrev-conformance-'));
const engines: Engine[] = [];
afterAll(async () => {
  for (const e of engines) await e.close();
});

const setWise: OpenSourceFile = openSourceFile;
const perRecord: OpenSourceFile = async (source) => {
  const file = await openSourceFile(source);
  return { columns: file.columns, rows: (o) => file.rows(o) };
};

function csv(rows: readonly (readonly string[])[]): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return rows.map((r) => r.map(cell).join(',')).join('\n') + '\n';
}

/** Row i takes the i-th variant of each column (cycling), so every variant meets many others. */
function rowsOf(header: readonly string[], variants: Record<string, readonly string[]>, n: number) {
  return [
    header,
    ...Array.from({ length: n }, (_, i) =>
      header.map((h) => {
        const vs = variants[h] ?? [''];
        return (vs[(i * 7 + h.length) % vs.length] ?? '').replace('#', String(i % 40));
      }),
    ),
  ];
}

const TIMES = [
  '2024-01-01T00:00:00Z',
  '2024-01-01 10:00',
  '2024-01-01',
  '2024-02-30T00:00:00Z',
  ' 2024-03-01T12:00:00.1234+05:30 ',
  '2024-03-01T12:00:00,5-0800',
  '2024-03-01T24:00:00Z',
  'yesterday',
  '2024-03-01T12:00:00+0100',
  '2024-03-01T12:00:00.999999999z',
  '2024-02-29T23:59:59-01',
  '2023-12-31T23:59:60Z',
  '2024-1-01T00:00:00Z',
  '2024-03-01T12:00:00+25:00',
  '2024-03-01T12:00:00-14:00',
  '2024-03-01T12:00:00+05:60',
  '0099-06-01T00:00:00Z',
];
const NUMBERS = [
  '12',
  '12.50',
  '-3',
  '1e3',
  '.5',
  '5.',
  '+7',
  'abc',
  '1,000',
  '',
  '0.000001',
  '1e-7',
  '1e400',
  ' 42 ',
  '0.1',
  '123456.789',
  '0.00001',
];
const BOOLS = ['true', 'Yes', 'N', '0', 'maybe', '', ' T ', 'FALSE'];
const EMAILS = [' A@B.io ', 'n/a', 'bad', 'a b@c.d', 'NULL', '', 'Zoë@Example.COM', 'x@y'];
const PHONES = [
  '(415) 555-0100',
  '+44 20 7946 0958',
  '0044 20 7946 0958',
  '555-0100 ext 12',
  'call me',
  '12',
  '',
  '0',
  '+1 (212) 555-0199 x 7',
  '1234567890123456',
];
const IDS = ['id_#', 'id_#', ' id_# ', ''];
const TEXTS = ['plain', 'two\nlines', 'say "hi", ok', ' é ', '', 'null', 'tab\there'];

interface Case {
  readonly kind: SourceKind;
  readonly header: readonly string[];
  readonly variants: Record<string, readonly string[]>;
  readonly mapping?: Record<string, string>;
  readonly constants?: Record<string, string>;
}

const CASES: Record<string, Case> = {
  orders: {
    kind: 'orders',
    header: [
      'order_id',
      'placed_at',
      'total',
      'currency',
      'email',
      'phone',
      'anonymous_id',
      'product_category',
    ],
    mapping: { amount: 'total' },
    variants: {
      order_id: IDS,
      placed_at: TIMES,
      total: NUMBERS,
      currency: ['USD', 'EUR', ''],
      email: EMAILS,
      phone: PHONES,
      anonymous_id: ['anon_#', 'undefined', '-1', ''],
      product_category: TEXTS,
    },
  },
  conversations: {
    kind: 'conversations',
    header: [
      'conversation_id',
      'channel',
      'started_at',
      'ended_at',
      'two_way',
      'csat',
      'sentiment',
      'first_response_seconds',
      'cost',
      'user_id',
    ],
    variants: {
      conversation_id: IDS,
      channel: ['chat', 'voice', ''],
      started_at: TIMES,
      ended_at: ['', ...TIMES],
      two_way: BOOLS,
      csat: ['1', '5', '0', '6', '4.5', ''],
      sentiment: ['-1', '1', '1.5', '-0.3', ''],
      first_response_seconds: NUMBERS,
      cost: NUMBERS,
      user_id: ['usr_#', 'None', ''],
    },
  },
  touchpoints: {
    kind: 'touchpoints',
    header: ['tid', 'when', 'channel', 'campaign', 'crm_contact_id', 'email'],
    mapping: { touchpoint_id: 'tid', occurred_at: 'when' },
    constants: { touchpoint_type: 'marketing' },
    variants: {
      tid: IDS,
      when: TIMES,
      channel: ['email', 'ads', ''],
      campaign: TEXTS,
      crm_contact_id: ['ct_#', ''],
      email: EMAILS,
    },
  },
  touch_types: {
    kind: 'touchpoints',
    header: ['touchpoint_id', 'occurred_at', 'touchpoint_type', 'channel'],
    variants: {
      touchpoint_id: IDS,
      occurred_at: ['2024-05-01T00:00:00Z', '2024-05-02T00:00:00Z'],
      touchpoint_type: ['marketing', 'sales', 'Sales', 'bogus', ''],
      channel: ['web'],
    },
  },
  spend: {
    kind: 'spend',
    header: ['day', 'channel', 'campaign', 'amount'],
    variants: {
      day: ['2024-01-31', '2024-02-30', '2024/01/01', '', ' 2024-03-01 ', '2024-02-29'],
      channel: ['search', 'social'],
      campaign: ['c#', ''],
      amount: NUMBERS,
    },
  },
  opportunities: {
    kind: 'opportunities',
    header: [
      'opportunity_id',
      'account_id',
      'amount',
      'stage',
      'created_at',
      'closed_at',
      'is_won',
    ],
    variants: {
      opportunity_id: ['opp_#'],
      account_id: ['acc_#', ''],
      amount: NUMBERS,
      stage: ['won', 'lost', ''],
      created_at: TIMES,
      closed_at: ['', '2024-06-01T00:00:00Z'],
      is_won: BOOLS,
    },
  },
  contacts: {
    kind: 'contacts',
    header: ['contact_id', 'account_id', 'email', 'phone', 'first_name', 'created_at'],
    variants: {
      contact_id: ['ct_#'],
      account_id: ['acc_#'],
      email: EMAILS,
      phone: PHONES,
      first_name: TEXTS,
      created_at: ['', ...TIMES],
    },
  },
  tickets: {
    kind: 'tickets',
    header: ['Ticket_ID', 'Created_At', 'Deflected', 'Cost', 'Phone'],
    variants: { Ticket_ID: IDS, Created_At: TIMES, Deflected: BOOLS, Cost: NUMBERS, Phone: PHONES },
  },
  accounts: {
    kind: 'accounts',
    header: ['account_id', 'name', 'segment', 'domain'],
    variants: {
      account_id: ['acc_#', ''],
      name: TEXTS,
      segment: ['SMB', 'Enterprise'],
      domain: ['x.example', ''],
    },
  },
};

function sourceFor(name: string, c: Case, rows: number, suffix = ''): SourceConfig {
  const path = join(dir, `${name}${suffix}.csv`);
  writeFileSync(path, csv(rowsOf(c.header, c.variants, rows)));
  return {
    name,
    kind: c.kind,
    path,
    format: 'csv',
    mapping: c.mapping ?? {},
    constants: c.constants ?? {},
    delimiter: ',',
  };
}

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

/** Everything an ingest leaves behind that does not depend on the batch ids' random part. */
async function outcome(engine: Engine, kind: SourceKind) {
  const q = async (text: string) => engine.query(sql(text));
  const dead = await q('SELECT payload, reasons FROM dead_letters ORDER BY dead_letter_id');
  return {
    landing: await q(
      `SELECT * EXCLUDE (source_name) FROM ${landingTableName(kind)} ORDER BY source_line`,
    ),
    keys: await q(
      'SELECT kind, record_key, record_hash, clock FROM record_keys ORDER BY record_key, record_hash',
    ),
    batches: await q(
      'SELECT offered, stored, updated, duplicates, dead_lettered FROM ingest_batches ORDER BY batch_id',
    ),
    dead: dead.map((d) => ({
      payload: JSON.parse(String(d.payload)) as unknown,
      reasons: (JSON.parse(String(d.reasons)) as Record<string, unknown>[]).map(
        ({ code, field, line, column, file }) => ({ code, field, line, column, file }),
      ),
    })),
  };
}

describe('file ingest: the set-wise path gives the per-record verdicts', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(`${name}: same rows, keys, fingerprints, dead letters and batches`, async () => {
      const source = sourceFor(name, c, 120);
      const results = [];
      for (const open of [perRecord, setWise]) {
        const engine = await freshEngine();
        const options = { strict: false, batchRows: 25 };
        // Twice: the second load meets every record already stored.
        const first =
          open === setWise
            ? [
                await loadFileSetWise(engine, source, await open(source), env, {
                  ...options,
                  ownBatches: new Set(),
                  maxProblems: 50,
                }),
              ]
            : await ingestFiles(engine, [source], open, env, options);
        // The set-wise path took the file (it hands back null when it leaves it to the other).
        expect(first[0]).not.toBeNull();
        const second = await ingestFiles(engine, [source], open, env, options);
        results.push({ first, second, ...(await outcome(engine, c.kind)) });
      }
      const [js, set] = results as [(typeof results)[0], (typeof results)[0]];
      expect(set.dead).toEqual(js.dead);
      expect(set.landing).toEqual(js.landing);
      expect(set.keys).toEqual(js.keys);
      expect(set.batches).toEqual(js.batches);
      expect(set.first).toEqual(js.first);
      expect(set.second).toEqual(js.second);
      // The cases are meant to exercise both outcomes.
      expect(js.first[0]?.stored).toBeGreaterThan(0);
      expect(js.first[0]?.deadLettered).toBeGreaterThan(0);
    });
  }

  it('a strict load refuses the same records, naming the same lines and columns', async () => {
    const source = sourceFor('orders', CASES.orders as Case, 60, '_strict');
    const problems = [];
    for (const open of [perRecord, setWise]) {
      const engine = await freshEngine();
      const error: unknown = await ingestFiles(engine, [source], open, env, {
        strict: true,
        batchRows: 1000,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      problems.push(
        (error as InputError).problems.map((p) => ({ code: p.code, location: p.location })),
      );
    }
    expect(problems[1]).toEqual(problems[0]);
  });

  it('a strict load refuses an id repeated with other content, naming both lines', async () => {
    const path = join(dir, 'conflict.csv');
    writeFileSync(path, 'account_id,name\nacc_1,One\nacc_2,Two\nacc_1,One\nacc_1,Uno\n');
    const source: SourceConfig = {
      name: 'accounts',
      kind: 'accounts',
      path,
      format: 'csv',
      mapping: {},
      constants: {},
      delimiter: ',',
    };
    const problems = [];
    for (const open of [perRecord, setWise]) {
      const engine = await freshEngine();
      const error: unknown = await ingestFiles(engine, [source], open, env, {
        strict: true,
        batchRows: 1000,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      problems.push((error as InputError).problems);
    }
    expect(problems[1]).toEqual(problems[0]);
    expect(problems[0]?.[0]?.location).toEqual({ source: 'accounts', row: 5, field: 'account_id' });
  });
});

describe('file ingest: ragged CSV rows', () => {
  const path = join(dir, 'ragged.csv');
  const source: SourceConfig = {
    name: 'orders',
    kind: 'orders',
    path,
    format: 'csv',
    mapping: {},
    constants: {},
    delimiter: ',',
  };
  writeFileSync(
    path,
    'order_id,placed_at,amount\no1,2024-01-01,5\no2,2024-01-02,6,extra\no3,2024-01-03\no4,2024-01-04,7\n',
  );

  it('dead-letters each ragged row with its line and text, and stores the rest', async () => {
    const engine = await freshEngine();
    const [totals] = await ingestFiles(engine, [source], setWise, env, {
      strict: false,
      batchRows: 100,
    });
    expect(totals).toMatchObject({ offered: 4, stored: 2, deadLettered: 2 });
    const dead = await engine.query(
      sql('SELECT payload, reasons FROM dead_letters ORDER BY dead_letter_id'),
    );
    expect(
      dead.map((d) => {
        const [r] = JSON.parse(String(d.reasons)) as { code: string; line: number }[];
        return [d.payload, r?.code, r?.line];
      }),
    ).toEqual([
      ['o2,2024-01-02,6,extra', 'ragged_row', 3],
      ['o3,2024-01-03', 'ragged_row', 4],
    ]);
    expect(await engine.query(sql('SELECT order_id FROM orders ORDER BY order_id'))).toEqual([
      { order_id: 'o1' },
      { order_id: 'o4' },
    ]);
  });

  it('fails a strict load at the first ragged row, naming its line', async () => {
    const engine = await freshEngine();
    const error: unknown = await ingestFiles(engine, [source], setWise, env, {
      strict: true,
      batchRows: 100,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems[0]).toMatchObject({
      code: 'ragged_row',
      location: { source: 'orders', file: path, row: 3 },
    });
  });
});

describe('file ingest: skip_lines', () => {
  it('skips an export title, finds the header after it, and counts the skipped lines in every line number', async () => {
    const path = join(dir, 'titled.csv');
    writeFileSync(
      path,
      'Orders export, "all stores"\nGenerated 2026-03-01\norder_id,placed_at,amount\no1,2026-01-01,5\no2,2026-02-30,6\no3,2026-01-03,x\no4,2026-01-04,7\n',
    );
    const source: SourceConfig = {
      name: 'orders',
      kind: 'orders',
      path,
      format: 'csv',
      mapping: {},
      constants: {},
      delimiter: ',',
      skipLines: 2,
    };
    const results = [];
    for (const open of [perRecord, setWise]) {
      const engine = await freshEngine();
      await ingestFiles(engine, [source], open, env, { strict: false, batchRows: 100 });
      results.push(await outcome(engine, 'orders'));
    }
    expect(results[1]).toEqual(results[0]);
    const direct = await loadFileSetWise(await freshEngine(), source, await setWise(source), env, {
      strict: false,
      batchRows: 100,
      ownBatches: new Set(),
      maxProblems: 50,
    });
    expect(direct).toMatchObject({ offered: 4, stored: 2, deadLettered: 2 });
    expect(results[0]?.landing.map((r) => [r.order_id, r.source_line])).toEqual([
      ['o1', 4],
      ['o4', 7],
    ]);
    expect(results[0]?.dead.map((d) => [d.reasons[0]?.code, d.reasons[0]?.line])).toEqual([
      ['bad_timestamp', 5],
      ['wrong_type', 6],
    ]);
  });
});

describe('file ingest: values maps', () => {
  it('loads the canonical value for each mapped cell, on both paths', async () => {
    const path = join(dir, 'deals.csv');
    writeFileSync(
      path,
      'Deal ID,Account,Amount,Deal Stage,Won?,Created\nd1,a1,10,Closed Won,Yes!,2026-01-01\nd2,a1,20, Closed Lost ,Nope,2026-01-02\nd3,a2,30,Negotiation,,2026-01-03\nd4,a2,40,closed won,maybe,2026-01-04\n',
    );
    const source: SourceConfig = {
      name: 'deals',
      kind: 'opportunities',
      path,
      format: 'csv',
      mapping: {
        opportunity_id: 'Deal ID',
        account_id: 'Account',
        stage: 'Deal Stage',
        is_won: 'Won?',
        created_at: 'Created',
      },
      constants: {},
      delimiter: ',',
      values: {
        stage: { 'Closed Won': 'won', 'Closed Lost': 'lost' },
        is_won: { 'Yes!': 'true', Nope: 'false' },
      },
    };
    const results = [];
    for (const open of [perRecord, setWise]) {
      const engine = await freshEngine();
      await ingestFiles(engine, [source], open, env, { strict: false, batchRows: 100 });
      results.push(await outcome(engine, 'opportunities'));
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[0]?.landing.map((r) => [r.opportunity_id, r.stage, r.is_won])).toEqual([
      ['d1', 'won', true],
      ['d2', 'lost', false],
      ['d3', 'Negotiation', null],
    ]);
    // Matching is exact: "closed won" is not "Closed Won", and "maybe" is no boolean.
    expect(results[0]?.dead.map((d) => d.reasons)).toEqual([
      [{ code: 'wrong_type', field: 'is_won', line: 5, column: 'Won?', file: path }],
    ]);
  });
});

describe('file ingest: export options', () => {
  it('a source with timestamp_format, timezone, number_format, where or derived takes the per-record path, whichever path is asked', async () => {
    const path = join(dir, 'export-options.csv');
    writeFileSync(
      path,
      'order_id,placed_at,amount,status\no1,03/15/2026 2:04 PM,"$1,000.50",paid\no2,03/16/2026 9:00 AM,₹5,paid\no3,03/17/2026 9:00 AM,$7,test\no4,2026-03-18,$8,paid\n',
    );
    const source: SourceConfig = {
      name: 'orders',
      kind: 'orders',
      path,
      format: 'csv',
      mapping: {},
      constants: {},
      delimiter: ',',
      timestampFormat: '%m/%d/%Y %I:%M %p',
      timezone: 'America/New_York',
      numberFormat: { decimal: '.', thousands: ',' },
      where: "status != 'test'",
    };
    const direct = await loadFileSetWise(await freshEngine(), source, await setWise(source), env, {
      strict: false,
      batchRows: 100,
      ownBatches: new Set(),
      maxProblems: 50,
    });
    expect(direct).toBeNull();
    const results = [];
    for (const open of [perRecord, setWise]) {
      const engine = await freshEngine();
      await ingestFiles(engine, [source], open, env, { strict: false, batchRows: 100 });
      results.push(await outcome(engine, 'orders'));
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[0]?.batches).toEqual([
      { offered: 3, stored: 1, updated: 0, duplicates: 0, dead_lettered: 2 },
    ]);
    expect(results[0]?.dead.map((d) => [d.reasons[0]?.code, d.reasons[0]?.line])).toEqual([
      ['wrong_type', 3],
      ['bad_timestamp', 5],
    ]);
  });
});
