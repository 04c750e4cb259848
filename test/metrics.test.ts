import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personaOf } from '../src/core/metrics/persona.js';
import type { Engine, Row } from '../src/engine/engine.js';
import { openEngine } from '../src/engine/open-engine.js';
import { paddedTitleSql, personaSql } from '../src/engine/sql/metrics/persona-sql.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { loadRows } from '../src/pipeline/metrics/load-rows.js';
import type { MetricSettings } from '../src/pipeline/metrics/metric-settings.js';
import { readMetricSettings } from '../src/pipeline/metrics/read-metric-settings.js';
import type { ReportOptions } from '../src/pipeline/reports/metric-report.js';
import { METRIC_REPORTS } from '../src/pipeline/reports/metric-reports.js';
import { readReport } from '../src/pipeline/reports/read-report.js';
import { runPipeline } from '../src/pipeline/run-pipeline.js';
import { metricsScenario } from './support/metrics-scenario.js';

/**
 * Every metric report on the hand-built world of support/metrics-scenario.ts. The figures in
 * the comments are worked out by hand from the scenario; see there for who did what when.
 *
 * Credits (90-day lookback): order o2 (80) ← k2 bot, m2 paid search, k5 chat; opp1 created
 * (1000) ← m1 email, k1 chat; opp1 won (1000) ← m1, k1, k4 voice; o0 and opp2 unattributed.
 * Orders and won deals are revenue; opportunities created are pipeline, reported apart and never
 * in direct revenue or a total (opp1 is pipeline once when created, revenue once when won).
 * Parameters (auto): agent cost = the one handled ticket, 10; close rate = 1 won / 2 closed;
 * deal value = 1000; so a new lead on an account is worth 500. Retention: k2 is a resolved
 * complaint by a customer with 200 of orders in the year before: 10 % of 200 = 20.
 */
