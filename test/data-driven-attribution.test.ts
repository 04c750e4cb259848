import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../src/engine/engine.js';
import { openEngine } from '../src/engine/open-engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { attributionReport } from '../src/pipeline/reports/attribution-report.js';
import { runPipeline } from '../src/pipeline/run-pipeline.js';
import { dataDrivenScenario } from './support/data-driven-scenario.js';

async function credits(engine: Engine, model: string) {
  const rows = await engine.query(
    sql(
      'SELECT conversion_id, touchpoint_id, fraction, value FROM credits WHERE model = $1 ORDER BY conversion_id, touchpoint_id',
      [model],
    ),
  );
  return rows.map((r) => [
    r.conversion_id,
    r.touchpoint_id,
    round(Number(r.fraction)),
    round(Number(r.value)),
  ]);
}
async function channels(engine: Engine, model: string) {
  const rows = await engine.query(
    sql(
      'SELECT channel, removal_effect, conversions, revenue FROM data_driven_channels WHERE model = $1 ORDER BY channel',
      [model],
    ),
  );
  return rows.map((r) => [
    r.channel,
    r.removal_effect === null ? null : round(Number(r.removal_effect)),
    round(Number(r.conversions)),
    round(Number(r.revenue)),
  ]);
}
const round = (x: number) => Math.round(x * 1e9) / 1e9;

describe('data-driven models through the pipeline, on a case worked by hand', () => {
  let engine: Engine;
  beforeAll(async () => {
    const { config, open } = dataDrivenScenario();
    engine = await openEngine(config.engine);
    await runPipeline(engine, config, { open });
  });
  afterAll(() => engine.close());

  it('counts converting and non-converting paths', async () => {
    const rows = await engine.query(
      sql(
        "SELECT path, conversions, non_conversions, revenue FROM data_driven_paths WHERE model = 'markov' ORDER BY path",
      ),
    );
    expect(rows).toEqual([
      { path: 'A', conversions: 0, non_conversions: 1, revenue: 0 },
      { path: 'A > B', conversions: 1, non_conversions: 0, revenue: 100 },
      { path: 'B', conversions: 1, non_conversions: 1, revenue: 50 },
    ]);
  });

  it('Markov order 1: removal effects A 1/3, B 1; each conversion shared by them', async () => {
    // start→A ½, start→B ½; A→B ½, A→null ½; B→conversion ⅔, B→null ⅓. P(conv) = ½.
    // Without A: ½·⅔ = ⅓, effect 1 − ⅓/½ = ⅓. Without B: 0, effect 1. Normalised ¼, ¾ of 2.
    expect(await channels(engine, 'markov')).toEqual([
      ['A', round(1 / 3), 0.5, 37.5],
      ['B', 1, 1.5, 112.5],
    ]);
    // o1 (A > B): A ⅓/(⅓+1) = ¼, B ¾; o3 (B): B everything.
    expect(await credits(engine, 'markov')).toEqual([
      ['order:o1', 't1a', 0.25, 25],
      ['order:o1', 't1b', 0.75, 75],
      ['order:o3', 't3b', 1, 50],
    ]);
  });

  it('Markov order 2: the state (A, B) remembers A, so removing A loses half the journeys', async () => {
    // States (A), (A,B), (B). Without A: only start→(B)→conversion, ½·½ = ¼: effect ½.
    // Without B: nothing converts, effect 1. Normalised ⅓ and ⅔ of 2 conversions.
    // Value: 100 leaves from (A,B), 50 from (B): E = ¼·100 + ½·½·50 = 37.5; without A 12.5, a
    // value effect of ⅔ against B's 1, so A earns 0.4 of 150.
    expect(await channels(engine, 'markov_2')).toEqual([
      ['A', 0.5, round(2 / 3), 60],
      ['B', 1, round(4 / 3), 90],
    ]);
    expect(await credits(engine, 'markov_2')).toEqual([
      ['order:o1', 't1a', round(1 / 3), round(100 / 3)],
      ['order:o1', 't1b', round(2 / 3), round(200 / 3)],
      ['order:o3', 't3b', 1, 50],
    ]);
  });

  it('Markov by value agrees here: all revenue leaves from state B', async () => {
    expect(await credits(engine, 'markov_value')).toEqual(await credits(engine, 'markov'));
  });

  it('exact coalition Shapley: v(A) = 0, v(B) = 1, v(AB) = 2 gives A ½, B 1½', async () => {
    expect(await channels(engine, 'shapley_coalition')).toEqual([
      ['A', null, 0.5, 50],
      ['B', null, 1.5, 100],
    ]);
    expect(await credits(engine, 'shapley_coalition')).toEqual([
      ['order:o1', 't1a', 0.5, 50],
      ['order:o1', 't1b', 0.5, 50],
      ['order:o3', 't3b', 1, 50],
    ]);
  });

  it('path Shapley: p(A > B) = 1, p(A) = 0, p(B) = ½ gives A ⅓, B ⅔ on A > B', async () => {
    // Marginals on A > B: A 1 − p(B) = ½, B 1 − p(A) = 1; normalised ⅓ and ⅔.
    expect(await credits(engine, 'shapley_path')).toEqual([
      ['order:o1', 't1a', round(1 / 3), round(100 / 3)],
      ['order:o1', 't1b', round(2 / 3), round(200 / 3)],
      ['order:o3', 't3b', 1, 50],
    ]);
    expect(await channels(engine, 'shapley_path')).toEqual([
      ['A', null, round(1 / 3), round(100 / 3)],
      ['B', null, round(5 / 3), round(50 + 200 / 3)],
    ]);
  });

  it('reports a data-driven model by channel like any other', async () => {
    const rows = await attributionReport(engine, { model: 'shapley_coalition', by: ['channel'] });
    expect(rows.map((r) => [r.channel, Number(r.credited_value)])).toEqual([
      ['B', 100],
      ['A', 50],
    ]);
    await expect(attributionReport(engine, { model: 'markov_7', by: [] })).rejects.toThrow(
      /unknown model "markov_7" \(models with credits: first_touch, last_touch, linear, markov, markov_2/,
    );
  });

  it('lists each model in the run summary with everything attributed', async () => {
    const rows = await engine.query(
      sql(
        'SELECT model, attributed_conversions, attributed_value FROM attribution_summary ORDER BY model',
      ),
    );
    const byModel = new Map(rows.map((r) => [String(r.model), r]));
    for (const m of ['markov', 'markov_2', 'markov_value', 'shapley_path', 'shapley_coalition']) {
      expect(byModel.get(m)?.attributed_conversions).toBe(2);
      expect(Number(byModel.get(m)?.attributed_value)).toBeCloseTo(150, 9);
    }
  });
});
