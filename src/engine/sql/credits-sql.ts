import type { RuleModel } from '../../core/attribution/rule-models.js';
import type { Dialect } from '../dialect.js';
import { sql, type SqlStatement } from './sql-statement.js';

// The SQL form of core/attribution/rule-models.ts positionWeight; a test holds the two equal.
// Double arithmetic throughout: a decimal 1.0 would divide as NUMERIC in PostgreSQL and round
// differently from DuckDB's double.
function fraction(model: RuleModel, dbl: string): string {
  switch (model) {
    case 'first_touch':
      return `CASE WHEN j.position = 1 THEN CAST(1 AS ${dbl}) ELSE CAST(0 AS ${dbl}) END`;
    case 'last_touch':
      return `CASE WHEN j.position = j.touch_count THEN CAST(1 AS ${dbl}) ELSE CAST(0 AS ${dbl}) END`;
    case 'linear':
      return `CAST(1 AS ${dbl}) / j.touch_count`;
  }
}

/** Credits of one rule-based model; touches earning nothing get no row. */
export function buildCreditsSql(d: Dialect, model: RuleModel): SqlStatement {
  return sql(`INSERT INTO credits
SELECT conversion_id, touchpoint_id, ${d.quoteLiteral(model)}, fraction, fraction * value FROM (
  SELECT j.conversion_id, j.touchpoint_id, ${fraction(model, d.columnType('double'))} AS fraction, c.value
  FROM journeys j JOIN conversions c ON c.conversion_id = j.conversion_id
) x WHERE fraction > 0`);
}
