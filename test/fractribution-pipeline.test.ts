// fractribution's integration data (snowplow/dbt-snowplow-fractribution v0.3.7) reproduced through
// the whole pipeline: its touchpoints and conversions loaded as sources, its spend as a spend
// source, and the path summary, channel credits and ROAS read back from the warehouse.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../src/engine/engine.js';
import { openEngine } from '../src/engine/open-engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { runPipeline } from '../src/pipeline/run-pipeline.js';
import { memoryConfig } from './support/memory-sources.js';
import { sharedFixture } from './support/shared-fixture.js';

const fixture = sharedFixture('fractribution through the pipeline', 'attribution/fractribution');
const fixtureDir = fixture ?? '';
const exists = fixture !== null;

type Row = Record<string, string>;
const readCsv = (name: string): Row[] =>
  parse<Row>(readFileSync(join(fixtureDir, name), 'utf8'), { columns: true });
const num = (text: string | undefined) => (text === undefined || text === '' ? 0 : Number(text));
const MODEL_OF = { shapley: 'shapley_path', last_touch: 'last_touch' } as const;

describe.skipIf(!exists)('fractribution through the pipeline', () => {
  let engine: Engine;
  beforeAll(async () => {
    const touchpoints = readCsv('touchpoints.csv').map((r, i) => ({
      touchpoint_id: `v${String(i + 1).padStart(3, '0')}`,
      occurred_at: r.visit_start_tstamp,
      channel: r.channel,
      user_id: r.customer_id,
    }));
    const orders = readCsv('conversions.csv').map((r, i) => ({
      order_id: `o${i + 1}`,
      placed_at: r.conversion_tstamp,
      amount: r.revenue,
      user_id: r.customer_id,
    }));
    const channels = [...new Set(touchpoints.map((t) => t.channel))];
    const { config, open } = memoryConfig(
      {
        visits: {
          kind: 'touchpoints',
          rows: touchpoints,
          constants: { touchpoint_type: 'marketing' },
        },
        orders: { kind: 'orders', rows: orders },
        spend: {
          kind: 'spend',
          rows: channels.map((channel) => ({ day: '2022-06-03', channel, amount: '10000' })),
        },
      },
      {
        conversions: ['order'],
        lookback_days: 30,
        models: ['last_touch', { kind: 'shapley_path', transforms: ['exposure'] }],
      },
    );
    engine = await openEngine(config.engine);
    await runPipeline(engine, config, { open });
  });
  afterAll(() => engine.close());

  it('builds the path summary of the reference', async () => {
    const rows = await engine.query(
      sql(
        "SELECT path, conversions, non_conversions, revenue FROM data_driven_paths WHERE model = 'shapley_path' ORDER BY path",
      ),
    );
    const expected = readCsv('expected_path_summary.csv')
      .map((r) => ({
        path: r.transformed_path,
        conversions: num(r.conversions),
        non_conversions: num(r.non_conversions),
        revenue: num(r.revenue),
      }))
      .sort((a, b) => ((a.path ?? '') < (b.path ?? '') ? -1 : 1));
    expect(rows.map((r) => ({ ...r, revenue: Number(r.revenue) }))).toEqual(
      expected.map((e) => ({ ...e, revenue: expect.closeTo(e.revenue, 6) as unknown })),
    );
  });

  it.each(Object.keys(MODEL_OF) as (keyof typeof MODEL_OF)[])(
    'credits channels and gives the ROAS of the reference under %s',
    async (type) => {
      const model = MODEL_OF[type];
      const credited = await engine.query(
        sql(
          'SELECT channel, SUM(credited_conversions) AS n, SUM(credited_value) AS v FROM channel_attribution WHERE model = $1 GROUP BY channel',
          [model],
        ),
      );
      const roi = await engine.query(
        sql(
          'SELECT channel, SUM(spend) AS spend, SUM(attributed_revenue) AS revenue FROM metric_channel_roi WHERE model = $1 GROUP BY channel',
          [model],
        ),
      );
      const report = readCsv('expected_report.csv').filter((r) => r.ATTRIBUTION_TYPE === type);
      expect(report.length).toBe(6);
      for (const r of report) {
        const c = credited.find((x) => x.channel === r.CHANNEL);
        const what = `${type} ${r.CHANNEL}`;
        expect(Math.abs(Number(c?.n ?? 0) - num(r.CONVERSIONS)), what).toBeLessThan(1e-6);
        expect(Math.abs(Number(c?.v ?? 0) - num(r.REVENUE)), what).toBeLessThan(1e-6);
        const spend = roi.find((x) => x.channel === r.CHANNEL);
        expect(Number(spend?.spend), what).toBe(num(r.SPEND));
        const roas = Number(spend?.revenue ?? 0) / Number(spend?.spend);
        // The reference prints ROAS to 11 decimals.
        expect(Math.abs(roas - num(r.ROAS)), what).toBeLessThan(1e-6);
      }
    },
  );

  it("holds the model's own channel totals to the reference", async () => {
    const rows = await engine.query(
      sql(
        "SELECT channel, conversions, revenue FROM data_driven_channels WHERE model = 'shapley_path'",
      ),
    );
    for (const r of readCsv('expected_channel_attribution.csv').filter(
      (x) => x.ATTRIBUTION_TYPE === 'shapley',
    )) {
      const got = rows.find((x) => x.channel === r.CHANNEL);
      expect(Math.abs(Number(got?.conversions) - num(r.CONVERSIONS)), r.CHANNEL).toBeLessThan(1e-6);
      expect(Math.abs(Number(got?.revenue) - num(r.REVENUE)), r.CHANNEL).toBeLessThan(1e-6);
    }
  });
});
