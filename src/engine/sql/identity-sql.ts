import { DEFAULT_IDENTITY, type IdentityAccountsConfig } from '../../core/config/config.js';
import { freeMailDomains } from '../../core/identity/free-mail-domains.js';
import type { Dialect } from '../dialect.js';
import { sql, type SqlStatement } from './sql-statement.js';
import { IDENTITY_SOURCES } from './identity-sources.js';

/** Where a run writes its deterministic edges (see buildEdgesSql). */
export type EdgeTable = 'identity_edges' | 'identity_run_edges';

/** Every (record, identifier) pair of every landing table, as `record_key, id_type, id_value, source, source_line`. */
export function identifierOccurrences(d: Dialect): string {
  return IDENTITY_SOURCES.flatMap((s) =>
    Object.entries(s.columns).map(
      ([type, column]) =>
        `SELECT ${s.recordKey} AS record_key, ${d.quoteLiteral(type)} AS id_type, r.${d.quoteIdentifier(column)} AS id_value, r.source_name AS source, r.source_line ` +
        `FROM ${d.quoteIdentifier(s.table)} r WHERE r.${d.quoteIdentifier(column)} IS NOT NULL`,
    ),
  ).join('\nUNION ALL\n');
}

/**
 * Deterministic edges: within one record, every identifier is joined to the record's smallest
 * identifier (a star spans the record as well as all pairs would, with n-1 edges instead of n²/2).
 * Provenance names the first source line that showed the pair. Written straight to
 * identity_edges on a run known to be full, else to identity_run_edges, for the run to compare
 * with the stored edges before they replace them.
 */
export function buildEdgesSql(d: Dialect, into: EdgeTable = 'identity_run_edges'): SqlStatement {
  const withRule = into === 'identity_edges';
  return sql(`INSERT INTO ${into} (left_type, left_value, right_type, right_value, source, source_record${withRule ? ', rule' : ''})
WITH occ AS (${identifierOccurrences(d)}),
keyed AS (
  SELECT record_key, id_type, id_value, source, source_line,
         MIN(id_type || ':' || id_value) OVER (PARTITION BY record_key) AS anchor
  FROM occ
),
anchors AS (SELECT DISTINCT record_key, id_type, id_value FROM keyed WHERE id_type || ':' || id_value = anchor)
SELECT a.id_type, a.id_value, k.id_type, k.id_value, MIN(k.source), MIN(k.record_key)${withRule ? ", 'same_record'" : ''}
FROM keyed k JOIN anchors a ON a.record_key = k.record_key
WHERE k.id_type || ':' || k.id_value <> k.anchor
GROUP BY a.id_type, a.id_value, k.id_type, k.id_value`);
}

/** Every distinct identifier seen anywhere: identifiers seen alone are persons too. */
export function distinctIdentifiersSql(d: Dialect): SqlStatement {
  return sql(`SELECT DISTINCT id_type, id_value FROM (${identifierOccurrences(d)}) occ`);
}

export function distinctEdgesSql(): SqlStatement {
  return sql('SELECT DISTINCT left_type, left_value, right_type, right_value FROM identity_edges');
}

/** The edges with the record that first showed each (identity_edges holds one row per pair). */
export function edgesWithProvenanceSql(): SqlStatement {
  return sql(
    'SELECT left_type, left_value, right_type, right_value, source_record FROM identity_edges',
  );
}

/** The cluster-size distribution, from persons (run after buildPersonsSql). */
export function buildClusterSizesSql(): SqlStatement {
  return sql(`INSERT INTO identity_cluster_sizes
SELECT identifier_count, CAST(COUNT(*) AS INTEGER) FROM persons GROUP BY identifier_count`);
}

/** The `limit` largest persons, ranked by size then person id (byte order on every engine). */
export function buildLargestClustersSql(d: Dialect, limit: number): SqlStatement {
  const order = `identifier_count DESC, ${d.byteOrder('person_id')}`;
  return sql(`INSERT INTO identity_largest_clusters
SELECT CAST(ROW_NUMBER() OVER (ORDER BY ${order}) AS INTEGER), person_id, identifier_count
FROM persons ORDER BY ${order} LIMIT ${Math.trunc(limit)}`);
}

