import type { Bucket } from '../../../core/metrics/buckets.js';
import type { ConversationDefinition } from '../../../core/metrics/conversion-definitions.js';
import { FUNNEL_STEPS } from '../../../core/metrics/funnel-steps.js';
import type { Dialect } from '../../dialect.js';
import { sql, type SqlStatement } from '../sql-statement.js';
import { cohortExpression, type CohortDimension } from './cohort-dimensions.js';
import type { ReportFilter } from './conversation-filter-sql.js';
import { andFilter } from './conversion-sql.js';
import { dimensionGrouping } from './grouping-sets.js';
import { definitionSql, HORIZON_CTE, outcomeRelation, type OutcomeKind } from './outcome-sql.js';
import { withinDaysAfter } from './sql-fragments.js';

export interface FunnelQuery {
  readonly definition: ConversationDefinition;
  readonly windowDays: number;
  readonly dims: readonly CohortDimension[];
  readonly responseBuckets: readonly Bucket[];
  /** Which conversations enter the funnel; the horizon and the outcomes stay the data's. */
  readonly filter?: ReportFilter;
}

/**
 * How many conversations of people on an account reached each funnel step within the window:
 * the conversation, a reply (two-way), a meeting or demo request by the person, an opportunity
 * created for the account, a deal won by it. A conversation reaches a step only if it reached
 * every step before it. Columns `step_1` … `step_5` follow FUNNEL_STEPS.
 */
export function funnelCountsSql(d: Dialect, q: FunnelQuery): SqlStatement {
  const g = dimensionGrouping(
    d,
    q.dims.map((name) => ({ name, expr: cohortExpression(d, name, q.responseBuckets) })),
  );
  const reached = (outcome: OutcomeKind, key: string) =>
    `EXISTS (SELECT 1 FROM (${outcomeRelation(outcome)}) o WHERE o.key = v.${key} AND ${withinDaysAfter(d, 'o.at', 'v.started_at', q.windowDays)})`;
  const conditions = ['TRUE', 'two_way', 'demo', 'opportunity', 'won'];
  const steps = FUNNEL_STEPS.map((_s, i) => {
    const all = conditions.slice(0, i + 1).join(' AND ');
    return `CAST(SUM(CASE WHEN ${all} THEN 1 ELSE 0 END) AS INTEGER) AS step_${i + 1}`;
  });
  return sql(`WITH ${HORIZON_CTE},
eligible AS (
  SELECT f.conversation_id, f.person_id, f.account_id, f.started_at, f.two_way${g.innerColumns ? `, ${g.innerColumns}` : ''}
  FROM conversation_facts f CROSS JOIN horizon h
  WHERE f.account_id IS NOT NULL AND ${definitionSql(d, q.definition)}
    AND ${d.minusDays('h.data_end', d.quoteLiteral(q.windowDays))} >= f.started_at${andFilter(d, q.filter)}
),
reach AS (
  SELECT v.*,
         ${reached('meeting_or_demo', 'person_id')} AS demo,
         ${reached('opportunity_created', 'account_id')} AS opportunity,
         ${reached('closed_won', 'account_id')} AS won
  FROM eligible v
)
SELECT ${g.outputColumns}, ${steps.join(', ')}
FROM reach
${g.groupBy}`);
}
