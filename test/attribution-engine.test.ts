import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../src/engine/engine.js';
import { openEngine } from '../src/engine/open-engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { compareAttribution } from '../src/pipeline/reports/attribution-report.js';
import { explainConversion } from '../src/pipeline/reports/explain-conversion.js';
import { runPipeline, type RunReport } from '../src/pipeline/run-pipeline.js';
import { attributionScenario } from './support/attribution-scenario.js';
import { memoryConfig } from './support/memory-sources.js';

const MODELS = [
  'first_touch',
  'last_non_direct',
  'last_touch',
  'linear',
  'linear_demo_x3',
  'linear_tiers',
  'position_based',
  'time_decay',
  'w_shaped',
];

async function journey(engine: Engine, id: string) {
  const rows = await engine.query(
    sql('SELECT touchpoint_id, link FROM journeys WHERE conversion_id = $1 ORDER BY position', [
      id,
    ]),
  );
  return rows.map((r) => `${String(r.touchpoint_id)}${r.link === 'converted' ? '*' : ''}`);
}

/** touchpoint id → fraction of one conversion under one model (touches earning 0 have no row). */
async function credits(engine: Engine, id: string, model: string) {
  const rows = await engine.query(
    sql('SELECT touchpoint_id, fraction FROM credits WHERE conversion_id = $1 AND model = $2', [
      id,
      model,
    ]),
  );
  return Object.fromEntries(rows.map((r) => [String(r.touchpoint_id), Number(r.fraction)]));
}

function expectShares(actual: Record<string, number>, expected: Record<string, number>) {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [k, v] of Object.entries(expected)) expect(actual[k]).toBeCloseTo(v, 12);
}

const snapshot = (engine: Engine, table: string, order: string) =>
  engine.query(sql(`SELECT * FROM ${table} ORDER BY ${order}`));
const C1 = 'conversation:c1';
const decay = (days: number) => Math.pow(2, -days / 7);