describe('metric reports on a hand-computed scenario', () => {
  let engine: Engine;
  let settings: MetricSettings;
  const report = (name: string, options: ReportOptions = {}) => {
    const r = METRIC_REPORTS.find((x) => x.name === name);
    if (!r) throw new Error(`no report ${name}`);
    return r.compute(engine, settings, options);
  };
  const pick = (rows: Row[], where: Record<string, unknown>) =>
    rows.filter((r) => Object.entries(where).every(([k, v]) => r[k] === v));
  const one = (rows: Row[], where: Record<string, unknown>) => {
    const found = pick(rows, where);
    expect(found, JSON.stringify(where)).toHaveLength(1);
    return found[0]!;
  };

  beforeAll(async () => {
    const { config, open } = metricsScenario();
    engine = await openEngine(config.engine);
    await runPipeline(engine, config, { open });
    settings = await readMetricSettings(engine);
  });
  afterAll(() => engine.close());

  it('derives the auto parameters from the warehouse', () => {
    expect(settings.models).toEqual(['first_touch', 'last_touch', 'linear']);
    expect(settings.values).toEqual({
      agentCostPerTicket: 10,
      leadCloseRate: 0.5,
      averageDealValue: 1000,
      consumerLeadValue: 0,
      retentionSaveRate: 0.1,
    });
  });

  it('derives conversation facts: segment, persona, deal stage, leads, deflection, customer value', async () => {
    const facts = await engine.query(
      sql(`SELECT conversation_id, segment, industry, persona, deal_stage, new_lead, deflected_tickets,
                  resolved_complaint, customer_value FROM conversation_facts ORDER BY conversation_id`),
    );
    expect(facts.map((f) => Object.values(f))).toEqual([
      ['k1', 'SMB', 'retail', 'executive', 'no_opportunity', true, 0, false, 0],
      ['k2', 'returning', null, 'unknown', 'no_account', false, 1, true, 200],
      ['k3', 'enterprise', 'software', 'director', 'closed_lost', false, 0, false, 0],
      ['k4', 'SMB', 'retail', 'individual_contributor', 'open_opportunity', true, 0, false, 0],
      // o2 is 10 minutes after k5 started: not prior. By k6 the shopper has bought 200 + 80.
      ['k5', 'returning', null, 'unknown', 'no_account', false, 0, false, 200],
      ['k6', 'returning', null, 'unknown', 'no_account', false, 0, false, 280],
    ]);
  });

  it('prices every conversation: linear economics', async () => {
    const rows = await report('conversation-economics', { model: 'linear' });
    const byId: Record<string, Row> = Object.fromEntries(
      rows.map((r) => [String(r.conversation_id), r]),
    );
    // k1: 1000/3 of opp1 won, plus a new account lead (500); 500 of opp1 created is pipeline,
    // beside the total. ROI in percent: profit / cost × 100.
    expect(byId.k1).toMatchObject({ lead_value: 500, cost: 5, product_category: null });
    expect(Number(byId.k1?.direct_revenue)).toBeCloseTo(333.333333, 5);
    expect(Number(byId.k1?.pipeline_value)).toBeCloseTo(500, 9);
    expect(Number(byId.k1?.total_value)).toBeCloseTo(833.333333, 5);
    expect(Number(byId.k1?.roi_percent)).toBeCloseTo(((833.333333 - 5) / 5) * 100, 3);
    // k2: a third of o2, one deflected ticket (10), retention 20.
    expect(byId.k2).toMatchObject({
      cost_savings: 10,
      retention_value: 20,
      product_category: 'shoes',
    });
    expect(Number(byId.k2?.total_value)).toBeCloseTo(56.666667, 5);
    // k3 earned nothing and cost 0.12: profit −0.12, ROI −100 %.
    expect(byId.k3).toMatchObject({ total_value: 0, profit: -0.12, roi_percent: -100 });
    // k6 cost 0.05 and earned nothing.
    expect(byId.k6).toMatchObject({ total_value: 0, roi_percent: -100 });
  });

  it('RPC overall per model, basic and comprehensive', async () => {
    const rows = await report('rpc', { by: ['overall'] });
    // Non-sales value is the same under every model: savings 10, leads 1000, retention 20.
    // linear: direct 2/3 · 80 + 2 · 1000/3 = 720; total 1750 over 6 conversations; the 500 of
    // opp1 created that k1 earned is pipeline, apart.
    const linear = one(rows, { model: 'linear' });
    expect(linear).toMatchObject({
      conversations: 6,
      cost_savings: 10,
      lead_value: 1000,
      retention_value: 20,
    });
    expect(Number(linear.direct_revenue)).toBeCloseTo(720, 6);
    expect(Number(linear.pipeline_value)).toBeCloseTo(500, 6);
    expect(Number(linear.rpc_basic)).toBeCloseTo(720 / 6, 6);
    expect(Number(linear.rpc_comprehensive)).toBeCloseTo(1750 / 6, 6);
    expect(Number(linear.cost)).toBeCloseTo(8.47, 9);
    expect(Number(linear.roi_percent)).toBeCloseTo(((1750 - 8.47) / 8.47) * 100, 6);
    // first touch: only k2's 80 (o2); last touch: k5 80 + k4 1000 (won), and k1's 1000 (opp1
    // created) as pipeline.
    expect(Number(one(rows, { model: 'first_touch' }).rpc_comprehensive)).toBeCloseTo(1110 / 6, 6);
    expect(Number(one(rows, { model: 'last_touch' }).rpc_basic)).toBeCloseTo(1080 / 6, 6);
    expect(Number(one(rows, { model: 'last_touch' }).pipeline_value)).toBeCloseTo(1000, 6);
  });

  it('RPC by channel, product category, segment, hour, weekday, flow and agent', async () => {
    const rows = await report('rpc', { model: 'linear' });
    const rpc = (dimension: string, value: unknown) =>
      Number(one(rows, { dimension, dimension_value: value }).rpc_comprehensive);
    // chat: k1 (833.33) + k5 (26.67) over 2.
    expect(rpc('channel', 'chat')).toBeCloseTo(430, 6);
    expect(rpc('channel', 'voice')).toBeCloseTo(833.333333, 5);
    expect(rpc('channel', 'sms')).toBe(0);
    // k2 and k5 were credited from o2 (shoes); the rest from no order.
    expect(
      one(rows, { dimension: 'product_category', dimension_value: 'shoes' }).conversations,
    ).toBe(2);
    expect(rpc('product_category', 'shoes')).toBeCloseTo((56.666667 + 26.666667) / 2, 5);
    expect(rpc('segment', 'SMB')).toBeCloseTo(833.333333, 5);
    expect(rpc('segment', 'returning')).toBeCloseTo((56.666667 + 26.666667) / 3, 5);
    expect(rpc('hour_of_day', '10')).toBeCloseTo(833.333333, 5);
    // Tuesdays: k2, k4, k6.
    expect(one(rows, { dimension: 'day_of_week', dimension_value: 'Tue' }).conversations).toBe(3);
    expect(rpc('flow', 'bot:help')).toBeCloseTo(56.666667, 5);
    expect(one(rows, { dimension: 'agent', dimension_value: null }).conversations).toBe(4);
    // Every dimension partitions the conversations.
    for (const dim of [
      'channel',
      'segment',
      'hour_of_day',
      'day_of_week',
      'flow',
      'product_category',
    ])
      expect(pick(rows, { dimension: dim }).reduce((s, r) => s + Number(r.conversations), 0)).toBe(
        6,
      );
  });

  it('the waterfall stacks the components to the comprehensive RPC', async () => {
    const rows = await report('rpc-waterfall', { model: 'linear' });
    expect(rows.map((r) => r.component)).toEqual([
      'direct_sales',
      'cost_savings',
      'lead_capture',
      'retention',
      'total',
    ]);
    const cumulative = rows.map((r) => Number(r.cumulative_per_conversation));
    [720 / 6, 730 / 6, 1730 / 6, 1750 / 6, 1750 / 6].forEach((v, i) =>
      expect(cumulative[i]).toBeCloseTo(v, 6),
    );
    expect(Number(rows[2]?.share)).toBeCloseTo(1000 / 1750, 9);
  });

  it('daily series with trailing RPC, and 30/60/90-day trends with undefined previous periods', async () => {
    const daily = await report('rpc-daily', { model: 'linear' });
    expect(daily.map((r) => r.day)).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-10',
      '2026-03-20',
      '2026-06-30',
    ]);
    // 30 days to 3 Mar: (833.33 + 56.67) / 2; to 20 Mar: all of March, 1750 / 5.
    expect(Number(daily[1]?.rpc_30d)).toBeCloseTo(445, 6);
    expect(Number(daily[4]?.rpc_30d)).toBeCloseTo(350, 6);
    expect(daily[5]?.rpc_30d).toBe(0);
    const trend = await report('rpc-trend', { model: 'linear' });
    // Last 30 days (1–30 Jun): k6 alone, RPC 0; the 30 days before had no conversation.
    expect(one(trend, { window_days: 30 })).toMatchObject({
      period_start: '2026-06-01',
      period_end: '2026-06-30',
      conversations: 1,
      rpc_comprehensive: 0,
      previous_conversations: 0,
      previous_rpc_comprehensive: null,
      rpc_change: null,
      change_rate: null,
    });
    // 60 days: before, 3 Mar–1 May held k2…k5: 916.67 / 4.
    const sixty = one(trend, { window_days: 60 });
    expect(Number(sixty.previous_rpc_comprehensive)).toBeCloseTo(916.666667 / 4, 5);
    expect(sixty.change_rate).toBe(-1);
  });

  it('conversion to an opportunity by cohort, with Wilson intervals and small cohorts flagged', async () => {
    const rows = await report('conversion', { days: [7] });
    // Account conversations: k1 (opp1 3 days later), k3 (B's only deal was before), k4 (after opp1).
    const all = one(rows, { dimension: 'overall' });
    expect(all).toMatchObject({ conversations: 3, converted: 1, small_sample: true });
    expect(Number(all.rate_low)).toBeCloseTo(0.061492, 6);
    expect(Number(all.rate_high)).toBeCloseTo(0.79234, 5);
    expect(one(rows, { dimension: 'persona', dimension_value: 'executive' })).toMatchObject({
      converted: 1,
      rate: 1,
    });
    expect(
      one(rows, { dimension: 'deal_stage', dimension_value: 'open_opportunity' }),
    ).toMatchObject({ conversations: 1, converted: 0, rate: 0, rate_low: 0 });
    expect(one(rows, { dimension: 'industry', dimension_value: 'retail' })).toMatchObject({
      conversations: 2,
      rate: 0.5,
    });
  });

  it('conversion by definition, outcome and window: closed-won needs 30 days, qualified leads are the person’s', async () => {
    const won = await report('conversion', {
      by: ['overall'],
      outcome: 'closed_won',
      days: [7, 30],
    });
    expect(won.map((r) => [r.window_days, r.converted, r.conversations])).toEqual([
      [7, 0, 3],
      [30, 2, 3],
    ]);
    const twoWay = await report('conversion', {
      by: ['overall'],
      definition: 'two_way',
      days: [30],
    });
    expect(one(twoWay, {})).toMatchObject({ conversations: 2, converted: 1 });
    // Qualified leads: k1 and k4 qualify their own person; the shopper never does. k6 is the
    // horizon itself, not a day old: it is left out of the 1-day window.
    const leads = await report('conversion', {
      by: ['overall', 'channel'],
      outcome: 'qualified_lead',
      days: [1],
    });
    expect(one(leads, { dimension: 'overall' })).toMatchObject({ conversations: 5, converted: 2 });
    expect(one(leads, { dimension: 'channel', dimension_value: 'bot' })).toMatchObject({
      converted: 0,
    });
    // A window no conversation is old enough for is undefined, not 0 %.
    const tooLong = await report('conversion', { by: ['overall'], days: [365] });
    expect(one(tooLong, {})).toMatchObject({
      conversations: 0,
      rate: null,
      rate_low: null,
      rate_high: null,
    });
  });

  it('the funnel from conversation to won deal', async () => {
    const rows = await report('funnel');
    // k1, k3, k4 → replied k1, k4 → demo k1 → opp1 created → won.
    expect(rows.map((r) => r.reached)).toEqual([3, 2, 1, 1, 1]);
    expect(rows.map((r) => r.drop_off)).toEqual([0, 1, 1, 0, 0]);
    expect(Number(rows[1]?.step_rate)).toBeCloseTo(2 / 3, 12);
    expect(rows[2]?.step_rate).toBe(0.5);
  });

  it('speed to lead and send hour list every bucket, empty ones undefined', async () => {
    const speed = await report('speed-to-lead');
    expect(speed.map((r) => [r.response_time, r.conversations, r.converted, r.rate])).toEqual([
      ['≤ 1 min', 1, 1, 1],
      ['1 min–5 min', 0, 0, null],
      ['5 min–15 min', 1, 0, 0],
      ['15 min–1 h', 0, 0, null],
      ['1 h–24 h', 0, 0, null],
      ['> 24 h', 0, 0, null],
      ['no response', 1, 0, 0],
    ]);
    const hours = await report('send-hour');
    expect(hours).toHaveLength(24);
    expect(hours.filter((h) => h.conversations !== 0).map((h) => [h.hour, h.rate])).toEqual([
      [9, 0],
      [10, 1],
      [16, 0],
    ]);
    expect(hours[0]?.rate).toBeNull();
  });

  it('channel ROI: revenue against spend, undefined where nothing was spent', async () => {
    const rows = await report('channel-roi', { model: 'linear', by: ['channel'] });
    const email = one(rows, { channel: 'email' });
    expect(email.spend).toBe(20);
    // m1 earned a third of opp1 won (revenue); its half of opp1 created is pipeline.
    expect(email.value_kind).toBe('revenue');
    expect(Number(email.attributed_revenue)).toBeCloseTo(333.333333, 5);
    expect(Number(email.roi_percent)).toBeCloseTo((333.333333 / 20 - 1) * 100, 4);
    expect(Number(one(rows, { channel: 'paid_search' }).roas)).toBeCloseTo(26.666667 / 30, 6);
    expect(one(rows, { channel: 'paid_social' })).toMatchObject({
      attributed_revenue: 0,
      roas: 0,
      roi_percent: -100,
    });
    expect(one(rows, { channel: 'chat' })).toMatchObject({
      spend: 0,
      roas: null,
      roi_percent: null,
    });
    // Seed 003's ROI of sourced pipeline: (500 − 20) / 20 × 100 = 2400 %.
    const pipeline = await report('channel-roi', {
      model: 'linear',
      by: ['channel'],
      filter: { value_kind: 'pipeline' },
    });
    expect(one(pipeline, { channel: 'email' })).toMatchObject({
      value_kind: 'pipeline',
      attributed_revenue: 500,
      roi_percent: 2400,
    });
    // Revenue: o2 (80) and opp1 won (1000); pipeline: opp1 created (1000), never in one sum.
    const total = (rs: Row[]) => rs.reduce((s, r) => s + Number(r.attributed_revenue), 0);
    expect(total(rows)).toBeCloseTo(1080, 9);
    expect(total(pipeline)).toBeCloseTo(1000, 9);
  });

  it('chatbot KPIs', async () => {
    const [kpis] = await report('chatbot', { model: 'linear' });
    // Chat and bot conversations: k1, k2, k5.
    expect(kpis).toMatchObject({
      chatbot_conversations: 3,
      leads_captured: 1,
      lead_capture_value: 500,
      tickets: 2,
      deflected_tickets: 1,
      deflection_rate: 0.5,
      ticket_agent_cost: 10,
      cost_savings: 10,
      // The shopper rated 4 and 5 with the bot; Bob rated 2 on a call; Ann and Cy never rated.
      people_rated_with_chatbot: 1,
      people_rated_without_chatbot: 1,
      csat_with_chatbot: 4.5,
      csat_without_chatbot: 2,
      csat_lift: 2.5,
    });
    expect(Number(kpis?.attributed_revenue)).toBeCloseTo(386.666667, 5);
    const conversion = await report('chatbot-conversion', { model: 'first_touch', by: ['intent'] });
    // First touch credits only k2 (first touch of o2).
    expect(conversion.map((r) => [r.dimension_value, r.converted])).toEqual([
      ['complete_checkout', 0],
      ['pricing', 0],
      ['track_order', 1],
    ]);
  });

  it('paths, path lengths, time to conversion and the Sankey', async () => {
    const paths = await report('paths');
    expect(paths.map((p) => [p.rank, p.path, p.conversions, p.value])).toEqual([
      [1, 'email > chat', 1, 1000],
      [2, 'email > chat > voice', 1, 1000],
      [3, 'bot > paid_search > chat', 1, 80],
    ]);
    // m1 1 Mar 09:00 → opp1 created 5 Mar 00:00: 3 days 15 hours.
    expect(paths[0]?.avg_days_to_convert).toBe(3.625);
    const lengths = await report('path-lengths');
    expect(lengths.map((l) => [l.touches, l.conversions, l.value, l.cumulative_share])).toEqual([
      [2, 1, 1000, 1 / 3],
      [3, 2, 1080, 1],
    ]);
    const times = await report('time-to-conversion');
    expect(times.filter((t) => t.conversions !== 0).map((t) => t.bucket)).toEqual([
      '3–7 days',
      '14–30 days',
      '30–60 days',
    ]);
    const edges = await report('sankey');
    expect(edges.map((e) => [e.step, e.source, e.target, e.journeys, e.value])).toEqual([
      [1, '1. email', '2. chat', 2, 2000],
      [1, '1. bot', '2. paid_search', 1, 80],
      [2, '2. chat', '3. voice', 1, 1000],
      [2, '2. chat', 'conversion', 1, 1000],
      [2, '2. paid_search', '3. chat', 1, 80],
      [3, '3. chat', 'conversion', 1, 80],
      [3, '3. voice', 'conversion', 1, 1000],
    ]);
  });

  it('benchmarks and what-if', async () => {
    const bench = await report('benchmarks', { model: 'linear', industry: 'b2b_saas' });
    expect(one(bench, { scope: 'industry' })).toMatchObject({
      benchmark: 'b2b_saas',
      rpc_average: 45,
      position: 'high_to_top',
    });
    expect(Number(one(bench, { scope: 'industry' }).rpc)).toBeCloseTo(1750 / 6, 9);
    expect(Number(one(bench, { scope: 'industry' }).rpc_vs_average)).toBeCloseTo(1750 / 6 - 45, 9);
    expect(one(bench, { benchmark: 'proactive' })).toMatchObject({
      rpc: 0,
      position: 'below_average',
    });
    const whatIf = await report('what-if', { model: 'linear', volume: 30_000, changes: [2] });
    expect(whatIf).toHaveLength(1);
    expect(whatIf[0]).toMatchObject({
      model: 'linear',
      monthly_conversations: 30_000,
      rpc_change: 2,
      additional_monthly_revenue: 60_000,
      additional_annual_revenue: 720_000,
    });
    expect(Number(whatIf[0]?.current_rpc)).toBeCloseTo(1750 / 6, 9);
    expect(Number(whatIf[0]?.new_rpc)).toBeCloseTo(1750 / 6 + 2, 9);
    // Observed: 6 conversations over 2 Mar–30 Jun (121 days) per average month.
    const observed = await report('what-if', { model: 'linear', changes: [1] });
    expect(Number(observed[0]?.monthly_conversations)).toBeCloseTo((6 / 121) * 30.4375, 9);
  });

  it('reconciles: direct revenue per model is exactly the revenue credit of conversation touches, pipeline apart', async () => {
    const credits = await engine.query(
      sql(`SELECT cr.model, c.value_kind, SUM(cr.value) AS v FROM credits cr
           JOIN touchpoints t ON t.touchpoint_id = cr.touchpoint_id
           JOIN conversions c ON c.conversion_id = cr.conversion_id
           WHERE t.touchpoint_type = 'conversation' GROUP BY cr.model, c.value_kind ORDER BY cr.model`),
    );
    const rpc = await report('rpc', { by: ['overall'] });
    const column = { revenue: 'direct_revenue', pipeline: 'pipeline_value' } as const;
    for (const c of credits) {
      const kind = c.value_kind as keyof typeof column;
      expect(Number(one(rpc, { model: c.model })[column[kind]])).toBeCloseTo(Number(c.v), 9);
      // --value-kind gives the same direct value, computed from the credits.
      const filtered = await report('rpc', {
        model: String(c.model),
        by: ['overall'],
        filter: { value_kind: kind },
      });
      expect(Number(one(filtered, { model: c.model }).direct_revenue)).toBeCloseTo(Number(c.v), 9);
    }
    // --outcome closed_won under linear: k1 and k4 a third of opp1 won each.
    const won = await report('rpc', {
      model: 'linear',
      by: ['overall'],
      filter: { outcome: 'closed_won' },
    });
    expect(Number(one(won, { model: 'linear' }).direct_revenue)).toBeCloseTo(2000 / 3, 9);
  });

  it('materialises each report at the run’s settings exactly as it computes, in its order', async () => {
    for (const r of METRIC_REPORTS.filter((x) => x.materialised)) {
      const stored = await engine.query(
        sql(`SELECT * FROM ${engine.dialect.quoteIdentifier(r.table.name)} ORDER BY ordinal`),
      );
      const computed = await r.compute(engine, settings, {});
      const numbered = computed.map((row, i) => ({ ...row, ordinal: i + 1 }));
      expect(loadRows(r.table, stored), r.name).toEqual(loadRows(r.table, numbered));
    }
  });

  it('reads a report from its table when the table answers the flags, the same rows as computing', async () => {
    const cases: [string, ReportOptions][] = [
      ['rpc', {}],
      ['rpc', { by: ['overall'] }],
      ['rpc', { model: 'linear', by: ['channel', 'day_of_week'] }],
      ['rpc', { by: ['day_of_week', 'channel'] }],
      ['rpc-trend', { model: 'first_touch', days: [60] }],
      ['rpc-trend', { days: [10] }],
      ['conversion', { by: ['persona', 'segment'], days: [30] }],
      ['conversion', { outcome: 'closed_won', days: [30] }],
      ['funnel', {}],
      ['funnel', { by: ['overall', 'persona'] }],
      ['speed-to-lead', { days: [90] }],
      ['channel-roi', { model: 'linear' }],
      ['channel-roi', { by: ['channel'] }],
      ['chatbot-conversion', { model: 'first_touch', by: ['flow'] }],
      ['paths', { limit: 2 }],
      ['paths', { limit: 0 }],
      ['benchmarks', { model: 'last_touch', industry: 'luxury_goods' }],
      ['what-if', { model: 'linear' }],
      ['what-if', { changes: [3] }],
      ['sankey', {}],
    ];
    for (const [name, options] of cases) {
      const r = METRIC_REPORTS.find((x) => x.name === name)!;
      const read = await readReport(engine, r, settings, options);
      expect(read, `${name} ${JSON.stringify(options)}`).toEqual(
        await r.compute(engine, settings, options),
      );
    }
    // Flags are checked on the stored path as on the computed one.
    const rpc = METRIC_REPORTS.find((x) => x.name === 'rpc')!;
    await expect(readReport(engine, rpc, settings, { model: 'nope' })).rejects.toThrow(
      /unknown model "nope"/,
    );
  });

  it('renders personas in SQL exactly as the core reads them', async () => {
    const titles = [
      'VP Marketing',
      'Vice President, Sales',
      'Co-Founder',
      'Head of Growth',
      'RevOps Lead',
      'Leadership Coach',
      'Data Analyst',
      '',
      '  ',
      'IT Manager',
      'Chief Revenue Officer',
      'Sales/Director',
    ];
    const d = engine.dialect;
    for (const title of titles) {
      const [row] = await engine.query(
        sql(
          `SELECT ${personaSql(d, 't', paddedTitleSql(d, 't'))} AS persona FROM (SELECT CAST($1 AS ${d.columnType('text')}) AS t) x`,
          [title],
        ),
      );
      expect(row?.persona, title).toBe(personaOf(title));
    }
  });
});
