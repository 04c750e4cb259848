import { PATH_SEPARATOR } from '../../core/attribution/path-key.js';
import type { Dialect } from '../dialect.js';
import { sql, type SqlStatement } from './sql-statement.js';

/** A touch's token in a path: its channel, or `(none)` when it has none. */
const token = (channel: string) => `COALESCE(NULLIF(${channel}, ''), '(none)')`;

/**
 * Each attributed conversion's raw channel path, in journey order (positions already follow the
 * tie rule: time, then touchpoint id by bytes).
 */
export function buildConversionPathsSql(d: Dialect): SqlStatement {
  return sql(`INSERT INTO conversion_paths
SELECT conversion_id, CAST(DENSE_RANK() OVER (ORDER BY ${d.byteOrder('path')}) AS INTEGER), path, touch_count
FROM (
  SELECT j.conversion_id,
         ${d.orderedJoin(token('t.channel'), d.quoteLiteral(PATH_SEPARATOR), ['j.position'])} AS path,
         CAST(COUNT(*) AS INTEGER) AS touch_count
  FROM journeys j JOIN touchpoints t ON t.touchpoint_id = j.touchpoint_id
  GROUP BY j.conversion_id
) x`);
}

/**
 * Journeys counted per raw path: the converting ones from `conversion_paths`, and one
 * non-converting journey per person (when there are person-level conversions) with touches and
 * no person-level conversion, and per account (when there are account-level ones) with touches
 * and no account-level conversion. A non-converting journey ends at the owner's last touch and
 * reaches back `lookbackDays` days, both ends inclusive, as a conversion's window does.
 */
export function buildPathCountsSql(d: Dialect, lookbackDays: number): SqlStatement {
  const dbl = d.columnType('double');
  const sep = d.quoteLiteral(PATH_SEPARATOR);
  const owners = (key: 'person_id' | 'account_id', level: string) => `
  SELECT t.${key} AS owner, MAX(t.occurred_at) AS last_at
  FROM touchpoints t
  LEFT JOIN (SELECT DISTINCT ${key} FROM conversions WHERE ${level} AND ${key} IS NOT NULL) done
    ON done.${key} = t.${key}
  WHERE t.${key} IS NOT NULL AND done.${key} IS NULL
    AND EXISTS (SELECT 1 FROM conversions WHERE ${level})
  GROUP BY t.${key}`;
  const paths = (key: 'person_id' | 'account_id', cte: string) => `
  SELECT o.owner, ${d.orderedJoin(token('t.channel'), sep, ['t.occurred_at', d.byteOrder('t.touchpoint_id')])} AS path
  FROM ${cte} o JOIN touchpoints t ON t.${key} = o.owner
  WHERE t.occurred_at <= o.last_at AND t.occurred_at >= ${d.minusDays('o.last_at', d.quoteLiteral(lookbackDays))}
  GROUP BY o.owner`;
  return sql(`WITH person_owners AS (${owners('person_id', "level IS DISTINCT FROM 'account'")}),
account_owners AS (${owners('account_id', "level = 'account'")}),
non_paths AS (${paths('person_id', 'person_owners')}
  UNION ALL ${paths('account_id', 'account_owners')}),
counts AS (
  SELECT cp.path, MIN(cp.path_id) AS path_id, COUNT(*) AS conversions, 0 AS non_conversions,
         SUM(COALESCE(c.value, CAST(0 AS ${dbl}))) AS revenue
  FROM conversion_paths cp JOIN conversions c ON c.conversion_id = cp.conversion_id
  GROUP BY cp.path
  UNION ALL
  SELECT path, NULL, 0, COUNT(*), CAST(0 AS ${dbl}) FROM non_paths GROUP BY path
)
SELECT path, MIN(path_id) AS path_id, CAST(SUM(conversions) AS INTEGER) AS conversions,
       CAST(SUM(non_conversions) AS INTEGER) AS non_conversions, SUM(revenue) AS revenue
FROM counts GROUP BY path ORDER BY ${d.byteOrder('path')}`);
}

/** The scratch table holding each journey touch with its raw path (see the statements below). */
const JOURNEY_PATHS = 'data_driven_journey_paths';

/**
 * Each journey touch with its conversion's raw path number and value, joined once for every
 * model's credits: joining journeys, paths and conversions again per model cost more than
 * writing the model's credits. A temporary table of the stage, dropped when the credits are
 * written (and before, should a failed run outside a transaction have left it).
 */
export function buildJourneyPathsSql(d: Dialect): SqlStatement[] {
  const table = d.quoteIdentifier(JOURNEY_PATHS);
  return [
    sql(`DROP TABLE IF EXISTS ${table}`),
    sql(`CREATE TEMPORARY TABLE ${table} AS
SELECT j.conversion_id, j.touchpoint_id, j.position, cp.path_id, c.value
FROM journeys j
JOIN conversion_paths cp ON cp.conversion_id = j.conversion_id
JOIN conversions c ON c.conversion_id = j.conversion_id`),
  ];
}

export function dropJourneyPathsSql(d: Dialect): SqlStatement {
  return sql(`DROP TABLE IF EXISTS ${d.quoteIdentifier(JOURNEY_PATHS)}`);
}

/**
 * One data-driven model's credits: every touch of a conversion earns the share its path credits
 * give its position under the model; touches earning nothing get no row, as with the rule models.
 * Reads the journey touches of buildJourneyPathsSql. One statement per model holds one model's
 * rows at a time rather than every model's (17M at 1M conversions).
 */
export function buildDataDrivenCreditsSql(d: Dialect, model: string): SqlStatement {
  return sql(`INSERT INTO credits
SELECT jp.conversion_id, jp.touchpoint_id, pc.model, pc.fraction, pc.fraction * jp.value
FROM ${d.quoteIdentifier(JOURNEY_PATHS)} jp
JOIN data_driven_path_credits pc ON pc.path_id = jp.path_id AND pc.position = jp.position
WHERE pc.model = ${d.quoteLiteral(model)} AND pc.fraction > 0`);
}
