import type { Dialect } from '../../dialect.js';
import { sql, type SqlStatement } from '../sql-statement.js';

/** Persons holding any of the staged identifier values (staging kind `identifier`). */
export function stagedPersonsSql(stagingId: string): SqlStatement {
  return sql(
    `SELECT DISTINCT person_id FROM identifiers WHERE identifier_value IN (SELECT record_key FROM ingest_staging WHERE staging_id = $1 AND kind = 'identifier')`,
    [stagingId],
  );
}

/** Every identifier value of the staged persons (staging kind `person`). */
export function identifiersOfStagedPersonsSql(stagingId: string): SqlStatement {
  return sql(
    `SELECT DISTINCT identifier_type, identifier_value FROM identifiers WHERE person_id IN (SELECT record_key FROM ingest_staging WHERE staging_id = $1 AND kind = 'person')`,
    [stagingId],
  );
}

/** A column and the staged set its values are matched against. */
export interface MatchColumn {
  readonly column: string;
  readonly set: string;
}

function condition(d: Dialect, columns: readonly MatchColumn[]): string {
  return columns
    .map(
      (c) =>
        `CAST(${d.quoteIdentifier(c.column)} AS ${d.columnType('text')}) IN (SELECT record_key FROM ingest_staging WHERE staging_id = $1 AND kind = ${d.quoteLiteral(c.set)})`,
    )
    .join(' OR ');
}

/** Values of `select` columns of the rows of `table` that match any staged set. */
export function matchingValuesSql(
  d: Dialect,
  table: string,
  select: readonly string[],
  columns: readonly MatchColumn[],
  stagingId: string,
): SqlStatement {
  const cols = select.map(
    (c) => `CAST(${d.quoteIdentifier(c)} AS ${d.columnType('text')}) AS ${d.quoteIdentifier(c)}`,
  );
  return sql(
    `SELECT DISTINCT ${cols.join(', ')} FROM ${d.quoteIdentifier(table)} WHERE ${condition(d, columns)}`,
    [stagingId],
  );
}

/** How many rows of `table` match any staged set. */
export function countMatchingSql(
  d: Dialect,
  table: string,
  columns: readonly MatchColumn[],
  stagingId: string,
): SqlStatement {
  return sql(
    `SELECT COUNT(*) AS n FROM ${d.quoteIdentifier(table)} WHERE ${condition(d, columns)}`,
    [stagingId],
  );
}

export function deleteMatchingSql(
  d: Dialect,
  table: string,
  columns: readonly MatchColumn[],
  stagingId: string,
): SqlStatement {
  return sql(`DELETE FROM ${d.quoteIdentifier(table)} WHERE ${condition(d, columns)}`, [stagingId]);
}

/**
 * Dead letters whose payload, lower-cased, contains any staged `needle` (a quoted JSON string of
 * a value): they hold the raw record, identifiers included. `verb` is SELECT COUNT(*) or DELETE.
 */
export function deadLettersNamingSql(verb: 'count' | 'delete', stagingId: string): SqlStatement {
  const where = `EXISTS (SELECT 1 FROM ingest_staging s WHERE s.staging_id = $1 AND s.kind = 'needle' AND POSITION(s.record_key IN LOWER(payload)) > 0)`;
  return sql(
    verb === 'count'
      ? `SELECT COUNT(*) AS n FROM dead_letters WHERE ${where}`
      : `DELETE FROM dead_letters WHERE ${where}`,
    [stagingId],
  );
}

export function clearErasureStagingSql(stagingId: string): SqlStatement {
  return sql(`DELETE FROM ingest_staging WHERE staging_id = $1`, [stagingId]);
}
