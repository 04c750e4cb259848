import type { AttributionModel } from '../../core/attribution/attribution-model.js';
import type { ModelSpec } from '../../core/attribution/model-spec.js';
import type { ConversationTiers } from '../../core/attribution/conversation-revenue-tiers.js';
import type { Dialect } from '../dialect.js';
import { exactSumSql } from './exact-sum-sql.js';
import { eventMultipliersCte, multiplierSql, ruleWeightSql } from './rule-weight-sql.js';
import { sql, type SqlStatement } from './sql-statement.js';

/** The tier share of a purchase at `c.occurred_at` after a conversation from `t.occurred_at` to `ended`. */
function tierShareSql(d: Dialect, tiers: ConversationTiers, ended: string): string {
  const dbl = d.columnType('double');
  const n = (v: number) => `CAST(${d.quoteLiteral(v)} AS ${dbl})`;
  const gap = d.secondsBetween('c.occurred_at', ended);
  return `CASE WHEN c.occurred_at < t.occurred_at THEN ${n(0)}
          WHEN c.occurred_at <= ${ended} THEN ${n(tiers.duringSession)}
          ${tiers.afterEnd.map((tier) => `WHEN ${gap} <= ${n(tier.withinMs / 1000)} THEN ${n(tier.share)}`).join('\n          ')}
          ELSE ${n(0)} END`;
}

/** True when the model lists touch or event type multipliers. */
export function hasCustomWeights(spec: ModelSpec): boolean {
  return (
    Object.keys(spec.multipliers?.byTouchType ?? {}).length > 0 ||
    Object.keys(spec.multipliers?.byEventType ?? {}).length > 0
  );
}

/**
 * First, last and linear without custom weights or tiers, in closed form: the credited touch
 * (or every touch) and its fraction are known from the position and the touch count alone, so
 * no window sums the weights. The same doubles as the general form: 1 / 1, and 1 / n where the
 * general form divides by a sum of n ones (a journey's touch_count is the number of its rows:
 * one statement writes all of them).
 */
function closedFormSql(d: Dialect, model: AttributionModel): SqlStatement | undefined {
  const { spec } = model;
  const custom = hasCustomWeights(spec) || spec.tiers !== undefined;
  const dbl = d.columnType('double');
  const one = `CAST(1 AS ${dbl})`;
  const forms: Partial<Record<string, { where: string; fraction: string }>> = {
    first_touch: { where: 'j.position = 1', fraction: one },
    last_touch: { where: 'j.position = j.touch_count', fraction: one },
    linear: { where: 'TRUE', fraction: `${one} / CAST(j.touch_count AS ${dbl})` },
  };
  const form = forms[spec.kind];
  if (custom || form === undefined) return undefined;
  return sql(`INSERT INTO credits (conversion_id, touchpoint_id, model, fraction, value)
SELECT conversion_id, touchpoint_id, ${d.quoteLiteral(model.name)}, fraction, fraction * value FROM (
  SELECT j.conversion_id, j.touchpoint_id, c.value, ${form.fraction} AS fraction
  FROM journeys j
  JOIN attribution_recompute r ON r.conversion_id = j.conversion_id
  JOIN conversions c ON c.conversion_id = j.conversion_id
  WHERE ${form.where}
) x`);
}

/**
 * The sum of `value` (a double) over the journey of `alias`'s conversion, exact (exactSumSql): a
 * window adds doubles in whatever order the engine's parallel partitioning left the rows, and
 * two runs over the same data wrote credits a bit apart.
 */
export function journeySumSql(d: Dialect, value: string, alias: string): string {
  return exactSumSql(d, value, `OVER (PARTITION BY ${alias}.conversion_id)`);
}

