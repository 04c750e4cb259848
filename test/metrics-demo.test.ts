import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/adapters/config/load-config.js';
import { generateDemoData } from '../src/adapters/demo-data/generate-demo-data.js';
import { openSourceFile } from '../src/adapters/files/open-source-file.js';
import type { Engine, Row } from '../src/engine/engine.js';
import { openEngine } from '../src/engine/open-engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import type { MetricSettings } from '../src/pipeline/metrics/metric-settings.js';
import { readMetricSettings } from '../src/pipeline/metrics/read-metric-settings.js';
import type { ReportOptions } from '../src/pipeline/reports/metric-report.js';
import { METRIC_REPORTS } from '../src/pipeline/reports/metric-reports.js';
import { runPipeline } from '../src/pipeline/run-pipeline.js';

const sum = (rows: readonly Row[], column: string) =>
  rows.reduce((s, r) => s + Number(r[column] ?? 0), 0);

/**
 * Every report on the small demo reconciles with the credits table to the cent, per model, and
 * no rate over nothing comes out as a number.
 */
describe('metric reports on the demo reconcile with the credits', () => {
  let engine: Engine;
  let settings: MetricSettings;
  // Revenue credits (all, conversation, chatbot): direct revenue, channel ROI and chatbot revenue
  // never add pipeline; every: the credit of every kind, which the path reports carry.
  const credited = new Map<
    string,
    { all: number; every: number; conversation: number; chatbot: number }
  >();
  const report = (name: string, options: ReportOptions = {}) => {
    const r = METRIC_REPORTS.find((x) => x.name === name);
    if (!r) throw new Error(`no report ${name}`);
    return r.compute(engine, settings, options);
  };

  beforeAll(async () => {
    const data = await generateDemoData({
      scale: 5_000,
      seed: 11,
      outDir: join(mkdtempSync(join(tmpdir(), 'convrev-metrics-')), 'data'),
    });
    const config = await loadConfig(data.configPath, {
      engine: { kind: 'duckdb', path: ':memory:' },
    });
    engine = await openEngine(config.engine);
    await runPipeline(engine, config, { open: openSourceFile });
    settings = await readMetricSettings(engine);
    const rows = await engine.query(
      sql(`SELECT cr.model, SUM(CASE WHEN c.value_kind = 'revenue' THEN cr.value END) AS total, SUM(cr.value) AS every,
        COALESCE(SUM(CASE WHEN t.touchpoint_type = 'conversation' AND c.value_kind = 'revenue' THEN cr.value END), 0) AS conversation,
        COALESCE(SUM(CASE WHEN t.touchpoint_type = 'conversation' AND c.value_kind = 'revenue' AND t.channel IN ('chat', 'bot') THEN cr.value END), 0) AS chatbot
      FROM credits cr JOIN touchpoints t ON t.touchpoint_id = cr.touchpoint_id
      JOIN conversions c ON c.conversion_id = cr.conversion_id
      GROUP BY cr.model`),
    );
    for (const r of rows)
      credited.set(String(r.model), {
        all: Number(r.total),
        every: Number(r.every),
        conversation: Number(r.conversation),
        chatbot: Number(r.chatbot),
      });
  });
  afterAll(() => engine.close());

  it('has credits under every model to reconcile with', () => {
    expect([...credited.keys()].sort()).toEqual(settings.models);
    for (const c of credited.values()) expect(c.conversation).toBeGreaterThan(0);
  });

  it('RPC, waterfall, daily series and economics: direct revenue is the credit of conversation touches', async () => {
    const rpc = await report('rpc');
    const waterfall = await report('rpc-waterfall');
    const daily = await report('rpc-daily');
    const economics = await report('conversation-economics', { limit: 0 });
    for (const [model, c] of credited) {
      const mine = (rows: Row[]) => rows.filter((r) => r.model === model);
      for (const dim of [
        'overall',
        'conversation_type',
        'channel',
        'product_category',
        'segment',
        'hour_of_day',
        'day_of_week',
        'flow',
        'agent',
      ])
        expect(
          sum(
            mine(rpc).filter((r) => r.dimension === dim),
            'direct_revenue',
          ),
          `${model} ${dim}`,
        ).toBeCloseTo(c.conversation, 2);
      const steps = mine(waterfall);
      expect(Number(steps.find((s) => s.component === 'direct_sales')?.value)).toBeCloseTo(
        c.conversation,
        2,
      );
      const overall = mine(rpc).find((r) => r.dimension === 'overall');
      expect(Number(steps.find((s) => s.component === 'total')?.value)).toBeCloseTo(
        Number(overall?.total_value),
        2,
      );
      expect(sum(mine(daily), 'direct_revenue')).toBeCloseTo(c.conversation, 2);
      expect(sum(mine(economics), 'direct_revenue')).toBeCloseTo(c.conversation, 2);
    }
  });

  it('channel ROI: attributed revenue is all credit, spend is all spend, by any grouping', async () => {
    const [spent] = await engine.query(sql('SELECT SUM(amount) AS s FROM spend'));
    for (const by of [['channel'], ['channel', 'campaign'], ['day']]) {
      const rows = await report('channel-roi', { by });
      for (const [model, c] of credited) {
        const mine = rows.filter((r) => r.model === model);
        expect(sum(mine, 'attributed_revenue'), `${model} by ${by.join(',')}`).toBeCloseTo(
          c.all,
          2,
        );
        expect(sum(mine, 'spend')).toBeCloseTo(Number(spent?.s), 2);
      }
    }
  });

  it('chatbot revenue is the credit of chat and bot conversations, whole and by intent or flow', async () => {
    const kpis = await report('chatbot');
    const byDim = await report('chatbot-conversion');
    for (const [model, c] of credited) {
      expect(Number(kpis.find((k) => k.model === model)?.attributed_revenue)).toBeCloseTo(
        c.chatbot,
        2,
      );
      for (const dim of ['intent', 'flow'])
        expect(
          sum(
            byDim.filter((r) => r.model === model && r.dimension === dim),
            'attributed_revenue',
          ),
        ).toBeCloseTo(c.chatbot, 2);
    }
  });

  it('paths, lengths, times and the Sankey carry the value of every attributed conversion', async () => {
    const paths = await report('paths', { limit: 0 });
    const lengths = await report('path-lengths');
    const times = await report('time-to-conversion');
    const edges = await report('sankey');
    for (const c of credited.values()) {
      expect(sum(paths, 'value')).toBeCloseTo(c.every, 2);
      expect(sum(lengths, 'value')).toBeCloseTo(c.every, 2);
      expect(sum(times, 'value')).toBeCloseTo(c.every, 2);
      expect(
        sum(
          edges.filter((e) => e.step === 1),
          'value',
        ),
      ).toBeCloseTo(c.every, 2);
      expect(
        sum(
          edges.filter((e) => e.target === 'conversion'),
          'value',
        ),
      ).toBeCloseTo(c.every, 2);
    }
    expect(sum(paths, 'conversion_share')).toBeCloseTo(1, 9);
  });

  it('reports no rate over nothing as a number, and no number as infinite', async () => {
    for (const r of METRIC_REPORTS) {
      const rows = await r.compute(
        engine,
        settings,
        r.name === 'conversation-economics' ? { limit: 0 } : {},
      );
      for (const row of rows) {
        for (const [column, value] of Object.entries(row))
          if (typeof value === 'number')
            expect(Number.isFinite(value), `${r.name}.${column}`).toBe(true);
        if (row.conversations === 0)
          for (const c of [
            'rate',
            'rate_low',
            'rate_high',
            'rpc',
            'rpc_basic',
            'rpc_comprehensive',
          ])
            if (c in row) expect(row[c], `${r.name}.${c}`).toBeNull();
        if (row.spend === 0) expect([row.roas, row.roi_percent]).toEqual([null, null]);
        if (row.cost === 0 && 'roi_percent' in row) expect(row.roi_percent, r.name).toBeNull();
      }
    }
    const trend = await report('rpc-trend');
    for (const t of trend)
      if (t.previous_conversations === 0) expect(t.previous_rpc_comprehensive).toBeNull();
  });

  it('keeps funnels monotone and conversion counts within their cohorts', async () => {
    const funnel = await report('funnel', { by: ['overall', 'channel', 'persona'] });
    const groups = new Map<string, number[]>();
    for (const f of funnel) {
      const key = `${String(f.dimension)}:${String(f.dimension_value)}`;
      groups.set(key, [...(groups.get(key) ?? []), Number(f.reached)]);
    }
    for (const counts of groups.values())
      for (let i = 1; i < counts.length; i += 1)
        expect(counts[i]).toBeLessThanOrEqual(counts[i - 1]!);
    const conversion = await report('conversion');
    for (const c of conversion)
      expect(Number(c.converted)).toBeLessThanOrEqual(Number(c.conversations));
  });
});
