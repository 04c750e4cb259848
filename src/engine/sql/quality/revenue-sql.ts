import type { Dialect } from '../../dialect.js';
import { exactSumSql } from '../exact-sum-sql.js';
import { sql, type SqlStatement } from '../sql-statement.js';
import { dayText } from './day-text.js';

/**
 * Per model and UTC day of the order: the value credited to order conversions, the amounts (from
 * the orders landing table, the source of truth) of the orders the model attributed, and the
 * amounts and count of those it did not. Models are those with any credit.
 */
export function reconciliationSql(d: Dialect): SqlStatement {
  const day = dayText(d, 'o.placed_at');
  const sum = (value: string) => exactSumSql(d, value);
  return sql(`WITH credited AS (
  SELECT model, conversion_id, ${sum('value')} AS credited FROM credits GROUP BY model, conversion_id
), models AS (SELECT DISTINCT model FROM credits)
SELECT m.model, ${day} AS day,
  COALESCE(${sum('c.credited')}, 0) AS credited,
  COALESCE(${sum('CASE WHEN c.conversion_id IS NOT NULL THEN o.amount ELSE 0 END')}, 0) AS attributed_amount,
  COALESCE(${sum('CASE WHEN c.conversion_id IS NULL THEN o.amount ELSE 0 END')}, 0) AS unattributed_amount,
  COALESCE(SUM(CASE WHEN c.conversion_id IS NULL THEN 1 ELSE 0 END), 0) AS unattributed_orders,
  COUNT(*) AS orders
FROM orders o
JOIN conversions v ON v.conversion_id = 'order:' || o.order_id
CROSS JOIN models m
LEFT JOIN credited c ON c.model = m.model AND c.conversion_id = v.conversion_id
GROUP BY m.model, ${day}
ORDER BY m.model, day`);
}

/** Credited conversions per model, channel and UTC day of the conversion (`series` = model channel). */
export function dailyChannelCreditsSql(d: Dialect): SqlStatement {
  const day = dayText(d, 'c.occurred_at');
  return sql(`SELECT cr.model, COALESCE(t.channel, '(none)') AS channel, ${day} AS day, ${exactSumSql(d, 'cr.fraction')} AS credited
FROM credits cr
JOIN conversions c ON c.conversion_id = cr.conversion_id
JOIN touchpoints t ON t.touchpoint_id = cr.touchpoint_id
GROUP BY cr.model, COALESCE(t.channel, '(none)'), ${day}
ORDER BY 1, 2, 3`);
}
