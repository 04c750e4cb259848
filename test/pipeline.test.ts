import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../src/engine/engine.js';
import { openEngine } from '../src/engine/open-engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { runPipeline } from '../src/pipeline/run-pipeline.js';
import { attributionReport } from '../src/pipeline/reports/attribution-report.js';
import { explainConversion } from '../src/pipeline/reports/explain-conversion.js';
import { b2bScenario } from './support/b2b-scenario.js';

async function credits(engine: Engine, conversionId: string, model: string) {
  const rows = await engine.query(
    sql(
      'SELECT touchpoint_id, fraction, value FROM credits WHERE conversion_id = $1 AND model = $2 ORDER BY touchpoint_id',
      [conversionId, model],
    ),
  );
  return rows.map((r) => [r.touchpoint_id, Number(r.fraction), Number(r.value)]);
}

describe('pipeline on a hand-computed B2B and chat scenario', () => {
  let engine: Engine;
  beforeEach(async () => {
    const { config, open } = b2bScenario();
    engine = await openEngine(config.engine);
    await runPipeline(engine, config, { open });
  });
  afterEach(() => engine.close());

  it('credits an account-level opportunity from every contact of the account, window edges inclusive', async () => {
    // Window of opp1 (created 2026-04-01): 2026-01-01T00:00Z..2026-04-01; t0 is one second early.
    expect(await credits(engine, 'opportunity_created:opp1', 'first_touch')).toEqual([
      ['t1', 1, 1000],
    ]);
    // tp_a and tp_b share an instant: the tie breaks by touchpoint id, so tp_b is last.
    expect(await credits(engine, 'opportunity_created:opp1', 'last_touch')).toEqual([
      ['tp_b', 1, 1000],
    ]);
    expect(await credits(engine, 'opportunity_created:opp1', 'linear')).toEqual([
      ['t1', 0.25, 250],
      ['t2', 0.25, 250],
      ['tp_a', 0.25, 250],
      ['tp_b', 0.25, 250],
    ]);
  });

  it('closes the window 90 days before closed-won', async () => {
    expect(await credits(engine, 'closed_won:opp1', 'first_touch')).toEqual([['t2', 1, 1000]]);
    const linear = await credits(engine, 'closed_won:opp1', 'linear');
    expect(linear.map((c) => c[0])).toEqual(['t2', 'tp_a', 'tp_b']);
    for (const c of linear) expect(c[2]).toBeCloseTo(1000 / 3, 9);
  });

  it('finds the buyer of an order that carries only a conversation id', async () => {
    for (const model of ['first_touch', 'last_touch', 'linear']) {
      expect(await credits(engine, 'order:o1', model)).toEqual([['conversation:conv1', 1, 100]]);
    }
    const [j] = await engine.query(
      sql("SELECT is_direct FROM journeys WHERE conversion_id = 'order:o1'"),
    );
    expect(j?.is_direct).toBe(true);
  });

  it('counts unattributed conversions instead of dropping them, and sums to the total of each value kind', async () => {
    const summary = await engine.query(
      sql('SELECT * FROM attribution_summary ORDER BY model, value_kind DESC'),
    );
    expect(summary).toHaveLength(6);
    // Revenue: closed_won:opp1 (1000) and o1 (100) attributed, o2 (50) not; o1 came through the
    // one conversation. Pipeline: opportunity_created:opp1 (1000) attributed, opp2 (500) not.
    // opp1 is pipeline once (created) and revenue once (won), never twice in one total.
    const expected = {
      revenue: { n: [3, 2, 1], values: [1150, 1100, 50], perConversation: 100 },
      pipeline: { n: [2, 1, 1], values: [1500, 1000, 500], perConversation: 0 },
    };
    for (const s of summary) {
      const e = expected[s.value_kind as 'revenue' | 'pipeline'];
      expect(s).toMatchObject({
        conversions: e.n[0],
        attributed_conversions: e.n[1],
        unattributed_conversions: e.n[2],
        conversations: 1,
      });
      expect(Number(s.total_value)).toBeCloseTo(e.values[0]!, 9);
      expect(Number(s.attributed_value)).toBeCloseTo(e.values[1]!, 9);
      expect(Number(s.unattributed_value)).toBeCloseTo(e.values[2]!, 9);
      expect(Number(s.revenue_per_conversation)).toBeCloseTo(e.perConversation, 9);
    }
  });

  it('reports value by channel and segment per model', async () => {
    const rows = await attributionReport(engine, {
      model: 'first_touch',
      by: ['channel', 'segment'],
    });
    // Revenue first (the won deal's first touch in its window is the outbound call t2), then
    // pipeline (the created deal's is the webinar t1): kinds are grouped apart, never summed.
    expect(rows.map((r) => [r.value_kind, r.channel, r.segment, Number(r.credited_value)])).toEqual(
      [
        ['revenue', 'outbound_call', 'SMB', 1000],
        ['revenue', 'chat', null, 100],
        ['pipeline', 'webinar', 'SMB', 1000],
      ],
    );
    // --value-kind and --outcome keep only those conversions.
    const pipeline = await attributionReport(engine, {
      model: 'first_touch',
      by: ['channel'],
      filter: { value_kind: 'pipeline' },
    });
    expect(pipeline.map((r) => [r.value_kind, r.channel, Number(r.value_share)])).toEqual([
      ['pipeline', 'webinar', 1],
    ]);
    const orders = await attributionReport(engine, {
      model: 'first_touch',
      by: [],
      filter: { outcome: 'order' },
    });
    expect(orders.map((r) => [r.value_kind, Number(r.credited_value)])).toEqual([['revenue', 100]]);
    await expect(
      attributionReport(engine, { model: 'first_touch', by: ['channel; DROP TABLE credits'] }),
    ).rejects.toThrow(/cannot group by/);
    await expect(attributionReport(engine, { model: 'nope', by: [] })).rejects.toThrow(
      /unknown model/,
    );
  });

  it('explains a conversion touch by touch under every model', async () => {
    const e = await explainConversion(engine, 'opportunity_created:opp1');
    expect(e.models).toEqual(['first_touch', 'last_touch', 'linear']);
    expect(e.touches.map((t) => [t.touchpoint_id, t.first_touch, t.last_touch, t.linear])).toEqual([
      ['t1', 1, 0, 0.25],
      ['t2', 0, 0, 0.25],
      ['tp_a', 0, 0, 0.25],
      ['tp_b', 0, 1, 0.25],
    ]);
    await expect(explainConversion(engine, 'order:missing')).rejects.toThrow(/no conversion/);
  });

  it('leaves the previous results in place when a run fails on bad input', async () => {
    const before = await engine.query(
      sql('SELECT * FROM credits ORDER BY conversion_id, touchpoint_id, model'),
    );
    const { config, open } = b2bScenario({ badOrderTime: true });
    await expect(runPipeline(engine, config, { open })).rejects.toThrow(
      /source orders, file memory:orders, row 2, column placed_at: 2026-13-10T00:30:00Z is not an ISO-8601 timestamp/,
    );
    expect(
      await engine.query(sql('SELECT * FROM credits ORDER BY conversion_id, touchpoint_id, model')),
    ).toEqual(before);
  });

  it('is idempotent: a second run on the same input gives identical tables', async () => {
    const snapshot = () =>
      engine.query(sql('SELECT * FROM credits ORDER BY conversion_id, touchpoint_id, model'));
    const first = await snapshot();
    const { config, open } = b2bScenario();
    await runPipeline(engine, config, { open });
    expect(await snapshot()).toEqual(first);
  });
});
