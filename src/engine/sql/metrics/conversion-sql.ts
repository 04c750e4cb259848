import type { Bucket } from '../../../core/metrics/buckets.js';
import type {
  ConversationDefinition,
  DealOutcome,
} from '../../../core/metrics/conversion-definitions.js';
import type { Dialect } from '../../dialect.js';
import { sql, type SqlStatement } from '../sql-statement.js';
import { cohortExpression, type CohortDimension } from './cohort-dimensions.js';
import { conversationFilterSql, type ReportFilter } from './conversation-filter-sql.js';
import { dimensionGrouping } from './grouping-sets.js';
import { definitionSql, HORIZON_CTE, outcomeKey, outcomeRelation } from './outcome-sql.js';
import { withinDaysAfter } from './sql-fragments.js';

export interface ConversionQuery {
  readonly definition: ConversationDefinition;
  readonly outcome: DealOutcome;
  /** Windows in days; the result has `conversations_<i>` and `converted_<i>` per window. */
  readonly windows: readonly number[];
  readonly dims: readonly CohortDimension[];
  readonly responseBuckets: readonly Bucket[];
  /** Which conversations are eligible at all; the horizon and the outcomes stay the data's. */
  readonly filter?: ReportFilter;
}

/**
 * Conversation-to-outcome counts per cohort and window. A conversation converts within N days
 * when the outcome happens for its person (or account) at or after its start and at most N days
 * later. Conversations with no person (or no account, for account outcomes) cannot be matched
 * and are left out; so is, for each window, every conversation less than N days old.
 */
export function conversionCountsSql(d: Dialect, q: ConversionQuery): SqlStatement {
  const maxWindow = Math.max(...q.windows);
  const g = dimensionGrouping(
    d,
    q.dims.map((name) => ({ name, expr: cohortExpression(d, name, q.responseBuckets) })),
  );
  const key = outcomeKey(q.outcome);
  const perWindow = q.windows.flatMap((days, i) => {
    const old = `${d.minusDays('data_end', d.quoteLiteral(days))} >= started_at`;
    return [
      `CAST(SUM(CASE WHEN ${old} THEN 1 ELSE 0 END) AS INTEGER) AS conversations_${i}`,
      `CAST(SUM(CASE WHEN ${old} AND wait_seconds <= ${d.quoteLiteral(days * 86_400)} THEN 1 ELSE 0 END) AS INTEGER) AS converted_${i}`,
    ];
  });
  return sql(`WITH ${HORIZON_CTE},
eligible AS (
  SELECT f.conversation_id, f.started_at, ${key} AS outcome_key${g.innerColumns ? `, ${g.innerColumns}` : ''}
  FROM conversation_facts f
  WHERE ${key} IS NOT NULL AND ${definitionSql(d, q.definition)}${andFilter(d, q.filter)}
),
outcomes AS (${outcomeRelation(q.outcome)}),
firsts AS (
  SELECT v.conversation_id, MIN(o.at) AS first_at
  FROM eligible v JOIN outcomes o ON o.key = v.outcome_key
  WHERE ${withinDaysAfter(d, 'o.at', 'v.started_at', maxWindow)}
  GROUP BY v.conversation_id
),
scored AS (
  SELECT v.*, h.data_end, ${d.secondsBetween('fi.first_at', 'v.started_at')} AS wait_seconds
  FROM eligible v CROSS JOIN horizon h LEFT JOIN firsts fi ON fi.conversation_id = v.conversation_id
)
SELECT ${g.outputColumns}, ${perWindow.join(', ')}
FROM scored
${g.groupBy}`);
}

/** ` AND <filter on f>`, or '' without one. */
export function andFilter(d: Dialect, filter: ReportFilter | undefined): string {
  const c = conversationFilterSql(d, filter, 'f');
  return c ? ` AND ${c}` : '';
}