describe('attribution engine on a hand-computed scenario', () => {
  let engine: Engine;
  let first: RunReport;
  beforeAll(async () => {
    const { config, open } = attributionScenario();
    engine = await openEngine(config.engine);
    first = await runPipeline(engine, config, { open });
  });
  afterAll(() => engine.close());

  it('builds each definition’s journeys: window, direct links, filters and next_only cycles', async () => {
    // m1 lies 7 days and 10h40 before o1: outside the window; c1 is the conversation o1 carries.
    expect(await journey(engine, 'order:o1')).toEqual(['m2', 's1', `${C1}*`]);
    // m2 and s1 share an instant: the tie breaks by touchpoint id.
    expect(await journey(engine, 'order:o2')).toEqual(['m2', 's1', C1, 'm3']);
    // Under next_only, o1 consumed everything up to its own instant.
    expect(await journey(engine, 'orders_next:o1')).toEqual(['m2', 's1', `${C1}*`]);
    expect(await journey(engine, 'orders_next:o2')).toEqual(['m3']);
    expect(await journey(engine, 'chat_only:o2')).toEqual([C1]);
    // A direct link is in the journey outside the window, across persons, and past the filters
    // (c2 was one-way, which chat_only refuses).
    for (const def of ['order', 'orders_next', 'chat_only'])
      expect(await journey(engine, `${def}:o3`)).toEqual(['conversation:c2*']);
    // o4 and o5 share an instant with d2: o4 comes first by id and consumes d1 and d2.
    expect(await journey(engine, 'order:o5')).toEqual(['d1', 'd2']);
    expect(await journey(engine, 'orders_next:o4')).toEqual(['d1', 'd2']);
    expect(await journey(engine, 'orders_next:o5')).toEqual([]);
    expect(await journey(engine, 'ticket_deflected:tk1')).toEqual(['m2', 's1', `${C1}*`, 'm3']);
    expect(await journey(engine, 'qualified_lead:c1')).toEqual(['m2', 's1', `${C1}*`]);
    expect(await journey(engine, 'demo:c1')).toEqual(['m2', 's1', `${C1}*`]);
  });

  it('derives every outcome with its value and level', async () => {
    const rows = await engine.query(
      sql(
        'SELECT conversion_id, kind, definition, level, value FROM conversions ORDER BY conversion_id',
      ),
    );
    expect(rows.length).toBe(18);
    const byId = new Map(rows.map((r) => [String(r.conversion_id), r]));
    expect(byId.get('ticket_deflected:tk1')).toMatchObject({ kind: 'ticket_deflected', value: 5 });
    expect(byId.has('ticket_deflected:tk2')).toBe(false);
    expect(byId.get('qualified_lead:c1')).toMatchObject({ kind: 'qualified_lead', value: 0 });
    expect(byId.get('demo:c1')).toMatchObject({ kind: 'custom', definition: 'demo', value: 10 });
    expect(byId.get('orders_next:o2')).toMatchObject({
      kind: 'order',
      level: 'person',
      value: 200,
    });
  });

  it('credits o2 by hand under every model', async () => {
    const o2 = (model: string) => credits(engine, 'order:o2', model);
    expectShares(await o2('first_touch'), { m2: 1 });
    expectShares(await o2('last_touch'), { m3: 1 });
    expectShares(await o2('last_non_direct'), { m3: 1 });
    expectShares(await o2('linear'), { m2: 0.25, s1: 0.25, [C1]: 0.25, m3: 0.25 });
    expectShares(await o2('position_based'), { m2: 0.4, s1: 0.1, [C1]: 0.1, m3: 0.4 });
    // Ages from the newest touch m3: m2 and s1 4 days, c1 14 hours.
    const w = [decay(4), decay(4), decay(14 / 24), 1];
    const sum = w.reduce((x, y) => x + y);
    expectShares(await o2('time_decay'), {
      m2: w[0]! / sum,
      s1: w[1]! / sum,
      [C1]: w[2]! / sum,
      m3: w[3]! / sum,
    });
    // Milestones: the first touch m2 and the lead (qualified at 10:05, c1 is the touch before).
    expectShares(await o2('w_shaped'), { m2: 3 / 7, s1: 1 / 14, [C1]: 3 / 7, m3: 1 / 14 });
    // c1 had a demo request (×3), m3 is a webinar attended (×2).
    expectShares(await o2('linear_demo_x3'), { m2: 1 / 7, s1: 1 / 7, [C1]: 3 / 7, m3: 2 / 7 });
    // o2 came 37h40 after c1 ended: the 1–7 day tier, 30 % to c1, the rest linear.
    expectShares(await o2('linear_tiers'), { m2: 0.175, s1: 0.175, [C1]: 0.475, m3: 0.175 });
  });

  it('credits the converted touch of o1 under last non-direct, W-shaped and the tiers', async () => {
    const o1 = (model: string) => credits(engine, 'order:o1', model);
    expectShares(await o1('last_non_direct'), { [C1]: 1 });
    expectShares(await o1('position_based'), { m2: 0.4, s1: 0.2, [C1]: 0.4 });
    expectShares(await o1('w_shaped'), { m2: 3 / 7, s1: 1 / 7, [C1]: 3 / 7 });
    // 20 minutes after c1 ended: the 90 % tier.
    expectShares(await o1('linear_tiers'), { m2: 0.1 / 3, s1: 0.1 / 3, [C1]: 0.1 / 3 + 0.9 });
    expectShares(await credits(engine, 'orders_next:o2', 'linear_tiers'), { m3: 1 });
  });

  it('sums every attributed conversion’s credits to 1 per model and reports the rest', async () => {
    const sums = await engine.query(
      sql(
        'SELECT model, conversion_id, SUM(fraction) AS s FROM credits GROUP BY model, conversion_id',
      ),
    );
    for (const s of sums) expect(Number(s.s)).toBeCloseTo(1, 12);
    expect(new Set(sums.map((s) => s.model))).toEqual(new Set(MODELS));
    expect(sums.length).toBe(15 * MODELS.length);
    const summary = await engine.query(
      sql('SELECT * FROM attribution_summary ORDER BY model, value_kind'),
    );
    // One row per model and value kind: the demo is revenue (orders, custom), the lead pipeline,
    // the deflected ticket savings.
    expect([...new Set(summary.map((s) => s.model))]).toEqual(MODELS);
    expect([...new Set(summary.map((s) => s.value_kind))].sort()).toEqual([
      'pipeline',
      'revenue',
      'savings',
    ]);
    const kinds = await engine.query(
      sql('SELECT value_kind, COUNT(*) AS n FROM conversions GROUP BY value_kind'),
    );
    for (const s of summary)
      expect(s.conversions).toBe(Number(kinds.find((k) => k.value_kind === s.value_kind)?.n));
    // Counts (not money) add up across kinds: 18 conversions, 15 attributed, 3 not.
    for (const model of MODELS) {
      const rows = summary.filter((s) => s.model === model);
      const total = (key: string) => rows.reduce((n, s) => n + Number(s[key]), 0);
      expect([
        total('conversions'),
        total('attributed_conversions'),
        total('unattributed_conversions'),
      ]).toEqual([18, 15, 3]);
    }
  });

  it('explains why each other touch earned nothing', async () => {
    const reasons = async (id: string) =>
      (await explainConversion(engine, id)).excluded.map((t) => [t.touchpoint_id, t.reason]);
    expect(await reasons('orders_next:o2')).toEqual([
      ['m1', 'outside the window (7 days)'],
      ['m2', 'consumed by an earlier conversion (next_only)'],
      ['s1', 'consumed by an earlier conversion (next_only)'],
      [C1, 'consumed by an earlier conversion (next_only)'],
      ['m4', 'after the conversion'],
    ]);
    expect(await reasons('chat_only:o2')).toEqual([
      ['m1', 'outside the window (7 days)'],
      ['m2', 'ineligible by filter'],
      ['s1', 'ineligible by filter'],
      ['m3', 'ineligible by filter'],
      ['m4', 'after the conversion'],
    ]);
    const e = await explainConversion(engine, 'order:o1');
    expect(e.models).toEqual(MODELS);
    expect(e.touches.map((t) => [t.touchpoint_id, t.link, t.milestone])).toEqual([
      ['m2', 'influenced', null],
      ['s1', 'influenced', null],
      [C1, 'converted', 'lead'],
    ]);
    expect(e.touches.map((t) => Number(t.w_shaped))).toEqual([
      expect.closeTo(3 / 7, 12),
      expect.closeTo(1 / 7, 12),
      expect.closeTo(3 / 7, 12),
    ]);
  });

  it('compares the models side by side by channel', async () => {
    const rows = await compareAttribution(engine, {
      models: ['first_touch', 'linear'],
      by: ['channel'],
    });
    expect(Object.keys(rows[0] ?? {})).toEqual(['value_kind', 'channel', 'first_touch', 'linear']);
    const all = await compareAttribution(engine, { models: [], by: [] });
    expect(Object.keys(all[0] ?? {})).toEqual(['value_kind', ...MODELS]);
    // One row per value kind, revenue first; in each, every model credits the same total: the
    // value of the attributed conversions of that kind.
    expect(all.map((r) => r.value_kind)).toEqual(['revenue', 'pipeline', 'savings']);
    for (const row of all) {
      const totals = MODELS.map((m) => Number(row[m]));
      for (const t of totals) expect(t).toBeCloseTo(totals[0]!, 9);
    }
    await expect(compareAttribution(engine, { models: ['nope'], by: [] })).rejects.toThrow(
      /unknown model "nope"/,
    );
  });

  it('attributes a late order on the next run, recomputing only the journeys it touches', async () => {
    expect(first.stages.find((s) => s.stage === 'journeys')?.detail).toMatch(
      /^recomputed 18 of 18 journeys \(settings changed: all\)/,
    );
    const { config, open } = attributionScenario({ late: true });
    const late = await runPipeline(engine, config, { open });
    // Ann's 12 conversions (o1, o2, o6 under three definitions, tk1, her lead, her demo).
    expect(late.stages.find((s) => s.stage === 'journeys')?.detail).toMatch(
      /^recomputed 12 of 21 journeys, lookback 7 days/,
    );
    expect(await journey(engine, 'order:o6')).toEqual(['m2', 's1', C1, 'm3']);
    expect(await journey(engine, 'orders_next:o6')).toEqual(['m3']);
    // o6 came before o2 and consumed m3.
    expect(await journey(engine, 'orders_next:o2')).toEqual([]);
    const [run] = await engine.query(
      sql(
        'SELECT recomputed_journeys FROM runs ORDER BY started_at DESC, recomputed_journeys LIMIT 1',
      ),
    );
    expect(run?.recomputed_journeys).toBe(12);

    // The incremental result equals a full run on the same data, row for row.
    const fresh = await openEngine(config.engine);
    try {
      await runPipeline(fresh, config, { open });
      for (const [table, order] of [
        ['journeys', 'conversion_id, position'],
        ['credits', 'conversion_id, touchpoint_id, model'],
      ] as const)
        expect(await snapshot(engine, table, order)).toEqual(await snapshot(fresh, table, order));
      // Sums agree to rounding: the rows are added in another order.
      const [kept, full] = [
        await snapshot(engine, 'attribution_summary', 'model, value_kind'),
        await snapshot(fresh, 'attribution_summary', 'model, value_kind'),
      ];
      expect(kept.map((r) => Object.keys(r))).toEqual(full.map((r) => Object.keys(r)));
      kept.forEach((r, i) =>
        Object.entries(r).forEach(([k, v]) =>
          typeof v === 'number'
            ? expect(v).toBeCloseTo(Number(full[i]?.[k]), 9)
            : expect(v).toBe(full[i]?.[k]),
        ),
      );
    } finally {
      await fresh.close();
    }

    // Unchanged data: nothing recomputed, every result identical.
    const before = await snapshot(engine, 'credits', 'conversion_id, touchpoint_id, model');
    const again = await runPipeline(engine, config, { open, force: true });
    expect(again.stages.find((s) => s.stage === 'journeys')?.detail).toMatch(/^recomputed 0 of 21/);
    // The fingerprints kept (only changes are written) are this run's digests plus the settings.
    const [kept] = await engine.query(
      sql(`SELECT (SELECT COUNT(*) FROM attribution_fingerprints) AS fingerprints,
        (SELECT COUNT(*) FROM attribution_digests g JOIN attribution_fingerprints f
           ON f.key_type = g.key_type AND f.key_value = g.key_value AND f.fingerprint = g.fingerprint) AS matching,
        (SELECT COUNT(*) FROM attribution_digests) AS digests`),
    );
    expect([kept?.fingerprints, kept?.matching]).toEqual([
      Number(kept?.digests) + 1,
      kept?.digests,
    ]);
    expect(await snapshot(engine, 'credits', 'conversion_id, touchpoint_id, model')).toEqual(
      before,
    );
  });
});

