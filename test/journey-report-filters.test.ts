import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine, Row } from '../src/engine/engine.js';
import type { ReportFilter } from '../src/engine/sql/metrics/conversation-filter-sql.js';
import {
  attributionReport,
  compareAttribution,
} from '../src/pipeline/reports/attribution-report.js';
import type { ReportOptions } from '../src/pipeline/reports/metric-report.js';
import { HOSTILE_VALUES } from './support/hostile-values.js';
import { scenarioReports, type ScenarioReports } from './support/scenario-reports.js';

/**
 * The reports built on journeys and credits, filtered at the level of conversions, on the
 * scenario of metrics.test.ts. Its three attributed conversions:
 * - opp1 created (5 Mar, account A: SMB, 1000): email m1 > chat k1;
 * - opp1 won (1 Apr, SMB, 1000): email m1 > chat k1 > voice k4;
 * - order o2 (20 Mar, the shopper on no account: no segment, 80): bot k2 (general_support) >
 *   paid_search m2 > chat k5.
 * Linear credits: 500 + 500; 333.33 × 3; 26.67 × 3.
 */
describe('journey and attribution reports filtered by conversion', () => {
  let scenario: ScenarioReports;
  let engine: Engine;
  const report = (name: string, options: ReportOptions = {}) => scenario.report(name, options);
  // Credited value per channel of one value kind (revenue unless asked).
  const byChannel = async (filter: ReportFilter, kind = 'revenue') => {
    const rows = await attributionReport(engine, { model: 'linear', by: ['channel'], filter });
    return Object.fromEntries(
      rows
        .filter((r) => r.value_kind === kind)
        .map((r) => [String(r.channel), Number(r.credited_value)]),
    );
  };
  const pathsOf = async (filter: ReportFilter) =>
    (await report('paths', { filter })).map((p) => [p.path, p.conversions, p.value]);

  beforeAll(async () => {
    scenario = await scenarioReports();
    engine = scenario.engine;
  });
  afterAll(() => engine.close());

  it('paths keep the journeys of the conversions asked for, every step of them', async () => {
    expect(await pathsOf({ segment: 'SMB' })).toEqual([
      ['email > chat', 1, 1000],
      ['email > chat > voice', 1, 1000],
    ]);
    // A channel keeps the journeys that passed it, not only its own step.
    expect(await pathsOf({ channel: 'voice' })).toEqual([['email > chat > voice', 1, 1000]]);
    expect(await pathsOf({ conversation_type: 'general_support' })).toEqual([
      ['bot > paid_search > chat', 1, 80],
    ]);
    // Days are the conversion's: only o2 converted in 10–31 March.
    expect(await pathsOf({ from: '2026-03-10', to: '2026-03-31' })).toEqual([
      ['bot > paid_search > chat', 1, 80],
    ]);
    expect(await pathsOf({ segment: 'SMB', channel: 'bot' })).toEqual([]);
    // Shares are of the filtered conversions.
    const smb = await report('paths', { filter: { segment: 'SMB' } });
    expect(smb.map((p) => p.conversion_share)).toEqual([0.5, 0.5]);
  });

  it('path lengths, time to conversion and the Sankey follow the same conversions', async () => {
    const lengths = await report('path-lengths', { filter: { segment: 'SMB' } });
    expect(lengths.map((l) => [l.touches, l.conversions, l.value, l.cumulative_share])).toEqual([
      [2, 1, 1000, 0.5],
      [3, 1, 1000, 1],
    ]);
    // The won journey: m1 on 1 Mar 09:00 to 1 Apr 00:00 is 30.625 days.
    const times = await report('time-to-conversion', { filter: { channel: 'voice' } });
    expect(times.filter((t) => t.conversions !== 0).map((t) => [t.bucket, t.value])).toEqual([
      ['30–60 days', 1000],
    ]);
    const edges = await report('sankey', { filter: { channel: 'bot' } });
    expect(edges.map((e) => [e.step, e.source, e.target, e.journeys, e.value])).toEqual([
      [1, '1. bot', '2. paid_search', 1, 80],
      [2, '2. paid_search', '3. chat', 1, 80],
      [3, '3. chat', 'conversion', 1, 80],
    ]);
  });

  it('attribution keeps conversions by day and segment, credited touches by channel and type', async () => {
    const whole = await byChannel({});
    // SMB: opp1 won (revenue) thirds to email, chat and voice; opp1 created (pipeline) halves to
    // email and chat, apart.
    const smb = await byChannel({ segment: 'SMB' });
    expect(Object.keys(smb).sort()).toEqual(['chat', 'email', 'voice']);
    expect(smb.email).toBeCloseTo(1000 / 3, 9);
    expect(smb.chat).toBeCloseTo(1000 / 3, 9);
    expect(smb.voice).toBeCloseTo(1000 / 3, 9);
    expect(await byChannel({ segment: 'SMB' }, 'pipeline')).toEqual({
      chat: 500,
      email: 500,
    });
    // A channel's filtered credit is the unfiltered report's row of that channel.
    const chat = await byChannel({ channel: 'chat' });
    expect(Object.keys(chat)).toEqual(['chat']);
    expect(chat.chat).toBeCloseTo(whole.chat ?? NaN, 9);
    expect(chat.chat).toBeCloseTo(1000 / 3 + 80 / 3, 9);
    expect(await byChannel({ conversation_type: 'general_support' })).toEqual({
      bot: expect.closeTo(80 / 3, 9) as number,
    });
    const march = await byChannel({ from: '2026-03-10', to: '2026-03-31' });
    expect(Object.values(march).reduce((s, v) => s + v, 0)).toBeCloseTo(80, 9);
    // Unfiltered and ungrouped, the total of each value kind is the summary's: the same sums of
    // the same credits. Revenue: o2 and opp1 won; pipeline: opp1 created.
    for (const model of ['linear', 'first_touch', 'last_touch']) {
      const stored = await attributionReport(engine, { model, by: [] });
      expect(stored.map((r) => [r.value_kind, r.credited_conversions])).toEqual([
        ['revenue', 2],
        ['pipeline', 1],
      ]);
      const rows = await attributionReport(engine, { model, by: ['channel'] });
      for (const kindRow of stored) {
        const ofKind = rows.filter((r) => r.value_kind === kindRow.value_kind);
        const sum = (column: string) => ofKind.reduce((s, r) => s + Number(r[column]), 0);
        expect(Number(kindRow.credited_value), model).toBeCloseTo(sum('credited_value'), 9);
        expect(Number(kindRow.credited_conversions)).toBeCloseTo(sum('credited_conversions'), 9);
        expect(kindRow.value_share).toBe(1);
      }
    }
    // Filtered credits still sum to whole conversions: SMB holds opp1 won and opp1 created.
    const totals = await attributionReport(engine, {
      model: 'linear',
      by: [],
      filter: { segment: 'SMB' },
    });
    expect(totals.map((r) => [r.value_kind, Number(r.credited_conversions)])).toEqual([
      ['revenue', expect.closeTo(1, 12)],
      ['pipeline', expect.closeTo(1, 12)],
    ]);
    const compared = await compareAttribution(engine, {
      models: ['linear', 'first_touch'],
      by: ['channel'],
      filter: { segment: 'SMB' },
    });
    // First touch gives both SMB conversions to email m1; rows go by value kind, then by linear
    // value (chat and email tie), then by name.
    expect(compared.map((r) => [r.value_kind, r.channel, Number(r.first_touch)])).toEqual([
      ['revenue', 'chat', 0],
      ['revenue', 'email', 1000],
      ['revenue', 'voice', 0],
      ['pipeline', 'chat', 0],
      ['pipeline', 'email', 1000],
    ]);
  });

  it('chatbot KPIs follow a date range: conversations of those days, tickets created on them', async () => {
    const [march] = await report('chatbot', {
      model: 'linear',
      filter: { from: '2026-03-03', to: '2026-03-31' },
    });
    // k1 (2 Mar, the chat lead) falls out; k2 and k5 stay; both tickets were created in range.
    expect(march).toMatchObject({
      chatbot_conversations: 2,
      leads_captured: 0,
      lead_capture_value: 0,
      tickets: 2,
      deflected_tickets: 1,
      csat_with_chatbot: 4.5,
      csat_without_chatbot: 2,
    });
    expect(Number(march?.attributed_revenue)).toBeCloseTo(160 / 3, 9);
    const [later] = await report('chatbot', {
      model: 'linear',
      filter: { from: '2026-03-04', to: '2026-03-31' },
    });
    expect(later).toMatchObject({ tickets: 1, deflected_tickets: 0, deflection_rate: 0 });
    await expect(report('chatbot', { filter: { segment: 'SMB' } })).rejects.toThrow(
      /report chatbot cannot be filtered by --segment \(it takes --from, --to\)/,
    );
  });

  it('hostile values are values: they match nothing and leave the warehouse as it was', async () => {
    for (const value of HOSTILE_VALUES) {
      expect(await pathsOf({ segment: value }), value).toEqual([]);
      expect(await byChannel({ channel: value, conversation_type: value }), value).toEqual({});
      const sankey: Row[] = await report('sankey', { filter: { conversation_type: value } });
      expect(sankey).toEqual([]);
    }
    expect(await pathsOf({})).toHaveLength(3);
  });
});
