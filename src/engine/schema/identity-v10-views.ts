import type { Dialect } from '../dialect.js';

/**
 * identity_components as a view over identifiers (migration 10): a person's representative is
 * its smallest identifier key (type, U+0001, value) in byte order. Writing it as a table cost as
 * much as writing identifiers again (9 s of 44 at 10M edges) for a column nothing in convrev
 * reads; the view keeps it for users' SQL.
 */
export function identityComponentsViewSql(d: Dialect): string {
  const key = d.byteOrder('identifier_type || chr(1) || identifier_value');
  return `CREATE VIEW ${d.quoteIdentifier('identity_components')} AS
SELECT identifier_type, identifier_value, MIN(${key}) OVER (PARTITION BY person_id) AS representative
FROM ${d.quoteIdentifier('identifiers')}`;
}