describe('attribution settings changed on a warehouse with results', () => {
  it('recomputes every journey as a fresh run would, then nothing on the run after', async () => {
    const { config, open } = attributionScenario();
    const engine = await openEngine(config.engine);
    // One model fewer: the settings digest changes, the inputs do not.
    const changed = {
      ...config,
      attribution: {
        ...config.attribution,
        models: config.attribution.models.filter((m) => m.name !== 'time_decay'),
      },
    };
    const fresh = await openEngine(config.engine);
    try {
      await runPipeline(engine, config, { open });
      const all = await runPipeline(engine, changed, { open });
      expect(all.stages.find((s) => s.stage === 'journeys')?.detail).toMatch(
        /^recomputed 18 of 18 journeys \(settings changed: all\)/,
      );
      await runPipeline(fresh, changed, { open });
      for (const [table, order] of [
        ['journeys', 'conversion_id, position'],
        ['credits', 'conversion_id, touchpoint_id, model'],
        ['attribution_fingerprints', 'key_type, key_value'],
      ] as const)
        expect(await snapshot(engine, table, order)).toEqual(await snapshot(fresh, table, order));
      // The fingerprints written whole match this run's digests: the next run recomputes nothing.
      const again = await runPipeline(engine, changed, { open, force: true });
      expect(again.stages.find((s) => s.stage === 'journeys')?.detail).toMatch(
        /^recomputed 0 of 18/,
      );
    } finally {
      await engine.close();
      await fresh.close();
    }
  });
});

