import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../src/engine/engine.js';
import { openEngine } from '../src/engine/open-engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { runPipeline } from '../src/pipeline/run-pipeline.js';
import { DATA_DRIVEN_TEST_MODELS } from './support/data-driven-scenario.js';
import { demoScenario } from './support/demo-scenario.js';

const MODELS = DATA_DRIVEN_TEST_MODELS.map((m) => m.name);

/** Invariants of the data-driven models on the small demo. */
describe('data-driven models on the demo', () => {
  let engine: Engine;
  let attributed = { n: 0, value: 0 };
  beforeAll(async () => {
    const { config, open } = await demoScenario(4_000, 5);
    const withModels = {
      ...config,
      attribution: { ...config.attribution, dataDriven: DATA_DRIVEN_TEST_MODELS },
    };
    engine = await openEngine(withModels.engine);
    await runPipeline(engine, withModels, { open });
    const [row] = await engine.query(
      sql(
        'SELECT COUNT(*) AS n, SUM(value) AS v FROM conversions WHERE conversion_id IN (SELECT conversion_id FROM journeys)',
      ),
    );
    attributed = { n: Number(row?.n), value: Number(row?.v) };
    expect(attributed.n).toBeGreaterThan(100);
  });
  afterAll(() => engine.close());

  it("credits every attributed conversion, each model's fractions summing to 1", async () => {
    const bad = await engine.query(
      sql(
        'SELECT model, conversion_id FROM credits GROUP BY model, conversion_id HAVING ABS(SUM(fraction) - 1) > 1e-9',
      ),
    );
    expect(bad).toEqual([]);
    const perModel = await engine.query(
      sql(
        'SELECT model, COUNT(DISTINCT conversion_id) AS n, SUM(value) AS v FROM credits GROUP BY model',
      ),
    );
    for (const name of MODELS) {
      const row = perModel.find((r) => r.model === name);
      expect(Number(row?.n), name).toBe(attributed.n);
      expect(Number(row?.v), name).toBeCloseTo(attributed.value, 6);
    }
  });

  it('adds channel totals up to the attributed value, in credits and in the models themselves', async () => {
    const byChannel = await engine.query(
      sql('SELECT model, SUM(credited_value) AS v FROM channel_attribution GROUP BY model'),
    );
    const models = await engine.query(
      sql(
        'SELECT model, SUM(conversions) AS n, SUM(revenue) AS v, MIN(removal_effect) AS lo, MAX(removal_effect) AS hi FROM data_driven_channels GROUP BY model',
      ),
    );
    for (const name of MODELS) {
      const credited = byChannel.find((r) => r.model === name);
      expect(Number(credited?.v), name).toBeCloseTo(attributed.value, 6);
      const own = models.find((r) => r.model === name);
      expect(Number(own?.n), name).toBeCloseTo(attributed.n, 6);
      expect(Number(own?.v), name).toBeCloseTo(attributed.value, 6);
      if (name.startsWith('markov')) {
        expect(Number(own?.lo)).toBeGreaterThanOrEqual(0);
        expect(Number(own?.hi)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('counts every attributed conversion once in each path summary, and some non-conversions', async () => {
    const rows = await engine.query(
      sql(
        'SELECT model, SUM(conversions) AS c, SUM(non_conversions) AS nc FROM data_driven_paths GROUP BY model',
      ),
    );
    expect(rows).toHaveLength(MODELS.length);
    for (const r of rows) {
      expect(Number(r.c)).toBe(attributed.n);
      expect(Number(r.nc)).toBeGreaterThan(0);
    }
  });
});
