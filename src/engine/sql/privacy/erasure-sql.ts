import type { Dialect } from '../../dialect.js';
import { sql, type SqlStatement } from '../sql-statement.js';

/** Persons holding any of the staged identifier values (of staging kind `set`). */
export function stagedPersonsSql(stagingId: string, set = 'identifier'): SqlStatement {
  return sql(
    `SELECT DISTINCT person_id FROM identifiers WHERE identifier_value IN (SELECT record_key FROM ingest_staging WHERE staging_id = $1 AND kind = $2)`,
    [stagingId, set],
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

/**
 * The distinct texts of a free-text column (event properties, dead-letter payloads) that contain,
 * lower-cased, any staged `hint` (every non-null text with `all`): the candidates erasure reads
 * back and tests value by value.
 */
export function textsHintingSql(
  d: Dialect,
  table: string,
  column: string,
  stagingId: string,
  all = false,
): SqlStatement {
  const col = `CAST(${d.quoteIdentifier(column)} AS ${d.columnType('text')})`;
  const where = all
    ? `${col} IS NOT NULL`
    : `EXISTS (SELECT 1 FROM ingest_staging s WHERE s.staging_id = $1 AND s.kind = 'hint' AND POSITION(s.record_key IN LOWER(${col})) > 0)`;
  return sql(
    `SELECT DISTINCT ${col} AS t FROM ${d.quoteIdentifier(table)} WHERE ${where}`,
    all ? [] : [stagingId],
  );
}

/** Rows of `table` whose `column` text is one of the staged `text`s: count or delete them. */
export function rowsWithTextSql(
  d: Dialect,
  verb: 'count' | 'delete',
  table: string,
  column: string,
  stagingId: string,
): SqlStatement {
  const where = `CAST(${d.quoteIdentifier(column)} AS ${d.columnType('text')}) IN (SELECT record_key FROM ingest_staging WHERE staging_id = $1 AND kind = 'text')`;
  return sql(
    verb === 'count'
      ? `SELECT COUNT(*) AS n FROM ${d.quoteIdentifier(table)} WHERE ${where}`
      : `DELETE FROM ${d.quoteIdentifier(table)} WHERE ${where}`,
    [stagingId],
  );
}

/** Persons holding any staged value of `set`, with the types of those values. */
export function personsOfStagedSql(set: string, stagingId: string): SqlStatement {
  return sql(
    `SELECT DISTINCT person_id, identifier_type FROM identifiers WHERE identifier_value IN (SELECT record_key FROM ingest_staging WHERE staging_id = $1 AND kind = $2)`,
    [stagingId, set],
  );
}

/** The identifier types each staged person (of staging kind `set`) holds. */
export function typesOfStagedPersonsSql(set: string, stagingId: string): SqlStatement {
  return sql(
    `SELECT DISTINCT person_id, identifier_type FROM identifiers WHERE person_id IN (SELECT record_key FROM ingest_staging WHERE staging_id = $1 AND kind = $2)`,
    [stagingId, set],
  );
}
