import type { Bucket } from '../../../core/metrics/buckets.js';
import type { Dialect } from '../../dialect.js';
import { exactAvgSql, exactSumSql } from '../exact-sum-sql.js';
import { sql, type SqlStatement } from '../sql-statement.js';
import { whereAll, type ReportFilter } from './conversation-filter-sql.js';
import { conversionsKeptSql, journeysThroughSql } from './conversion-filter-sql.js';
import { PATH_SEPARATOR } from './journey-paths-sql.js';

/**
 * The journey paths a filter keeps, as conditions on journey_paths `alias` ('' for the bare
 * table): conversions of the days and segment asked, whose journey passed the channel or type.
 */
function pathsKept(d: Dialect, filter: ReportFilter | undefined, alias = ''): string {
  const id = alias ? `${alias}.conversion_id` : 'conversion_id';
  const kept = [conversionsKeptSql(d, filter, id), journeysThroughSql(d, filter, id)];
  return kept.filter(Boolean).join(' AND ');
}

/** The most frequent converting paths: most conversions first, then most value, then by path. */
export function topPathsSql(
  d: Dialect,
  limit: number | undefined,
  filter?: ReportFilter,
): SqlStatement {
  return sql(`SELECT p.path, MAX(p.steps) AS steps, CAST(COUNT(*) AS INTEGER) AS conversions, ${exactSumSql(d, 'p.value')} AS value,
       ${exactAvgSql(d, 'p.seconds_to_convert')} / 86400 AS avg_days_to_convert
FROM journey_paths p ${whereAll(pathsKept(d, filter, 'p'))}
GROUP BY p.path
ORDER BY COUNT(*) DESC, ${exactSumSql(d, 'p.value')} DESC, ${d.byteOrder('p.path')}${limit === undefined ? '' : ` LIMIT ${d.quoteLiteral(limit)}`}`);
}

/** Attributed conversions and their value: the base of every path share. */
export function pathTotalsSql(d: Dialect, filter?: ReportFilter): SqlStatement {
  return sql(
    `SELECT CAST(COUNT(*) AS INTEGER) AS conversions, COALESCE(${exactSumSql(d, 'value')}, 0) AS value FROM journey_paths ${whereAll(pathsKept(d, filter))}`,
  );
}

/** Conversions and value by journey length in touches. */
export function pathLengthsSql(d: Dialect, filter?: ReportFilter): SqlStatement {
  return sql(`SELECT touches, CAST(COUNT(*) AS INTEGER) AS conversions, ${exactSumSql(d, 'value')} AS value
FROM journey_paths ${whereAll(pathsKept(d, filter))} GROUP BY touches`);
}

/** Conversions and value by days from first touch to conversion, in the given buckets. */
export function timeToConversionSql(
  d: Dialect,
  buckets: readonly Bucket[],
  filter?: ReportFilter,
): SqlStatement {
  const days = 'seconds_to_convert / 86400';
  const arms = buckets.map((b, i) =>
    b.upTo === null
      ? `ELSE ${d.quoteLiteral(i)}`
      : `WHEN ${days} <= ${d.quoteLiteral(b.upTo)} THEN ${d.quoteLiteral(i)}`,
  );
  return sql(`SELECT bucket, CAST(COUNT(*) AS INTEGER) AS conversions, ${exactSumSql(d, 'value')} AS value FROM (
  SELECT CASE ${arms.join(' ')} END AS bucket, value FROM journey_paths ${whereAll(pathsKept(d, filter))}
) x GROUP BY bucket`);
}

/**
 * The edges of a path Sankey: step k's channel to step k+1's, each node named by its step so
 * the graph has no cycles; a journey's last step (or its `depth`-th, for longer ones) flows to
 * the conversion. Each journey adds 1 and its conversion's value to every edge it passes.
 */
export function sankeyEdgesSql(d: Dialect, depth: number, filter?: ReportFilter): SqlStatement {
  const sep = d.quoteLiteral(PATH_SEPARATOR);
  const text = d.columnType('text');
  const node = (k: number) =>
    `CAST(${d.quoteLiteral(k)} AS ${text}) || '. ' || split_part(path, ${sep}, ${d.quoteLiteral(k)})`;
  const levels = Array.from({ length: depth }, (_x, i) => i + 1).map(
    (k) => `SELECT ${d.quoteLiteral(k)} AS step, ${node(k)} AS source,
       ${k < depth ? `CASE WHEN steps > ${d.quoteLiteral(k)} THEN ${node(k + 1)} ELSE 'conversion' END` : "'conversion'"} AS target,
       value
FROM kept WHERE steps >= ${d.quoteLiteral(k)}`,
  );
  // The filter's semi-joins run once, not once per level.
  return sql(`WITH kept AS (SELECT path, steps, value FROM journey_paths ${whereAll(pathsKept(d, filter))})
SELECT step, source, target, CAST(COUNT(*) AS INTEGER) AS journeys, ${exactSumSql(d, 'value')} AS value
FROM (${levels.join('\nUNION ALL\n')}) e
GROUP BY step, source, target`);
}
