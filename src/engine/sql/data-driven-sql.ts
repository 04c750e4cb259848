import { PATH_SEPARATOR } from '../../core/attribution/path-key.js';
import type { Dialect } from '../dialect.js';
import { packedTouchSql, pathPacking, tokenCodesSql, unpackedPathSql } from './packed-path-sql.js';
import { exactSumSql } from './exact-sum-sql.js';
import { sql, type SqlStatement } from './sql-statement.js';

/** A touch's token in a path: its channel, or `(none)` when it has none. */
const token = (channel: string) => `COALESCE(NULLIF(${channel}, ''), '(none)')`;

/**
 * Each attributed conversion's raw channel path, in journey order (positions already follow the
 * tie rule: time, then touchpoint id by bytes), and the path's number: its rank among the
 * distinct converting paths in byte order. `tokens` lists every token a touch can have (its
 * channel, or `(none)`): a path of few enough touches is packed into a number by a plain SUM
 * (see PathPacking) and only the distinct numbers (a tenth of the conversions at scale) are
 * turned into text; longer paths are joined in order as text. Only the distinct paths are sorted
 * to rank them; ranking every conversion's path sorted all of them.
 */
export function buildConversionPathsSql(d: Dialect, tokens: readonly string[]): SqlStatement {
  const sep = d.quoteLiteral(PATH_SEPARATOR);
  const packing = pathPacking(tokens);
  const joined = (where: string) => `
  SELECT j.conversion_id, ${d.orderedJoin(token('t.channel'), sep, ['j.position'])} AS path,
         CAST(COUNT(*) AS INTEGER) AS touch_count
  FROM journeys j JOIN touchpoints t ON t.touchpoint_id = j.touchpoint_id
  WHERE ${where}
  GROUP BY j.conversion_id`;
  // Without tokens there are no touches, and nothing to pack.
  if (tokens.length === 0) return rankedPathsSql(d, `paths AS MATERIALIZED (${joined('TRUE')})`);
  return rankedPathsSql(
    d,
    `packed AS MATERIALIZED (
  SELECT j.conversion_id,
         CAST(SUM(${packedTouchSql('k.code', 'j.position', packing)}) AS BIGINT) AS packed,
         CAST(COUNT(*) AS INTEGER) AS touch_count
  FROM journeys j JOIN touchpoints t ON t.touchpoint_id = j.touchpoint_id
  JOIN ${tokenCodesSql(d, packing, 'k')} ON k.token = ${token('t.channel')}
  WHERE j.touch_count <= ${packing.positions}
  GROUP BY j.conversion_id
),
unpacked AS (
  SELECT packed, ${unpackedPathSql(d, 'packed', packing, sep)} AS path
  FROM (SELECT DISTINCT packed FROM packed) distinct_packed
),
paths AS MATERIALIZED (
  SELECT p.conversion_id, u.path, p.touch_count FROM packed p JOIN unpacked u ON u.packed = p.packed
  UNION ALL${joined(`j.touch_count > ${packing.positions}`)}
)`,
  );
}

/** conversion_paths from a CTE `paths` (conversion_id, path, touch_count) and what it needs. */
function rankedPathsSql(d: Dialect, ctes: string): SqlStatement {
  return sql(`INSERT INTO conversion_paths
WITH ${ctes},
ids AS (
  SELECT path, CAST(ROW_NUMBER() OVER (ORDER BY ${d.byteOrder('path')}) AS INTEGER) AS path_id
  FROM (SELECT DISTINCT path FROM paths) distinct_paths
)
SELECT p.conversion_id, ids.path_id, p.path, p.touch_count
FROM paths p JOIN ids ON ids.path = p.path`);
}

/** Every token a touch can have in a path: its channel, or `(none)` when it has none. */
export function pathTokensSql(): SqlStatement {
  return sql(`SELECT DISTINCT ${token('channel')} AS token FROM touchpoints`);
}

/**
 * Journeys counted per raw path: the converting ones from `conversion_paths`, and one
 * non-converting journey per person (when there are person-level conversions) with touches and
 * no person-level conversion, and per account (when there are account-level ones) with touches
 * and no account-level conversion. A non-converting journey ends at the owner's last touch and
 * reaches back `lookbackDays` days, both ends inclusive, as a conversion's window does. In no
 * order: the caller sorts the paths in its own (code-unit) order anyway.
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
         ${exactSumSql(d, `COALESCE(c.value, CAST(0 AS ${dbl}))`)} AS revenue
  FROM conversion_paths cp JOIN conversions c ON c.conversion_id = cp.conversion_id
  GROUP BY cp.path
  UNION ALL
  SELECT path, NULL, 0, COUNT(*), CAST(0 AS ${dbl}) FROM non_paths GROUP BY path
)
SELECT path, MIN(path_id) AS path_id, CAST(SUM(conversions) AS INTEGER) AS conversions,
       CAST(SUM(non_conversions) AS INTEGER) AS non_conversions, ${exactSumSql(d, 'revenue')} AS revenue
FROM counts GROUP BY path`);
}

/**
 * The data-driven models' credits, all in one join: every touch of a conversion earns the share
 * its path credits give its position under each model; touches earning nothing get no row, as
 * with the rule models. The journey touches meet their path and value first, once (text keys,
 * 3.75M rows at 10M touches), and only then the path credits, on integer keys: left to itself
 * DuckDB joined the path credits to the paths first and probed the journeys with the 17M rows
 * that gave. One join per model was measured at 10M touches (straight, and from the journey
 * touches joined to their paths once in a temporary table): it re-reads the journeys per model,
 * took three to four times as long in all and did not lower the peak memory.
 */
export function buildDataDrivenCreditsSql(d: Dialect, models: readonly string[]): SqlStatement {
  const names = models.map((m) => d.quoteLiteral(m)).join(', ');
  return sql(`INSERT INTO credits
WITH touches AS MATERIALIZED (
  SELECT j.conversion_id, j.touchpoint_id, cp.path_id, j.position, c.value
  FROM journeys j
  JOIN conversion_paths cp ON cp.conversion_id = j.conversion_id
  JOIN conversions c ON c.conversion_id = j.conversion_id
)
SELECT t.conversion_id, t.touchpoint_id, pc.model, pc.fraction, pc.fraction * t.value
FROM touches t
JOIN data_driven_path_credits pc ON pc.path_id = t.path_id AND pc.position = t.position
WHERE pc.model IN (${names}) AND pc.fraction > 0`);
}
