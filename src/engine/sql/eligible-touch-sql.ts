import type { EligibleTouches } from '../../core/attribution/conversion-definition.js';
import type { Dialect } from '../dialect.js';

const list = (d: Dialect, values: readonly string[]) =>
  values.map((v) => d.quoteLiteral(v)).join(', ');

/**
 * The SQL form of core/attribution/conversion-definition.ts `isEligible` over touch `t` (and
 * `cv`, its conversation when it is a conversation touch: see `needsConversation`). TRUE when the
 * definition filters nothing.
 */
export function eligibleTouchSql(d: Dialect, filter: EligibleTouches, t = 't', cv = 'cv'): string {
  const parts: string[] = [];
  if (filter.touchpointTypes)
    parts.push(`${t}.touchpoint_type IN (${list(d, filter.touchpointTypes)})`);
  if (filter.channels) parts.push(`${t}.channel IN (${list(d, filter.channels)})`);
  if (filter.excludeChannels)
    parts.push(
      `(${t}.channel IS NULL OR ${t}.channel NOT IN (${list(d, filter.excludeChannels)}))`,
    );
  if (filter.eventTypes) {
    const types = list(d, filter.eventTypes);
    parts.push(`(${t}.event_type IN (${types}) OR (${t}.touchpoint_type = 'conversation' AND EXISTS (
      SELECT 1 FROM conversation_events fe WHERE fe.conversation_id = ${t}.conversation_id AND fe.event_type IN (${types}))))`);
  }
  for (const [flag, column] of [
    [filter.twoWay, 'two_way'],
    [filter.salesHandled, 'sales_handled'],
  ] as const) {
    if (flag !== undefined)
      parts.push(
        `(${t}.touchpoint_type <> 'conversation' OR COALESCE(${cv}.${column}, FALSE) = ${d.quoteLiteral(flag)})`,
      );
  }
  return parts.length ? parts.join('\n    AND ') : 'TRUE';
}

/** Whether `eligibleTouchSql` reads the touch's conversation (alias cv). */
export function needsConversation(filter: EligibleTouches): boolean {
  return filter.twoWay !== undefined || filter.salesHandled !== undefined;
}

/**
 * The join that gives a touch `t` its conversation `cv`; the filters read `cv` only for
 * conversation touches. The join is on the id alone: a condition on the touch type as well
 * leaves DuckDB a nested loop.
 */
export function conversationJoinSql(t = 't', cv = 'cv'): string {
  return `LEFT JOIN conversations ${cv} ON ${cv}.conversation_id = ${t}.conversation_id`;
}