/**
 * A person's account comes from the CRM contacts among their identifiers (smallest id on
 * conflict); failing that, when `accounts.emailDomains` is on, from the account whose domain is
 * the domain of one of their emails (smallest account id), free-mail domains excluded. Account
 * domains are compared lower-cased, without a scheme, `www.` or trailing slash. The contact
 * filter sits in its own subquery: as a condition on the preserved side of a LEFT JOIN it cannot
 * be pushed down, and DuckDB then compares every pair (minutes at 1M rows).
 */
export function buildPersonsSql(
  d: Dialect,
  accounts: IdentityAccountsConfig = DEFAULT_IDENTITY.accounts,
): SqlStatement {
  const free = freeMailDomains(accounts.freeMailDomains).map((x) => d.quoteLiteral(x));
  const byDomain = accounts.emailDomains;
  const domainRule = byDomain
    ? `,
account_domains AS (
  SELECT account_id, ${normalisedDomain('a.domain')} AS domain
  FROM accounts a WHERE a.domain IS NOT NULL
),
email_accounts AS (
  SELECT i.person_id, MIN(ad.account_id) AS account_id
  FROM (
    SELECT person_id, SUBSTR(identifier_value, POSITION('@' IN identifier_value) + 1) AS domain
    FROM identifiers WHERE identifier_type = 'email' AND POSITION('@' IN identifier_value) > 0
  ) i JOIN account_domains ad ON ad.domain = i.domain
  WHERE i.domain NOT IN (${free.join(', ')})
  GROUP BY i.person_id
)`
    : '';
  const account = byDomain
    ? 'COALESCE(MIN(ca.account_id), MIN(ea.account_id))'
    : 'MIN(ca.account_id)';
  const join = byDomain ? '\nLEFT JOIN email_accounts ea ON ea.person_id = i.person_id' : '';
  return sql(`INSERT INTO persons
WITH contact_accounts AS (
  SELECT i.person_id, MIN(c.account_id) AS account_id
  FROM identifiers i JOIN contacts c ON c.contact_id = i.identifier_value
  WHERE i.identifier_type = 'crm_contact_id'
  GROUP BY i.person_id
)${domainRule}
SELECT i.person_id, ${account}, CAST(COUNT(*) AS INTEGER)
FROM identifiers i LEFT JOIN contact_accounts ca ON ca.person_id = i.person_id${join}
GROUP BY i.person_id`);
}

/** `https://www.Acme.example/` → `acme.example`. */
function normalisedDomain(column: string): string {
  const lower = `LOWER(TRIM(${column}))`;
  const noScheme = `REPLACE(REPLACE(${lower}, 'https://', ''), 'http://', '')`;
  const noWww = `CASE WHEN ${noScheme} LIKE 'www.%' THEN SUBSTR(${noScheme}, 5) ELSE ${noScheme} END`;
  return `RTRIM(${noWww}, '/')`;
}

/**
 * The order in which a row's identifiers name its person when they disagree: a login or CRM
 * contact first, a device last. They disagree only where the over-merge guards refused to join
 * them (a shared device, a second contact id); junk values name nobody.
 */
const PERSON_PREFERENCE = ['user_id', 'crm_contact_id', 'email', 'phone', 'anonymous_id'];

const preference = (type: string): number => {
  const i = PERSON_PREFERENCE.indexOf(type);
  return i === -1 ? PERSON_PREFERENCE.length : i;
};

/**
 * SQL joins resolving the person of a row (alias `alias`) through each identifier column it has,
 * and the expression of that person id. Stitching put a record's identifiers in one component
 * unless a guard refused it; then the most specific identifier decides (PERSON_PREFERENCE).
 */
export function personJoins(
  d: Dialect,
  alias: string,
  columns: Readonly<Record<string, string>>,
): { joins: string; personId: string } {
  const entries = Object.entries(columns).sort(([a], [b]) => preference(a) - preference(b));
  const joins = entries
    .map(([type, column], i) => {
      const j = `${alias}_i${i}`;
      return `LEFT JOIN identifiers ${j} ON ${j}.identifier_type = ${d.quoteLiteral(type)} AND ${j}.identifier_value = ${alias}.${d.quoteIdentifier(column)}`;
    })
    .join('\n');
  const personId = `COALESCE(${entries.map((_e, i) => `${alias}_i${i}.person_id`).join(', ')})`;
  return { joins, personId };
}
