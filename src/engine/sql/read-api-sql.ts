import type { Dialect } from '../dialect.js';
import { sql, type SqlStatement } from './sql-statement.js';

/** Filters of the read API's row-level pages; every value travels as a parameter. */
export interface RowFilters {
  readonly model?: string;
  /** First and last day, yyyy-mm-dd, both inclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly channel?: string;
  readonly segment?: string;
  readonly conversationType?: string;
  readonly source?: string;
}

/** One page: at most `limit` rows after skipping `offset`. */
export interface Page {
  readonly limit: number;
  readonly offset: number;
}

// Conditions with numbered parameters; column names are ours, values the caller's.
function where(conditions: readonly (readonly [string, string | undefined])[]): {
  text: string;
  params: string[];
} {
  const params: string[] = [];
  const parts: string[] = [];
  for (const [template, value] of conditions) {
    if (value === undefined) continue;
    params.push(value);
    parts.push(template.replaceAll('?', `$${params.length}`));
  }
  return { text: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

function pageClause(d: Dialect, page: Page): string {
  return ` LIMIT ${d.quoteLiteral(Math.floor(page.limit))} OFFSET ${d.quoteLiteral(Math.floor(page.offset))}`;
}

/**
 * Per-conversation economics, filtered, in the order of the conversation-economics report
 * (economicsRowsSql): largest total value first, then conversation id and model in byte order.
 */
export function conversationsPageSql(d: Dialect, f: RowFilters, page: Page): SqlStatement {
  const w = where([
    ['e.model = ?', f.model],
    ['e.day >= CAST(? AS DATE)', f.from],
    ['e.day <= CAST(? AS DATE)', f.to],
    ['e.channel = ?', f.channel],
    ['e.segment = ?', f.segment],
    ['e.conversation_type = ?', f.conversationType],
  ]);
  return sql(
    `SELECT * FROM conversation_economics e ${w.text}
ORDER BY e.total_value DESC, ${d.byteOrder('e.conversation_id')}, ${d.byteOrder('e.model')}${pageClause(d, page)}`,
    w.params,
  );
}

/** Credits with the credited touch's channel and day, by conversion, touch and model. */
export function creditsPageSql(d: Dialect, f: RowFilters, page: Page): SqlStatement {
  const w = where([
    ['c.model = ?', f.model],
    ['t.occurred_at >= CAST(? AS TIMESTAMP)', f.from],
    [`t.occurred_at < CAST(? AS TIMESTAMP) + INTERVAL '1 day'`, f.to],
    ['t.channel = ?', f.channel],
  ]);
  return sql(
    `SELECT c.conversion_id, c.touchpoint_id, c.model, c.fraction, c.value,
  t.touchpoint_type, t.channel, t.campaign, t.occurred_at
FROM credits c JOIN touchpoints t ON t.touchpoint_id = c.touchpoint_id ${w.text}
ORDER BY ${d.byteOrder('c.conversion_id')}, ${d.byteOrder('c.touchpoint_id')}, ${d.byteOrder('c.model')}${pageClause(d, page)}`,
    w.params,
  );
}

/** Dead letters, newest first, without their payloads (the CLI shows one payload at a time). */
export function deadLettersPageSql(d: Dialect, f: RowFilters, page: Page): SqlStatement {
  const w = where([
    ['source = ?', f.source],
    ['received_at >= CAST(? AS TIMESTAMP)', f.from],
    [`received_at < CAST(? AS TIMESTAMP) + INTERVAL '1 day'`, f.to],
  ]);
  return sql(
    `SELECT dead_letter_id, batch_id, source, transport, received_at, reasons, replayed_at
FROM dead_letters ${w.text}
ORDER BY received_at DESC, ${d.byteOrder('dead_letter_id')}${pageClause(d, page)}`,
    w.params,
  );
}

/** Pending dead letters per distinct reasons list (the caller splits the lists into codes). */
export function deadLetterReasonsSql(): SqlStatement {
  return sql(
    `SELECT reasons, CAST(COUNT(*) AS INTEGER) AS letters FROM dead_letters
WHERE replayed_at IS NULL GROUP BY reasons`,
  );
}

/** Per source: batches, records offered, stored, duplicates, dead-lettered, last received. */
export function ingestFreshnessSql(): SqlStatement {
  return sql(
    `SELECT source, CAST(COUNT(*) AS INTEGER) AS batches,
  CAST(SUM(offered) AS BIGINT) AS offered, CAST(SUM(stored) AS BIGINT) AS stored,
  CAST(SUM(duplicates) AS BIGINT) AS duplicates, CAST(SUM(dead_lettered) AS BIGINT) AS dead_lettered,
  MAX(received_at) AS last_received_at
FROM ingest_batches GROUP BY source ORDER BY source`,
  );
}

/** Touchpoints, and how many of them identity resolved to a person. */
export function touchpointMatchSql(): SqlStatement {
  return sql(
    `SELECT CAST(COUNT(*) AS INTEGER) AS touchpoints, CAST(COUNT(person_id) AS INTEGER) AS matched
FROM touchpoints`,
  );
}

/** The latest successful run: when it ran and its per-stage timings (JSON). */
export function latestRunSql(): SqlStatement {
  return sql(
    `SELECT run_id, started_at, finished_at, stages FROM runs WHERE status = 'succeeded' ORDER BY finished_at DESC, run_id DESC LIMIT 1`,
  );
}
