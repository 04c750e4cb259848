import type { AttributionModel } from '../../core/attribution/attribution-model.js';
import type { Dialect } from '../dialect.js';
import { buildCreditsSql, hasCustomWeights, journeySumSql } from './credits-sql.js';
import { ruleWeightSql } from './rule-weight-sql.js';
import { sql, type SqlStatement } from './sql-statement.js';

/** A model without custom weights or tiers: its fraction is its weight over the journey's sum. */
const isPlain = (m: AttributionModel) => !hasCustomWeights(m.spec) && m.spec.tiers === undefined;

/**
 * The fraction of journey touch `w` under a plain model. First, last and linear in closed form
 * (as buildCreditsSql writes them); the others as the weight over the conversion's sum of weights,
 * the same expressions buildCreditsSql normalises with, so every fraction is the same double.
 */
function plainFractionSql(d: Dialect, model: AttributionModel, k: number): string {
  const dbl = d.columnType('double');
  const one = `CAST(1 AS ${dbl})`;
  const zero = `CAST(0 AS ${dbl})`;
  switch (model.spec.kind) {
    case 'first_touch':
      return `CASE WHEN w.position = 1 THEN ${one} ELSE ${zero} END`;
    case 'last_touch':
      return `CASE WHEN w.position = w.touch_count THEN ${one} ELSE ${zero} END`;
    case 'linear':
      return `${one} / CAST(w.touch_count AS ${dbl})`;
    default:
      return `w.w${k} / ${journeySumSql(d, `w.w${k}`, 'w')}`;
  }
}

/**
 * The credits of every rule model for the journeys due for recompute. The plain models (no
 * custom weights, no tiers) are written by one statement: one read of the journeys, every model's
 * weight and fraction a column computed in the same windows, turned into one row per model by a
 * join with the list of models; touches earning nothing get no row, as with buildCreditsSql,
 * which writes each of the other models on its own. A statement per model read the journeys,
 * joined the conversions and wrote the table once per model.
 */
export function buildRuleCreditsSql(
  d: Dialect,
  models: readonly AttributionModel[],
): SqlStatement[] {
  const plain = models.filter(isPlain);
  const others = models.filter((m) => !isPlain(m)).map((m) => buildCreditsSql(d, m));
  if (plain.length === 0) return others;
  const windowed = (m: AttributionModel) =>
    !['first_touch', 'last_touch', 'linear'].includes(m.spec.kind);
  const weights = plain
    .map((m, k) => (windowed(m) ? `,\n         ${ruleWeightSql(d, m.spec)} AS w${k}` : ''))
    .join('');
  const readsTouch = plain.some((m) => m.spec.kind === 'last_non_direct');
  const fractions = plain
    .map((m, k) => `${plainFractionSql(d, m, k)} AS f${k}`)
    .join(',\n         ');
  const list = plain.map((m, k) => `(${k}, ${d.quoteLiteral(m.name)})`).join(', ');
  const pick = plain.map((_m, k) => `WHEN ${k} THEN n.f${k}`).join(' ');
  return [
    sql(`INSERT INTO credits (conversion_id, touchpoint_id, model, fraction, value)
WITH w AS (
  SELECT j.conversion_id, j.touchpoint_id, j.position, j.touch_count, c.value${weights}
  FROM journeys j
  JOIN attribution_recompute r ON r.conversion_id = j.conversion_id
  JOIN conversions c ON c.conversion_id = j.conversion_id
  ${readsTouch ? 'JOIN touchpoints t ON t.touchpoint_id = j.touchpoint_id' : ''}
),
n AS (
  SELECT w.conversion_id, w.touchpoint_id, w.value,
         ${fractions}
  FROM w
)
SELECT conversion_id, touchpoint_id, model, fraction, fraction * value FROM (
  SELECT n.conversion_id, n.touchpoint_id, n.value, m.model, CASE m.k ${pick} END AS fraction
  FROM n CROSS JOIN (VALUES ${list}) AS m(k, model)
) x WHERE fraction > 0`),
    ...others,
  ];
}
