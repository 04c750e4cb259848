import { sql, type SqlStatement } from './sql-statement.js';

const ofPerson = (alias: string, type: string, value: string) =>
  `EXISTS (SELECT 1 FROM identifiers ${alias} WHERE ${alias}.person_id = $1 AND ${alias}.identifier_type = ${type} AND ${alias}.identifier_value = ${value})`;

/** The person's row. */
export function personSql(personId: string): SqlStatement {
  return sql('SELECT person_id, account_id, identifier_count FROM persons WHERE person_id = $1', [
    personId,
  ]);
}

/** What became of an earlier person id (person_id_history). */
export function personHistorySql(personId: string): SqlStatement {
  return sql(
    'SELECT person_id, first_seen, retired, merged_into FROM person_id_history WHERE person_id = $1',
    [personId],
  );
}

export function personIdentifiersSql(personId: string): SqlStatement {
  return sql(
    'SELECT identifier_type, identifier_value FROM identifiers WHERE person_id = $1 ORDER BY identifier_type, identifier_value',
    [personId],
  );
}

/** Edges between two identifiers of the person: what joined them, with rule and evidence. */
export function personEdgesSql(personId: string): SqlStatement {
  return sql(
    `SELECT e.rule, e.left_type, e.left_value, e.right_type, e.right_value, e.source, e.source_record,
  e.match_probability, e.match_weight, e.match_levels
FROM identity_edges e
WHERE ${ofPerson('l', 'e.left_type', 'e.left_value')} AND ${ofPerson('r', 'e.right_type', 'e.right_value')}
ORDER BY e.rule, e.left_type, e.left_value, e.right_type, e.right_value`,
    [personId],
  );
}

/** Refused merges with an end among the person's identifiers. */
export function personRefusalsSql(personId: string): SqlStatement {
  return sql(
    `SELECT a.reason, a.left_type, a.left_value, a.right_type, a.right_value, a.detail, a.source_record
FROM merge_audit a
WHERE ${ofPerson('l', 'a.left_type', 'a.left_value')} OR ${ofPerson('r', 'a.right_type', 'a.right_value')}
ORDER BY a.reason, a.left_type, a.left_value, a.right_type, a.right_value`,
    [personId],
  );
}
