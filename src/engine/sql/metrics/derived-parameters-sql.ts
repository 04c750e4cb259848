import type { Dialect } from '../../dialect.js';
import { exactAvgSql } from '../exact-sum-sql.js';
import { sql, type SqlStatement } from '../sql-statement.js';

/**
 * What `auto` parameters are derived from, in one row: the mean cost of tickets an agent handled
 * (not deflected), the won and closed opportunity counts, and the mean amount of won deals.
 * Means of nothing come back NULL.
 */
export function derivedParametersSql(d: Dialect): SqlStatement {
  return sql(`SELECT
  (SELECT ${exactAvgSql(d, 'cost')} FROM tickets WHERE NOT COALESCE(deflected, FALSE) AND cost IS NOT NULL) AS agent_cost,
  (SELECT CAST(COUNT(*) AS INTEGER) FROM opportunities WHERE closed_at IS NOT NULL AND is_won) AS won,
  (SELECT CAST(COUNT(*) AS INTEGER) FROM opportunities WHERE closed_at IS NOT NULL) AS closed,
  (SELECT ${exactAvgSql(d, 'amount')} FROM opportunities WHERE closed_at IS NOT NULL AND is_won) AS deal_value`);
}

/** The models that have credits: the metrics price every one of them. */
export function creditedModelsSql(): SqlStatement {
  return sql('SELECT DISTINCT model FROM credits');
}
