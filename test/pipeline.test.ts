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

  it('counts unattributed conversions instead of dropping them, and sums to the total', async () => {
    const summary = await engine.query(sql('SELECT * FROM attribution_summary ORDER BY model'));
    expect(summary).toHaveLength(3);
    for (const s of summary) {
      expect(s).toMatchObject({
        conversions: 5,
        attributed_conversions: 3,
        unattributed_conversions: 2,
        conversations: 1,
      });
      expect(Number(s.total_value)).toBeCloseTo(2650, 9);
      expect(Number(s.attributed_value)).toBeCloseTo(2100, 9);
      expect(Number(s.unattributed_value)).toBeCloseTo(550, 9);
      expect(Number(s.revenue_per_conversation)).toBeCloseTo(100, 9);
    }
  });

  it('reports value by channel and segment per model', async () => {
    const rows = await attributionReport(engine, {
      model: 'first_touch',
      by: ['channel', 'segment'],
    });
    expect(rows.map((r) => [r.channel, r.segment, Number(r.credited_value)])).toEqual([
      ['outbound_call', 'SMB', 1000],
      ['webinar', 'SMB', 1000],
      ['chat', null, 100],
    ]);
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
