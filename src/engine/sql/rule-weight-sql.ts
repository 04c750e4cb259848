import {
  DEFAULT_DIRECT_CHANNELS,
  DEFAULT_FIRST_SHARE,
  DEFAULT_HALF_LIFE_DAYS,
  DEFAULT_LAST_SHARE,
  DEFAULT_MILESTONE_SHARE,
  type ModelSpec,
} from '../../core/attribution/model-spec.js';
import type { Dialect } from '../dialect.js';

/**
 * A model's unnormalised weight of journey touch `j` (with its touch `t`), the SQL form of
 * core/attribution/credit-touches.ts `baseWeights`; a test holds the two equal. Doubles
 * throughout: a decimal literal would divide as NUMERIC in PostgreSQL and round differently.
 */
export function ruleWeightSql(d: Dialect, spec: ModelSpec): string {
  const dbl = d.columnType('double');
  const n = (v: number) => `CAST(${d.quoteLiteral(v)} AS ${dbl})`;
  const over = 'OVER (PARTITION BY j.conversion_id)';
  switch (spec.kind) {
    case 'first_touch':
      return `CASE WHEN j.position = 1 THEN ${n(1)} ELSE ${n(0)} END`;
    case 'last_touch':
      return `CASE WHEN j.position = j.touch_count THEN ${n(1)} ELSE ${n(0)} END`;
    case 'linear':
      return n(1);
    case 'last_non_direct': {
      const direct = (spec.directChannels ?? DEFAULT_DIRECT_CHANNELS).map((c) =>
        d.quoteLiteral(c.toLowerCase()),
      );
      const pick = `MAX(CASE WHEN LOWER(COALESCE(t.channel, '')) NOT IN (${direct.join(', ')}) THEN j.position END) ${over}`;
      return `CASE WHEN j.position = COALESCE(${pick}, j.touch_count) THEN ${n(1)} ELSE ${n(0)} END`;
    }
    case 'time_decay': {
      // Ages from the newest touch, as core does: that touch weighs 1 and nothing underflows.
      const halfLifeSeconds = (spec.halfLifeDays ?? DEFAULT_HALF_LIFE_DAYS) * 86_400;
      return `POWER(${n(2)}, (MIN(j.seconds_before) ${over} - j.seconds_before) / ${n(halfLifeSeconds)})`;
    }
    case 'position_based': {
      const first = spec.firstShare ?? DEFAULT_FIRST_SHARE;
      const last = spec.lastShare ?? DEFAULT_LAST_SHARE;
      // Two touches: the shares, renormalised later (or halves when both are 0).
      const two = first + last > 0 ? [first, last] : [1, 1];
      const middle = Math.max(0, 1 - first - last);
      return `CASE WHEN j.touch_count = 1 THEN ${n(1)}
        WHEN j.touch_count = 2 THEN CASE WHEN j.position = 1 THEN ${n(two[0] ?? 0)} ELSE ${n(two[1] ?? 0)} END
        WHEN j.position = 1 THEN ${n(first)}
        WHEN j.position = j.touch_count THEN ${n(last)}
        ELSE ${n(middle)} / (j.touch_count - 2) END`;
    }
    case 'w_shaped': {
      const share = spec.milestoneShare ?? DEFAULT_MILESTONE_SHARE;
      const milestone = '(j.position = 1 OR j.lead_milestone OR j.opportunity_milestone)';
      const others = `(j.touch_count - SUM(CASE WHEN ${milestone} THEN 1 ELSE 0 END) ${over})`;
      return `CASE WHEN ${milestone} THEN ${n(share)}
        ELSE ${n(Math.max(0, 1 - 3 * share))} / ${others} END`;
    }
  }
}

/**
 * The custom-weight multiplier of touch `t` (`em.m`: its largest listed event type multiplier,
 * from the `em` relation `eventMultipliersCte` builds), else its touch type's, else 1.
 */
export function multiplierSql(d: Dialect, spec: ModelSpec): string {
  const dbl = d.columnType('double');
  const byType = Object.entries(spec.multipliers?.byTouchType ?? {});
  const typeCase = byType.length
    ? `CASE t.touchpoint_type ${byType.map(([k, v]) => `WHEN ${d.quoteLiteral(k)} THEN CAST(${d.quoteLiteral(v)} AS ${dbl})`).join(' ')} END`
    : 'NULL';
  const events = Object.keys(spec.multipliers?.byEventType ?? {}).length > 0;
  return `COALESCE(${events ? 'em.m, ' : ''}${typeCase}, CAST(1 AS ${dbl}))`;
}

/**
 * Per touch, the largest multiplier among its listed event types: its own event type and, for a
 * conversation touch, those of its conversation's events. Undefined when the model lists none.
 */
export function eventMultipliersCte(d: Dialect, spec: ModelSpec): string | undefined {
  const table = Object.entries(spec.multipliers?.byEventType ?? {});
  if (table.length === 0) return undefined;
  const dbl = d.columnType('double');
  const types = table.map(([k]) => d.quoteLiteral(k)).join(', ');
  const value = `CASE ev.event_type ${table.map(([k, v]) => `WHEN ${d.quoteLiteral(k)} THEN CAST(${d.quoteLiteral(v)} AS ${dbl})`).join(' ')} END`;
  return `em AS (
  SELECT ev.touchpoint_id, MAX(${value}) AS m FROM (
    SELECT touchpoint_id, event_type FROM touchpoints WHERE event_type IN (${types})
    UNION ALL
    SELECT t.touchpoint_id, e.event_type
    FROM touchpoints t JOIN conversation_events e ON e.conversation_id = t.conversation_id
    WHERE t.touchpoint_type = 'conversation' AND e.event_type IN (${types})
  ) ev GROUP BY ev.touchpoint_id
)`;
}
