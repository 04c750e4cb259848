import { describe, expect, it } from 'vitest';
import { inLookbackWindow, DAY_MS } from '../src/core/attribution/lookback-window.js';
import { creditJourney, RULE_MODELS } from '../src/core/attribution/rule-models.js';
import { openEngine } from '../src/engine/open-engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { runPipeline } from '../src/pipeline/run-pipeline.js';
import { memoryConfig } from './support/memory-sources.js';

// Small deterministic generator so a failure reproduces exactly.
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('SQL attribution agrees with the reference math in core', () => {
  it('on 300 random journeys with ties and window edges', async () => {
    const rand = prng(7);
    const base = Date.UTC(2026, 0, 1);
    const people = Array.from({ length: 60 }, (_v, i) => `p${i}@example.com`);
    const touches = Array.from({ length: 1500 }, (_v, i) => ({
      touchpoint_id: `t${String(i).padStart(4, '0')}`,
      // Whole hours over 200 days: many touches share an instant; some sit exactly on an edge.
      occurred_at: new Date(base + Math.floor(rand() * 200 * 24) * 3_600_000).toISOString(),
      channel: ['email', 'paid_search', 'webinar', 'organic'][Math.floor(rand() * 4)]!,
      email: people[Math.floor(rand() * people.length)]!,
    }));
    const orders = Array.from({ length: 300 }, (_v, i) => ({
      order_id: `o${i}`,
      placed_at: new Date(base + Math.floor(rand() * 200 * 24) * 3_600_000).toISOString(),
      amount: (Math.floor(rand() * 100_000) / 100).toFixed(2),
      email: people[Math.floor(rand() * people.length)]!,
    }));
    const lookbackDays = 30;
    // One order sits exactly on the window's far edge from a touch, one a millisecond past it.
    const t0 = touches[0]!;
    for (const [id, offset] of [
      ['edge', 0],
      ['past', 1],
    ] as const) {
      orders.push({
        order_id: id,
        placed_at: new Date(
          Date.parse(t0.occurred_at) + lookbackDays * DAY_MS + offset,
        ).toISOString(),
        amount: '10.00',
        email: t0.email,
      });
    }
    const { config, open } = memoryConfig(
      {
        touches: {
          kind: 'touchpoints',
          rows: touches,
          constants: { touchpoint_type: 'marketing' },
        },
        orders: { kind: 'orders', rows: orders },
      },
      { lookback_days: lookbackDays, conversions: ['order'] },
    );
    const engine = await openEngine(config.engine);
    try {
      await runPipeline(engine, config, { open });
      const rows = await engine.query(
        sql('SELECT conversion_id, touchpoint_id, model, fraction, value FROM credits'),
      );
      const actual = new Map(
        rows.map((r) => [
          `${String(r.model)}|${String(r.conversion_id)}|${String(r.touchpoint_id)}`,
          Number(r.fraction),
        ]),
      );
      const expected = new Map<string, number>();
      let attributed = 0;
      for (const o of orders) {
        const at = Date.parse(o.placed_at);
        const journey = touches
          .filter(
            (t) =>
              t.email === o.email && inLookbackWindow(Date.parse(t.occurred_at), at, lookbackDays),
          )
          .map((t) => ({ touchpointId: t.touchpoint_id, occurredAt: Date.parse(t.occurred_at) }));
        if (journey.length) attributed++;
        for (const model of RULE_MODELS) {
          for (const c of creditJourney(model, journey))
            expected.set(`${model}|order:${o.order_id}|${c.touchpointId}`, c.fraction);
        }
      }
      expect(attributed).toBeGreaterThan(100);
      expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [key, fraction] of expected) expect(actual.get(key)).toBeCloseTo(fraction, 12);
      // Edges really were exercised: some touch lies exactly lookbackDays before its order.
      const onEdge = orders.some((o) =>
        touches.some(
          (t) =>
            t.email === o.email &&
            Date.parse(o.placed_at) - Date.parse(t.occurred_at) === lookbackDays * DAY_MS,
        ),
      );
      expect(onEdge).toBe(true);
    } finally {
      await engine.close();
    }
  });
});
