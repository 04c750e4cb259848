import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openEngine } from '../src/engine/open-engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { runCli } from './support/run-cli.js';

/** `convrev report NAME` for the metric reports: formats, flags, exports, errors. */
describe('convrev report for the metric reports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'convrev-metrics-cli-'));
  const db = join(dir, 'w.duckdb');
  const report = (...args: string[]) => runCli(['report', ...args, '--db', db]);

  beforeAll(() => {
    const r = runCli([
      'demo',
      '--scale',
      '2000',
      '--db',
      db,
      '--out',
      join(dir, 'data'),
      '--no-serve',
    ]);
    expect(r.status, r.stderr).toBe(0);
  });

  it('prints RPC per model as JSON, overall by default and by a dimension on request', () => {
    const overall = JSON.parse(report('rpc', '--format', 'json').stdout) as Record<
      string,
      unknown
    >[];
    // The demo runs every rule model and two data-driven ones (see demo-config-yaml.ts).
    expect(overall.map((r) => [r.model, r.dimension])).toEqual(
      [
        'first_touch',
        'last_non_direct',
        'last_touch',
        'last_touch_tiers',
        'linear',
        'linear_demo_x3',
        'markov_2',
        'position_based',
        'shapley_path',
        'time_decay',
        'w_shaped',
      ].map((m) => [m, 'overall']),
    );
    const byChannel = JSON.parse(
      report('rpc', '--model', 'linear', '--by', 'channel', '--format', 'json').stdout,
    ) as Record<string, unknown>[];
    expect(new Set(byChannel.map((r) => r.dimension))).toEqual(new Set(['channel']));
  });

  it('takes conversion definitions, outcomes and windows as flags', () => {
    const r = report(
      'conversion',
      '--by',
      'overall,persona',
      '--days',
      '30',
      '--definition',
      'two_way',
      '--outcome',
      'closed_won',
      '--format',
      'csv',
    );
    expect(r.status, r.stderr).toBe(0);
    const [header, ...lines] = r.stdout.trim().split('\n');
    expect(header).toBe(
      'definition,outcome,window_days,dimension,dimension_value,conversations,converted,rate,rate_low,rate_high,small_sample',
    );
    expect(lines[0]).toMatch(/^two_way,closed_won,30,overall,,\d+,\d+,/);
  });

  it('exports to Parquet and CSV, the Parquet file holding the same rows', async () => {
    const parquet = join(dir, 'funnel.parquet');
    const csv = join(dir, 'economics.csv');
    expect(report('funnel', '--out', parquet).status).toBe(0);
    const e = report('conversation-economics', '--model', 'linear', '--out', csv);
    expect(e.status, e.stderr).toBe(0);
    expect(existsSync(parquet)).toBe(true);
    const engine = await openEngine({ kind: 'duckdb', path: db, memoryLimit: '1GB', threads: 1 });
    try {
      const fromFile = await engine.query(
        sql(`SELECT step_name, reached FROM read_parquet($1) ORDER BY step`, [parquet]),
      );
      const fromTable = await engine.query(
        sql('SELECT step_name, reached FROM metric_funnel ORDER BY step'),
      );
      expect(fromFile).toEqual(fromTable);
      const [n] = await engine.query(
        sql("SELECT COUNT(*) AS n FROM conversation_economics WHERE model = 'linear'"),
      );
      // Every conversation, not the 100 the screen shows, plus the header.
      expect(readFileSync(csv, 'utf8').trim().split('\n')).toHaveLength(Number(n?.n) + 1);
    } finally {
      await engine.close();
    }
  });

  it('keeps the attribution and summary reports as they were', () => {
    const a = JSON.parse(report('attribution', '--format', 'json').stdout) as Record<
      string,
      unknown
    >[];
    // Each value kind apart, its name first.
    expect(Object.keys(a[0] ?? {})).toEqual([
      'value_kind',
      'channel',
      'credited_conversions',
      'credited_value',
      'value_share',
    ]);
    const compared = report(
      'attribution',
      '--compare',
      '--model',
      'linear,w_shaped',
      '--format',
      'csv',
    );
    expect(compared.status, compared.stderr).toBe(0);
    expect(compared.stdout.split('\n')[0]).toBe('value_kind,channel,linear,w_shaped');
    const s = report('summary');
    expect(s.status).toBe(0);
    expect(s.stdout).toMatch(/revenue_per_conversation/);
    // --value-kind and --outcome narrow attribution to those conversions.
    const pipeline = JSON.parse(
      report('attribution', '--value-kind', 'pipeline', '--format', 'json').stdout,
    ) as Record<string, unknown>[];
    expect(new Set(pipeline.map((r) => r.value_kind))).toEqual(new Set(['pipeline']));
    const orders = JSON.parse(
      report('attribution', '--outcome', 'order', '--by', '', '--format', 'json').stdout,
    ) as Record<string, unknown>[];
    expect(orders.map((r) => r.value_kind)).toEqual(['revenue']);
  });

  it('filters grouped reports by segment, channel, type and days before aggregating', () => {
    const json = (...args: string[]) => {
      const r = report(...args, '--format', 'json');
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as Record<string, unknown>[];
    };
    const bySegment = json('rpc', '--model', 'linear', '--by', 'segment');
    for (const segment of ['SMB', 'enterprise']) {
      const [one] = json('rpc', '--model', 'linear', '--segment', segment);
      const row = bySegment.find((r) => r.dimension_value === segment);
      expect(one?.conversations, segment).toBe(row?.conversations);
      expect(one?.rpc_comprehensive, segment).toBe(row?.rpc_comprehensive);
    }
    const [chat] = json('funnel', '--channel', 'chat', '--conversation-type', 'pre_purchase');
    const [all] = json('funnel');
    expect(Number(chat?.reached)).toBeLessThan(Number(all?.reached));
    // Attribution reads them at the level of conversions: a segment is the by-segment row.
    const credited = json('attribution', '--model', 'linear', '--by', 'segment');
    const [smb] = json('attribution', '--model', 'linear', '--by', '', '--segment', 'SMB');
    expect(smb?.credited_value).toBeCloseTo(
      Number(
        credited.find((r) => r.segment === 'SMB' && r.value_kind === smb?.value_kind)
          ?.credited_value,
      ),
      6,
    );
    const compared = json('attribution', '--compare', '--segment', 'SMB', '--by', 'segment');
    expect(new Set(compared.map((r) => r.segment))).toEqual(new Set(['SMB']));
  });

  it('refuses a flag a report does not take, an unknown model and a bad window in one line', () => {
    for (const [args, message] of [
      [['rpc', '--days', '7'], /report rpc does not take --days \(it takes --model, --by\)/],
      [
        ['rpc', '--model', 'nope'],
        /unknown model "nope" \(models with credits: first_touch, last_non_direct, last_touch, /,
      ],
      [['conversion', '--days', 'soon'], /--days soon: "soon" is not a whole number/],
      [['conversion', '--outcome', 'won'], /--outcome won: give one of qualified_lead/],
      [['rpc', '--by', 'colour'], /cannot group by "colour"/],
      [['funnel', '--out', join(dir, 'f.xlsx')], /give a \.parquet or \.csv file/],
      [['nosuch'], /unknown report "nosuch"/],
      [['rpc', '--compare'], /report rpc does not take --compare \(attribution does\)/],
      [['attribution', '--compare', '--model', 'nope'], /unknown model "nope"/],
      [
        ['chatbot', '--segment', 'SMB'],
        /report chatbot cannot be filtered by --segment \(it takes --from, --to\)/,
      ],
      [
        ['metric-parameters', '--channel', 'chat'],
        /report metric-parameters cannot be filtered by --channel \(it takes no filters\)/,
      ],
      [['rpc', '--from', '2026-13-01'], /--from 2026-13-01: give a day as yyyy-mm-dd/],
      [['summary', '--channel', 'chat'], /report summary cannot be filtered by --channel/],
    ] as const) {
      const r = report(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });
});
