import type { Dialect } from '../../dialect.js';
import { sql, type SqlStatement } from '../sql-statement.js';

/** A table and one of its columns, as the integrity checks name them. */
export interface TableColumn {
  readonly table: string;
  readonly column: string;
}

/**
 * Per table and id column: rows with an id and distinct ids (their difference is the number of
 * repeated ids). One row per column: `table_name`, `column_name`, `with_id`, `distinct_ids`.
 */
export function duplicateIdsSql(d: Dialect, ids: readonly TableColumn[]): SqlStatement {
  return sql(
    ids
      .map(({ table, column }) => {
        const c = d.quoteIdentifier(column);
        return `SELECT ${d.quoteLiteral(table)} AS table_name, ${d.quoteLiteral(column)} AS column_name, COUNT(${c}) AS with_id, COUNT(DISTINCT ${c}) AS distinct_ids FROM ${d.quoteIdentifier(table)}`;
      })
      .join('\nUNION ALL\n'),
  );
}

/** Per table and critical column: rows and rows where it is empty (`rows_total`, `empty`). */
export function nullFieldsSql(d: Dialect, fields: readonly TableColumn[]): SqlStatement {
  return sql(
    fields
      .map(({ table, column }) => {
        const c = d.quoteIdentifier(column);
        return `SELECT ${d.quoteLiteral(table)} AS table_name, ${d.quoteLiteral(column)} AS column_name, COUNT(*) AS rows_total, COALESCE(SUM(CASE WHEN ${c} IS NULL THEN 1 ELSE 0 END), 0) AS empty FROM ${d.quoteIdentifier(table)}`;
      })
      .join('\nUNION ALL\n'),
  );
}

/** A reference from one table's column to another's key. */
export interface Reference {
  readonly name: string;
  readonly from: TableColumn;
  readonly to: TableColumn;
  /** SQL condition on the referring row (alias r) that limits the rows checked. */
  readonly where?: string;
}

/**
 * Per reference: referring rows with a value (`referring`) and those whose value names no row
 * of the referred table (`dangling`). A NULL reference is not checked here: it is a null.
 */
export function orphansSql(d: Dialect, references: readonly Reference[]): SqlStatement {
  const q = (n: string) => d.quoteIdentifier(n);
  return sql(
    references
      .map(({ name, from, to, where }) => {
        const value = `r.${q(from.column)}`;
        // A join on the distinct keys, not NOT EXISTS inside the aggregate (per row in PostgreSQL).
        // targets: the rows the referenced table holds; none means its (optional) input is absent.
        return `SELECT ${d.quoteLiteral(name)} AS reference, COUNT(*) AS referring, COUNT(*) - COUNT(k.${q(to.column)}) AS dangling, (SELECT COUNT(*) FROM ${q(to.table)}) AS targets FROM ${q(from.table)} r LEFT JOIN (SELECT DISTINCT ${q(to.column)} FROM ${q(to.table)}) k ON k.${q(to.column)} = ${value} WHERE ${value} IS NOT NULL${where ? ` AND ${where}` : ''}`;
      })
      .join('\nUNION ALL\n'),
  );
}

/**
 * Journey touches and those outside their conversion's window: after the conversion, or more
 * than its definition's lookback days before it (both ends inclusive, as journeys are built;
 * `lookbackDays` where the definition is unknown). A direct link (`converted`) belongs in its
 * journey whatever the window, so only "after the conversion" applies to it.
 */
export function windowViolationsSql(d: Dialect, lookbackDays: number): SqlStatement {
  const days = `COALESCE(cd.lookback_days, ${d.quoteLiteral(lookbackDays)})`;
  const start = d.minusDays('c.occurred_at', days);
  const early = `t.occurred_at < ${start} AND COALESCE(j.link, '') <> 'converted'`;
  return sql(`SELECT COUNT(*) AS touches,
  COALESCE(SUM(CASE WHEN t.occurred_at > c.occurred_at OR (${early}) THEN 1 ELSE 0 END), 0) AS outside,
  COALESCE(SUM(CASE WHEN t.occurred_at > c.occurred_at THEN 1 ELSE 0 END), 0) AS after_conversion
FROM journeys j
JOIN conversions c ON c.conversion_id = j.conversion_id
LEFT JOIN conversion_definitions cd ON cd.name = c.definition
JOIN touchpoints t ON t.touchpoint_id = j.touchpoint_id`);
}
