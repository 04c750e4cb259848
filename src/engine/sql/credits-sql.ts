import type { RuleModel } from '../../core/attribution/rule-models.js';
import type { Dialect } from '../dialect.js';
import { sql, type SqlStatement } from './sql-statement.js';

// The SQL form of core/attribution/rule-models.ts positionWeight; a test holds the two equal.
const FRACTION: Record<RuleModel, string> = {
  first_touch: 'CASE WHEN j.position = 1 THEN 1.0 ELSE 0.0 END',
  last_touch: 'CASE WHEN j.position = j.touch_count THEN 1.0 ELSE 0.0 END',
  linear: '1.0 / j.touch_count',
};

/** Credits of one rule-based model; touches earning nothing get no row. */
export function buildCreditsSql(d: Dialect, model: RuleModel): SqlStatement {
  return sql(`INSERT INTO credits
SELECT conversion_id, touchpoint_id, ${d.quoteLiteral(model)}, fraction, fraction * value FROM (
  SELECT j.conversion_id, j.touchpoint_id, CAST(${FRACTION[model]} AS ${d.columnType('double')}) AS fraction, c.value
  FROM journeys j JOIN conversions c ON c.conversion_id = j.conversion_id
) x WHERE fraction > 0`);
}
