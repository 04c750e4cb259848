import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';

/**
 * Bring-your-own-data through the real command: a config with several touchpoint files of
 * different types feeding one journey, an opportunity credited through its account, a CSV with a
 * byte-order mark and mixed-case headers; then every kind of bad input the README promises a
 * clear error for, each leaving the previous results intact.
 */
describe('convrev run on the user’s own files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'convrev-cli-'));
  const db = join(dir, 'w.duckdb');
  const file = (name: string, text: string) => writeFileSync(join(dir, name), text);
  const config = (name: string, extra = '') => {
    file(
      name,
      `engine: { path: w.duckdb, memory_limit: 1GB, threads: 1 }
attribution: { lookback_days: 90 }
sources:
  - { name: accounts, kind: accounts, path: accounts.csv }
  - { name: contacts, kind: contacts, path: contacts.csv }
  - name: marketing
    kind: touchpoints
    path: marketing.csv
    mapping: { touchpoint_id: Touch ID, occurred_at: Touch Date, channel: Channel Name, crm_contact_id: Contact ID }
    constants: { touchpoint_type: marketing }
  - name: sales
    kind: touchpoints
    path: sales.jsonl
    mapping: { touchpoint_id: id, occurred_at: at, channel: channel_name, crm_contact_id: contact }
    constants: { touchpoint_type: sales }
  - name: opportunities
    kind: opportunities
    path: opps.csv
    mapping: { amount: pipeline_amount, created_at: opportunity_created_date, segment: Sales_Segment }
${extra}`,
    );
    return join(dir, name);
  };
  const report = () =>
    runCli([
      'report',
      'attribution',
      '--db',
      db,
      '--model',
      'linear',
      '--by',
      'channel',
      '--format',
      'json',
    ]);

  beforeAll(() => {
    file('accounts.csv', 'account_id,name\nA,Acme\n');
    file(
      'contacts.csv',
      'contact_id,account_id,email\nc1,A,ann@acme.example\nc2,A,bob@acme.example\n',
    );
    file(
      'marketing.csv',
      '\uFEFFTOUCH ID,touch date,Channel Name,contact id\nm1,2026-01-10T09:00:00Z,webinar,c1\n',
    );
    file(
      'sales.jsonl',
      '{"id":"s1","at":"2026-02-01T09:00:00","channel_name":"outbound_call","contact":"c2"}\n',
    );
    file(
      'opps.csv',
      'opportunity_id,account_id,pipeline_amount,opportunity_created_date,Sales_Segment\nO1,A,900,2026-03-01,SMB\n',
    );
  });

  it('credits an opportunity through its account from several touch files', () => {
    const run = runCli(['run', '--config', config('good.yaml')]);
    expect(run.stderr).toContain('✓ credits');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Attribution summary');
    const rows = JSON.parse(report().stdout) as { channel: string; credited_value: number }[];
    expect(rows).toEqual([
      expect.objectContaining({ channel: 'outbound_call', credited_value: 450 }),
      expect.objectContaining({ channel: 'webinar', credited_value: 450 }),
    ]);
    const explain = runCli([
      'explain',
      'conversion',
      'opportunity_created:O1',
      '--db',
      db,
      '--format',
      'json',
    ]);
    const e = JSON.parse(explain.stdout) as {
      touches: { touchpoint_id: string; first_touch: number }[];
    };
    expect(e.touches.map((t) => [t.touchpoint_id, t.first_touch])).toEqual([
      ['m1', 1],
      ['s1', 0],
    ]);
  });

  const badCases: [string, string, RegExp][] = [
    [
      'a missing file',
      `  - { name: orders, kind: orders, path: nowhere.csv }`,
      /source orders, file .*nowhere\.csv: .*does not exist/,
    ],
    [
      'a missing column',
      `  - { name: orders, kind: orders, path: orders_nocol.csv, mapping: { amount: total } }`,
      /source orders, file .*orders_nocol\.csv, column total, field amount: column "total" for field amount is not in the header/,
    ],
    [
      'an unparseable timestamp',
      `  - { name: orders, kind: orders, path: orders_badtime.csv }`,
      /source orders, file .*orders_badtime\.csv, row 3, column placed_at: 2026-02-30 is not an ISO-8601 timestamp/,
    ],
    [
      'a non-numeric amount',
      `  - { name: orders, kind: orders, path: orders_text.csv }`,
      /row 2, column amount: twelve is not a number/,
    ],
    [
      'a negative amount',
      `  - { name: orders, kind: orders, path: orders_negative.csv }`,
      /row 2, column amount: amount -5 is negative/,
    ],
    [
      'an empty file',
      `  - { name: orders, kind: orders, path: orders_empty.csv }`,
      /orders_empty\.csv.*empty/,
    ],
    [
      'a duplicated id',
      `  - { name: orders, kind: orders, path: orders_dup.csv }`,
      /order_id o1 appears 2 times/,
    ],
  ];

  it.each(badCases)(
    'refuses %s with one clear line and keeps the previous results',
    (_name, source, message) => {
      file('orders_nocol.csv', 'order_id,placed_at,amount\no1,2026-01-01,5\n');
      file('orders_badtime.csv', 'order_id,placed_at,amount\no1,2026-01-01,5\no2,2026-02-30,5\n');
      file('orders_text.csv', 'order_id,placed_at,amount\no1,2026-01-01,twelve\n');
      file('orders_negative.csv', 'order_id,placed_at,amount\no1,2026-01-01,-5\n');
      file('orders_empty.csv', '');
      file('orders_dup.csv', 'order_id,placed_at,amount\no1,2026-01-01,5\no1,2026-01-02,6\n');
      const before = report().stdout;
      expect(before).toContain('outbound_call');
      const run = runCli(['run', '--config', config('bad.yaml', source)]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(report().stdout).toBe(before);
    },
  );

  it('shows every model column of --compare as money to the cent', () => {
    const r = runCli([
      'report',
      'attribution',
      '--db',
      db,
      '--compare',
      '--model',
      'first_touch,linear',
    ]);
    expect(r.status).toBe(0);
    const cells = (channel: string) =>
      r.stdout
        .split('\n')
        .map((line) => line.trim().split(/\s+/))
        .find((words) => words[1] === channel);
    // Whole amounts too: a model column is named after its model, not after money. An
    // opportunity created is pipeline, and says so.
    expect(cells('webinar')).toEqual(['pipeline', 'webinar', '900.00', '450.00']);
    expect(cells('outbound_call')).toEqual(['pipeline', 'outbound_call', '0.00', '450.00']);
  });

  it('answers a bad flag with one line and exit 2', () => {
    const r = runCli(['report', 'attribution', '--db', db, '--format', 'xml']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('convrev: --format xml: give one of table, csv, json');
  });
});
