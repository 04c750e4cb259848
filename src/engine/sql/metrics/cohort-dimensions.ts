import { NO_RESPONSE, type Bucket } from '../../../core/metrics/buckets.js';
import type { Dialect } from '../../dialect.js';

/** Cohorts conversions and funnels can be read by: columns of conversation_facts (alias f). */
export const COHORT_DIMENSION_NAMES = [
  'overall',
  'persona',
  'industry',
  'deal_stage',
  'channel',
  'segment',
  'conversation_type',
  'flow',
  'intent',
  'brand',
  'hour_of_day',
  'day_of_week',
  'response_time',
] as const;
export type CohortDimension = (typeof COHORT_DIMENSION_NAMES)[number];

const COLUMNS: Record<Exclude<CohortDimension, 'overall' | 'response_time'>, string> = {
  persona: 'f.persona',
  industry: 'f.industry',
  deal_stage: 'f.deal_stage',
  channel: 'f.channel',
  segment: 'f.segment',
  conversation_type: 'f.conversation_type',
  flow: 'f.flow',
  intent: 'f.intent',
  brand: 'f.brand',
  hour_of_day: 'f.hour_of_day',
  day_of_week: 'f.day_of_week',
};

/** The first-response bucket of a conversation, by the buckets' upper bounds (inclusive). */
export function responseBucketSql(d: Dialect, column: string, buckets: readonly Bucket[]): string {
  const arms = buckets.map((b) =>
    b.upTo === null
      ? `ELSE ${d.quoteLiteral(b.label)}`
      : `WHEN ${column} <= ${d.quoteLiteral(b.upTo)} THEN ${d.quoteLiteral(b.label)}`,
  );
  return `CASE WHEN ${column} IS NULL THEN ${d.quoteLiteral(NO_RESPONSE)} ${arms.join(' ')} END`;
}

/** The SQL of a cohort dimension over conversation_facts f (null for overall). */
export function cohortExpression(
  d: Dialect,
  dim: CohortDimension,
  buckets: readonly Bucket[],
): string | null {
  if (dim === 'overall') return null;
  if (dim === 'response_time') return responseBucketSql(d, 'f.first_response_seconds', buckets);
  return COLUMNS[dim];
}