describe('conversation revenue tiers at their edges', () => {
  it('keeps a purchase exactly 30 minutes after the end in the 90 % tier, a millisecond later in the 60 % one', async () => {
    const email = 'eve@example.com';
    const { config, open } = memoryConfig(
      {
        touches: {
          kind: 'touchpoints',
          rows: [
            {
              touchpoint_id: 'm',
              occurred_at: '2026-03-01T08:00:00Z',
              touchpoint_type: 'marketing',
              channel: 'email',
              email,
            },
          ],
        },
        conversations: {
          kind: 'conversations',
          rows: [
            {
              conversation_id: 'c',
              channel: 'chat',
              started_at: '2026-03-01T09:00:00Z',
              ended_at: '2026-03-01T10:00:00Z',
              email,
            },
          ],
        },
        orders: {
          kind: 'orders',
          rows: [
            ['during', '2026-03-01T10:00:00.000Z'],
            ['at30', '2026-03-01T10:30:00.000Z'],
            ['past30', '2026-03-01T10:30:00.001Z'],
            ['at7d', '2026-03-08T10:00:00.000Z'],
            ['past7d', '2026-03-08T10:00:00.001Z'],
          ].map(([id, at]) => ({ order_id: id, placed_at: at, amount: '100', email })),
        },
      },
      { models: [{ name: 'tiers', kind: 'linear', conversation_tiers: true }] },
    );
    const engine = await openEngine(config.engine);
    try {
      await runPipeline(engine, config, { open });
      // Linear gives each touch 1/2; the conversation keeps S more and the rest scales by 1 − S.
      const share = (s: number) => ({ m: (1 - s) / 2, 'conversation:c': (1 - s) / 2 + s });
      for (const [id, s] of [
        ['during', 1],
        ['at30', 0.9],
        ['past30', 0.6],
        ['at7d', 0.3],
        ['past7d', 0],
      ] as const) {
        const actual = await credits(engine, `order:${id}`, 'tiers');
        const expected = Object.fromEntries(Object.entries(share(s)).filter(([, f]) => f > 0));
        expectShares(actual, expected);
      }
    } finally {
      await engine.close();
    }
  });
});
