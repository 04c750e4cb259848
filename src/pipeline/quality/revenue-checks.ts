import { judge } from '../../core/quality/quality-band.js';
import type { QualityResult } from '../../core/quality/quality-result.js';
import { weekOverWeek } from '../../core/quality/week-over-week.js';
import type { Engine } from '../../engine/engine.js';
import { dailyChannelCreditsSql, reconciliationSql } from '../../engine/sql/quality/revenue-sql.js';
import { num, pct, type QualityContext } from './quality-context.js';

const money = (v: number): string => v.toFixed(2);

/**
 * Attributed revenue against the order source of truth, per model and day (a day that does not
 * reconcile to the tolerance fails), one total per model with what stayed unattributed; and the
 * week-over-week drift of each model's channel shares.
 */
export async function revenueChecks(engine: Engine, ctx: QualityContext): Promise<QualityResult[]> {
  const tolerance = ctx.config.reconciliationTolerance;
  const limits = { warn: null, fail: tolerance };
  const out: QualityResult[] = [];
  const totals = new Map<
    string,
    {
      credited: number;
      attributed: number;
      unattributed: number;
      orders: number;
      open: number;
      worst: number;
      days: number;
      bad: number;
    }
  >();
  for (const r of await engine.query(reconciliationSql(engine.dialect))) {
    const model = String(r.model);
    const diff = Math.abs(num(r.credited) - num(r.attributed_amount));
    const t = totals.get(model) ?? {
      credited: 0,
      attributed: 0,
      unattributed: 0,
      orders: 0,
      open: 0,
      worst: 0,
      days: 0,
      bad: 0,
    };
    t.credited += num(r.credited);
    t.attributed += num(r.attributed_amount);
    t.unattributed += num(r.unattributed_amount);
    t.orders += num(r.orders);
    t.open += num(r.unattributed_orders);
    t.worst = Math.max(t.worst, diff);
    t.days++;
    totals.set(model, t);
    const verdict = judge(diff, limits, 'max');
    if (verdict.status === 'pass') continue;
    t.bad++;
    out.push({
      check: 'revenue_reconciliation',
      subject: `model=${model} day=${String(r.day)}`,
      measured: diff,
      ...verdict,
      detail: `credited ${money(num(r.credited))} against ${money(num(r.attributed_amount))} of attributed orders; ${money(num(r.unattributed_amount))} in ${num(r.unattributed_orders)} orders unattributed`,
    });
  }
  for (const [model, t] of [...totals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    out.push({
      check: 'revenue_reconciliation',
      subject: `model=${model}`,
      measured: t.worst,
      ...judge(t.worst, limits, 'max'),
      detail: `${t.orders} orders: credited ${money(t.credited)} against ${money(t.attributed)} attributed; ${money(t.unattributed)} in ${t.open} orders unattributed; ${t.bad} of ${t.days} days off by more than ${tolerance}`,
    });
  }
  const rows = await engine.query(dailyChannelCreditsSql(engine.dialect));
  // Every channel of a model on every day of the model, so each share's denominator is the
  // model's whole total of the week, not only the days the channel had credit.
  const modelDays = new Map<string, Map<string, number>>();
  const channels = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const [model, day, channel] = [String(r.model), String(r.day), String(r.channel)];
    const days = modelDays.get(model) ?? new Map<string, number>();
    days.set(day, (days.get(day) ?? 0) + num(r.credited));
    modelDays.set(model, days);
    const cells = channels.get(model) ?? new Map<string, number>();
    cells.set(`${channel}\u0000${day}`, num(r.credited));
    channels.set(model, cells);
  }
  const daily = [...modelDays].flatMap(([model, days]) => {
    const cells = channels.get(model) ?? new Map<string, number>();
    const names = new Set([...cells.keys()].map((k) => k.split('\u0000')[0] ?? ''));
    return [...names].flatMap((channel) =>
      [...days].map(([day, whole]) => ({
        series: `model=${model} channel=${channel}`,
        day,
        part: cells.get(`${channel}\u0000${day}`) ?? 0,
        whole,
      })),
    );
  });
  for (const c of weekOverWeek(daily)) {
    const change = c.change === null ? null : Math.abs(c.change);
    out.push({
      check: 'drift',
      subject: `channel_share ${c.series}`,
      measured: change,
      ...judge(change, ctx.config.drift.channelShare, 'max'),
      detail: `week to ${c.lastDay}: share ${pct(c.current)} against ${pct(c.previous)} the week before`,
    });
  }
  return out;
}
