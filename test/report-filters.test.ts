import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine, Row } from '../src/engine/engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import type { ReportOptions } from '../src/pipeline/reports/metric-report.js';
import { HOSTILE_VALUES } from './support/hostile-values.js';
import { scenarioReports, type ScenarioReports } from './support/scenario-reports.js';

/**
 * Grouped reports filtered before they aggregate, on the scenario of metrics.test.ts. Segments:
 * SMB = k1 (Ann, chat) and k4 (Bob, voice) of account A; enterprise = k3 (Cy, SMS) of account B;
 * returning = the shopper's k2, k5, k6 (no account). Linear economics (see metrics.test.ts):
 * k1 direct 833.33 + lead 500; k4 direct 333.33 + lead 500; k3 nothing, cost 0.12.
 */
describe('reports filtered by segment, channel, type and dates', () => {
  let scenario: ScenarioReports;
  let engine: Engine;
  const report = (name: string, options: ReportOptions = {}) => scenario.report(name, options);
  const overall = async (options: ReportOptions) => {
    const rows = await report('rpc', { model: 'linear', by: ['overall'], ...options });
    expect(rows).toHaveLength(1);
    return rows[0]!;
  };

  beforeAll(async () => {
    scenario = await scenarioReports();
    engine = scenario.engine;
  });
  afterAll(() => engine.close());

  it('RPC of one segment is computed over that segment’s conversations only', async () => {
    const smb = await overall({ filter: { segment: 'SMB' } });
    expect(smb.conversations).toBe(2);
    // Direct (revenue only): 333.33 + 333.33 of opp1 won over 2; k1's 500 of opp1 created is
    // pipeline; comprehensive adds two leads of 500.
    expect(Number(smb.direct_revenue)).toBeCloseTo(2000 / 3, 6);
    expect(Number(smb.pipeline_value)).toBeCloseTo(500, 6);
    expect(Number(smb.rpc_basic)).toBeCloseTo(2000 / 6, 6);
    expect(Number(smb.rpc_comprehensive)).toBeCloseTo(5000 / 6, 6);
    const enterprise = await overall({ filter: { segment: 'enterprise' } });
    expect(enterprise).toMatchObject({ conversations: 1, total_value: 0, rpc_comprehensive: 0 });
    expect(Number(enterprise.cost)).toBeCloseTo(0.12, 12);
  });

  it('a filter matching no conversation gives undefined rates, not 0', async () => {
    const none = await overall({ filter: { segment: 'no such segment' } });
    expect(none).toMatchObject({
      conversations: 0,
      total_value: 0,
      rpc_basic: null,
      rpc_comprehensive: null,
      roi_percent: null,
    });
    const [conv] = await report('conversion', {
      by: ['overall'],
      days: [7],
      filter: { segment: 'no such segment' },
    });
    expect(conv).toMatchObject({ conversations: 0, converted: 0, rate: null, rate_low: null });
  });

  it('filtered totals reconcile: the segments’ numerators add up to the whole', async () => {
    const whole = await overall({});
    const segments = ['SMB', 'enterprise', 'returning'];
    const parts = await Promise.all(segments.map((segment) => overall({ filter: { segment } })));
    for (const column of ['conversations', 'direct_revenue', 'total_value', 'cost'])
      expect(
        parts.reduce((s, r) => s + Number(r[column]), 0),
        column,
      ).toBeCloseTo(Number(whole[column]), 9);
    // And each filtered figure is the unfiltered report's row for that segment.
    const bySegment = await report('rpc', { model: 'linear', by: ['segment'] });
    for (const [i, segment] of segments.entries()) {
      const row = bySegment.find((r) => r.dimension_value === segment);
      expect(parts[i]?.rpc_comprehensive, segment).toBeCloseTo(Number(row?.rpc_comprehensive), 9);
    }
    const conversion = (segment?: string) =>
      report('conversion', {
        by: ['overall'],
        days: [7, 30],
        outcome: 'closed_won',
        ...(segment ? { filter: { segment } } : {}),
      });
    const all = await conversion();
    const split = (await Promise.all(segments.map(conversion))).flat();
    for (const w of [7, 30])
      for (const column of ['conversations', 'converted'])
        expect(
          split.filter((r) => r.window_days === w).reduce((s, r) => s + Number(r[column]), 0),
        ).toBe(all.find((r) => r.window_days === w)?.[column]);
  });

  it('conversion and the funnel of one segment, with Wilson intervals over it', async () => {
    // Account conversations within 7 days of an opportunity: SMB k1 (yes), k4 (no); B's k3 no.
    const smb = await report('conversion', {
      by: ['overall', 'persona'],
      days: [7],
      filter: { segment: 'SMB' },
    });
    const all = smb.find((r) => r.dimension === 'overall');
    expect(all).toMatchObject({ conversations: 2, converted: 1, rate: 0.5, small_sample: true });
    // Wilson 95 % for 1 of 2.
    expect(Number(all?.rate_low)).toBeCloseTo(0.094531, 5);
    expect(Number(all?.rate_high)).toBeCloseTo(0.905469, 5);
    expect(smb.filter((r) => r.dimension === 'persona').map((r) => r.dimension_value)).toEqual([
      'executive',
      'individual_contributor',
    ]);
    const enterprise = await report('conversion', {
      by: ['overall'],
      days: [7],
      filter: { segment: 'enterprise' },
    });
    expect(enterprise[0]).toMatchObject({ conversations: 1, converted: 0, rate: 0 });
    // The shopper has no account: nothing of the segment can reach an opportunity.
    const returning = await report('conversion', {
      by: ['overall'],
      days: [7],
      filter: { segment: 'returning' },
    });
    expect(returning[0]).toMatchObject({ conversations: 0, rate: null });
    const funnel = await report('funnel', { filter: { segment: 'SMB' } });
    expect(funnel.map((r) => r.reached)).toEqual([2, 2, 1, 1, 1]);
    const lost = await report('funnel', { filter: { segment: 'enterprise' } });
    expect(lost.map((r) => r.reached)).toEqual([1, 0, 0, 0, 0]);
    expect(lost[1]?.step_rate).toBe(0);
    expect(lost[2]?.step_rate).toBeNull();
  });

  it('filters by channel, conversation type and days, together too', async () => {
    // chat: k1 (833.33) and k5 (26.67).
    expect(Number((await overall({ filter: { channel: 'chat' } })).rpc_comprehensive)).toBeCloseTo(
      430,
      6,
    );
    const support = await overall({ filter: { conversation_type: 'general_support' } });
    expect(support.conversations).toBe(2);
    expect(Number(support.total_value)).toBeCloseTo(170 / 3, 6);
    // 3 to 10 March: k2 (56.67), k3 (0), k4 (833.33).
    const days = await overall({ filter: { from: '2026-03-03', to: '2026-03-10' } });
    expect(days.conversations).toBe(3);
    expect(Number(days.rpc_comprehensive)).toBeCloseTo(890 / 3, 6);
    const both = await overall({
      filter: { from: '2026-03-03', to: '2026-03-10', segment: 'SMB' },
    });
    expect(both.conversations).toBe(1);
    const daily = await report('rpc-daily', {
      model: 'linear',
      filter: { from: '2026-03-03', to: '2026-03-10' },
    });
    expect(daily.map((r) => r.day)).toEqual(['2026-03-03', '2026-03-04', '2026-03-10']);
    // Channel ROI reads touches and spend by channel and day: email earned 333.33 of revenue
    // (opp1 won) on 1 March, and 500 of pipeline (opp1 created).
    const roi = await report('channel-roi', {
      model: 'linear',
      by: ['channel'],
      filter: { channel: 'email' },
    });
    expect(roi.map((r) => r.channel)).toEqual(['email']);
    expect(Number(roi[0]?.attributed_revenue)).toBeCloseTo(1000 / 3, 6);
    const later = await report('channel-roi', {
      model: 'linear',
      by: ['channel'],
      filter: { channel: 'email', from: '2026-03-02' },
    });
    expect(later.map((r) => r.attributed_revenue)).toEqual([]);
  });

  it('a filter a report has no notion of is refused, never silently ignored', async () => {
    await expect(report('metric-parameters', { filter: { segment: 'SMB' } })).rejects.toThrow(
      /report metric-parameters cannot be filtered by --segment \(it takes no filters\)/,
    );
    await expect(
      report('channel-roi', { model: 'linear', filter: { segment: 'SMB' } }),
    ).rejects.toThrow(
      /cannot be filtered by --segment \(it takes --from, --to, --channel, --value-kind\)/,
    );
    await expect(report('rpc', { filter: { value_kind: 'profit' } })).rejects.toThrow(
      /--value-kind profit: give one of revenue, pipeline, savings/,
    );
    await expect(report('rpc', { filter: { outcome: 'won' } })).rejects.toThrow(
      /--outcome won: give one of order/,
    );
    await expect(report('funnel', { filter: { value_kind: 'revenue' } })).rejects.toThrow(
      /report funnel cannot be filtered by --value-kind/,
    );
    await expect(report('rpc', { filter: { from: '2026-02-30' } })).rejects.toThrow(/yyyy-mm-dd/);
    await expect(
      report('rpc', { filter: { from: '2026-03-10', to: '2026-03-01' } }),
    ).rejects.toThrow(/after --to/);
    await expect(report('rpc', { filter: { segment: 'a\u0000b' } })).rejects.toThrow(/control/);
  });

  it('hostile values are values: quoted, matched against nothing, the warehouse untouched', async () => {
    const [before] = await engine.query(sql('SELECT COUNT(*) AS n FROM conversation_economics'));
    for (const value of HOSTILE_VALUES) {
      for (const name of ['rpc', 'conversion', 'funnel', 'rpc-trend', 'what-if']) {
        const rows: Row[] = await report(name, { filter: { segment: value } });
        // rpc-trend has no period to report without a conversation day: no rows.
        if (name !== 'rpc-trend') expect(rows.length, name).toBeGreaterThan(0);
        for (const r of rows)
          if ('conversations' in r) expect(r.conversations, `${name} ${value}`).toBe(0);
      }
    }
    const [after] = await engine.query(sql('SELECT COUNT(*) AS n FROM conversation_economics'));
    expect(after).toEqual(before);
  });
});
