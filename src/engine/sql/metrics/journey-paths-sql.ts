import type { Dialect } from '../../dialect.js';
import { sql, type SqlStatement } from '../sql-statement.js';

/** Between the steps of a path; a channel name holding it would blur its steps. */
export const PATH_SEPARATOR = ' > ';
/** The step of a touch without a channel. */
export const NO_CHANNEL = '(none)';

/**
 * Each attributed conversion's path: the channels of its journey in credit order, a run of
 * touches on one channel collapsed to one step (email, email, chat → email > chat), so that
 * paths repeat across journeys and can be ranked.
 */
export function buildJourneyPathsSql(d: Dialect): SqlStatement {
  const node = `COALESCE(t.channel, ${d.quoteLiteral(NO_CHANNEL)})`;
  return sql(`INSERT INTO journey_paths
WITH steps AS (
  SELECT j.conversion_id, j.position, j.touch_count, j.seconds_before, ${node} AS node,
         LAG(${node}) OVER (PARTITION BY j.conversion_id ORDER BY j.position) AS previous
  FROM journeys j JOIN touchpoints t ON t.touchpoint_id = j.touchpoint_id
)
SELECT s.conversion_id, c.kind, COALESCE(c.value, 0),
       STRING_AGG(s.node, ${d.quoteLiteral(PATH_SEPARATOR)} ORDER BY s.position),
       CAST(COUNT(*) AS INTEGER), MAX(s.touch_count), MAX(s.seconds_before)
FROM steps s JOIN conversions c ON c.conversion_id = s.conversion_id
WHERE s.previous IS NULL OR s.previous <> s.node
GROUP BY s.conversion_id, c.kind, c.value`);
}