/**
 * Credits of one rule-based model for the journeys due for recompute: the model's weights times
 * the custom multipliers, normalised per conversion (back to the plain weights when every product
 * is 0: custom weights adjust a model, they never leave a conversion unattributed), then the
 * conversation revenue tiers when the model has them: the journey's conversation touch (the
 * directly linked one, else the latest) keeps its tier's share S, the rest scales by 1 − S.
 * Touches earning nothing get no row.
 */
export function buildCreditsSql(d: Dialect, model: AttributionModel): SqlStatement {
  const { spec } = model;
  const closed = closedFormSql(d, model);
  if (closed) return closed;
  const em = eventMultipliersCte(d, spec);
  const tiers = spec.tiers;
  const sum = (value: string) => journeySumSql(d, value, 'w');
  // Position-only models read nothing of the touch: the join is the costliest part of them.
  const readsTouch =
    spec.kind === 'last_non_direct' ||
    spec.multipliers?.byTouchType !== undefined ||
    tiers !== undefined;
  // Without custom weights every multiplier is 1, both sums are one and the same: one window.
  const normalised = hasCustomWeights(spec)
    ? `CASE WHEN ${sum('w.weight * w.multiplier')} > 0
           THEN w.weight * w.multiplier / ${sum('w.weight * w.multiplier')}
           ELSE w.weight / ${sum('w.weight')} END`
    : `w.weight / ${sum('w.weight')}`;
  const ended = 'CASE WHEN cv.ended_at > t.occurred_at THEN cv.ended_at ELSE t.occurred_at END';
  const tierColumns = tiers
    ? `, CASE WHEN t.touchpoint_type = 'conversation' THEN ${tierShareSql(d, tiers, ended)} END AS tier_share,
         t.touchpoint_type = 'conversation' AND j.is_direct AS direct_conversation,
         t.touchpoint_type = 'conversation' AS conversation`
    : '';
  const tierJoin = tiers
    ? // On the id alone: a join condition on the touch type leaves DuckDB a nested loop.
      'LEFT JOIN conversations cv ON cv.conversation_id = t.conversation_id'
    : '';
  const fractionOf = tiers
    ? `(1 - COALESCE(s.share, 0)) * s.base + CASE WHEN s.position = s.tier_position THEN COALESCE(s.share, 0) ELSE 0 END`
    : 's.base';
  const tierSelect = tiers
    ? `SELECT f.*, MAX(CASE WHEN f.position = f.tier_position THEN f.tier_share END) OVER (PARTITION BY f.conversion_id) AS share FROM (
    SELECT n.*, COALESCE(MAX(CASE WHEN n.direct_conversation THEN n.position END) OVER (PARTITION BY n.conversion_id),
                         MAX(CASE WHEN n.conversation THEN n.position END) OVER (PARTITION BY n.conversion_id)) AS tier_position
    FROM n) f`
    : 'SELECT n.* FROM n';
  return sql(`INSERT INTO credits (conversion_id, touchpoint_id, model, fraction, value)
WITH ${em ? `${em},` : ''}
w AS (
  SELECT j.conversion_id, j.touchpoint_id, j.position, c.value,
         ${ruleWeightSql(d, spec)} AS weight,
         ${multiplierSql(d, spec)} AS multiplier${tierColumns}
  FROM journeys j
  JOIN attribution_recompute r ON r.conversion_id = j.conversion_id
  JOIN conversions c ON c.conversion_id = j.conversion_id
  ${readsTouch ? 'JOIN touchpoints t ON t.touchpoint_id = j.touchpoint_id' : ''}
  ${em ? 'LEFT JOIN em ON em.touchpoint_id = j.touchpoint_id' : ''}
  ${tierJoin}
),
n AS (SELECT w.*, ${normalised} AS base FROM w),
s AS (${tierSelect})
SELECT conversion_id, touchpoint_id, ${d.quoteLiteral(model.name)}, fraction, fraction * value FROM (
  SELECT s.conversion_id, s.touchpoint_id, s.value, ${fractionOf} AS fraction FROM s
) x WHERE fraction > 0`);
}
