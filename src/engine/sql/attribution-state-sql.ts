import type { Dialect } from '../dialect.js';
import { sql, type SqlStatement } from './sql-statement.js';

/** The key type of the fingerprint row holding the digest of the attribution settings. */
export const SETTINGS_KEY = 'settings';

/** The key a conversion's journey is found by: its person or account, else itself. */
export function conversionKeySql(c = 'c'): { type: string; value: string } {
  const key = `CASE WHEN ${c}.level = 'account' THEN ${c}.account_id ELSE ${c}.person_id END`;
  return {
    type: `CASE WHEN ${key} IS NULL THEN 'conversion' ELSE ${c}.level END`,
    value: `COALESCE(${key}, ${c}.conversion_id)`,
  };
}

/**
 * The digest of everything the journeys of each key (person, account, or a conversion without
 * either) depend on: its touches with their conversations' properties and events, its
 * conversions with the touches of the conversations they carry, its CRM contacts and the
 * opportunities of its account (the W-shaped milestones). Digests are compared within one
 * warehouse only, so the text of a value may differ between engines. A key's digest is the sum
 * and count of its facts' 64-bit row hashes: no text built per fact and no sort of the facts (an
 * MD5 of each fact's text and an ordered STRING_AGG of them cost most of the stage), and a changed
 * fact leaves the sum as it was with a chance of 2^-64. Written to `into`: the run's scratch
 * table to compare with, or straight to the fingerprints when there is nothing to compare.
 */
export function buildDigestsSql(
  d: Dialect,
  into: 'attribution_digests' | 'attribution_fingerprints' = 'attribution_digests',
): SqlStatement {
  const h = (columns: readonly string[]) => d.rowHash(columns);
  const touch = (t: string) => [
    `${t}.touchpoint_id`,
    `${t}.source`,
    `${t}.touchpoint_type`,
    `${t}.channel`,
    `${t}.campaign`,
    `${t}.event_type`,
    `${t}.occurred_at`,
    `${t}.conversation_id`,
    `${t}.person_id`,
    `${t}.account_id`,
  ];
  const k = conversionKeySql('c');
  return sql(`INSERT INTO ${into} (key_type, key_value, fingerprint)
WITH events AS (
  -- Events are immutable once stored (a known id is a duplicate whatever its content), so a
  -- conversation's events change only in number: the count is their digest.
  SELECT conversation_id, COUNT(*) AS digest
  FROM conversation_events WHERE conversation_id IS NOT NULL GROUP BY conversation_id
),
touch_facts AS (
  SELECT t.person_id, t.account_id,
         ${h([...touch('t'), 'cv.two_way', 'cv.sales_handled', 'cv.ended_at', 'cv.resolved_by_bot', 'ev.digest'])} AS fact
  FROM touchpoints t
  LEFT JOIN conversations cv ON cv.conversation_id = t.conversation_id
  LEFT JOIN events ev ON ev.conversation_id = t.conversation_id
),
contact_persons AS (
  SELECT i.person_id, p.account_id, ${h(['ct.contact_id', 'ct.created_at'])} AS fact
  FROM contacts ct JOIN identifiers i ON i.identifier_type = 'crm_contact_id' AND i.identifier_value = ct.contact_id
  LEFT JOIN persons p ON p.person_id = i.person_id
),
opportunity_facts AS (
  SELECT account_id, ${h(['opportunity_id', 'created_at'])} AS fact FROM opportunities
),
facts AS (
  SELECT 'person' AS key_type, person_id AS key_value, fact FROM touch_facts WHERE person_id IS NOT NULL
  UNION ALL SELECT 'account', account_id, fact FROM touch_facts WHERE account_id IS NOT NULL
  UNION ALL SELECT 'person', person_id, fact FROM contact_persons WHERE person_id IS NOT NULL
  UNION ALL SELECT 'account', account_id, fact FROM contact_persons WHERE account_id IS NOT NULL
  UNION ALL SELECT 'account', account_id, fact FROM opportunity_facts WHERE account_id IS NOT NULL
  UNION ALL
  SELECT 'person', p.person_id, o.fact FROM opportunity_facts o JOIN persons p ON p.account_id = o.account_id
  UNION ALL
  SELECT ${k.type}, ${k.value},
         ${h(['c.conversion_id', 'c.kind', 'c.level', 'c.value', 'c.occurred_at', 'c.person_id', 'c.account_id', 'c.conversation_id', 'c.definition', ...touch('dt')])}
  -- Only touches of a conversation can be a conversion's: the filter spares reading every
  -- column of every other touch (most of them) to probe the join.
  FROM conversions c
  LEFT JOIN (SELECT * FROM touchpoints WHERE conversation_id IS NOT NULL) dt ON dt.conversation_id = c.conversation_id
)
SELECT key_type, key_value,
       CAST(SUM(fact) AS ${d.columnType('text')}) || '/' || CAST(COUNT(*) AS ${d.columnType('text')})
FROM facts GROUP BY key_type, key_value`);
}

/**
 * The conversions whose journeys this run recomputes: all of them when `everything` (the
 * settings changed), else those whose key's digest is new or changed.
 */
export function buildRecomputeSql(everything: boolean): SqlStatement {
  // Every conversion: no digest to look up (joining two tables of a row per key for nothing).
  if (everything)
    return sql('INSERT INTO attribution_recompute SELECT conversion_id FROM conversions');
  const k = conversionKeySql('c');
  return sql(`INSERT INTO attribution_recompute
SELECT c.conversion_id FROM (
  SELECT conversion_id, ${k.type} AS key_type, ${k.value} AS key_value FROM conversions c
) c
LEFT JOIN attribution_digests cur ON cur.key_type = c.key_type AND cur.key_value = c.key_value
LEFT JOIN attribution_fingerprints old ON old.key_type = c.key_type AND old.key_value = c.key_value
WHERE old.fingerprint IS NULL OR cur.fingerprint IS NULL OR old.fingerprint <> cur.fingerprint`);
}

/**
 * Journeys (or credits) of conversions recomputed now or gone since: every row when `everything`
 * is recomputed (each conversion is, and the rest are gone), without matching each row.
 */
export function deleteStaleSql(
  d: Dialect,
  table: 'journeys' | 'credits',
  everything = false,
): SqlStatement {
  if (everything) return sql(`DELETE FROM ${d.quoteIdentifier(table)}`);
  return sql(`DELETE FROM ${d.quoteIdentifier(table)}
WHERE conversion_id IN (SELECT conversion_id FROM attribution_recompute)
   OR conversion_id NOT IN (SELECT conversion_id FROM conversions)`);
}

/** Credits of every model but these: models left out of the config, and those other stages recompute. */
export function deleteOtherModelsSql(d: Dialect, models: readonly string[]): SqlStatement {
  const names = models.map((m) => d.quoteLiteral(m)).join(', ');
  return sql(`DELETE FROM credits${models.length ? ` WHERE model NOT IN (${names})` : ''}`);
}

/**
 * The digests of this run become the fingerprints the next run compares with. Only what changed
 * is written: a re-run with nothing new rewrites one row (the settings), not one per person.
 * When `everything` was recomputed no digest was compared, so none was written to
 * attribution_digests: they go straight to the fingerprints, which are replaced (one write of a
 * row per key instead of two, and no matching of the old rows).
 */
export function saveFingerprintsSql(
  d: Dialect,
  settingsDigest: string,
  everything = false,
): SqlStatement[] {
  const settings = sql(
    `INSERT INTO attribution_fingerprints (key_type, key_value, fingerprint)
VALUES (${d.quoteLiteral(SETTINGS_KEY)}, 'attribution', CAST($1 AS ${d.columnType('text')}))`,
    [settingsDigest],
  );
  if (everything)
    return [
      sql('DELETE FROM attribution_fingerprints'),
      buildDigestsSql(d, 'attribution_fingerprints'),
      settings,
    ];
  const same = (a: string, b: string) =>
    `${a}.key_type = ${b}.key_type AND ${a}.key_value = ${b}.key_value AND ${a}.fingerprint = ${b}.fingerprint`;
  return [
    sql(`DELETE FROM attribution_fingerprints
WHERE NOT EXISTS (SELECT 1 FROM attribution_digests g WHERE ${same('g', 'attribution_fingerprints')})`),
    sql(`INSERT INTO attribution_fingerprints
SELECT key_type, key_value, fingerprint FROM attribution_digests g
WHERE NOT EXISTS (SELECT 1 FROM attribution_fingerprints f WHERE ${same('f', 'g')})`),
    settings,
  ];
}

/** The settings digest the last run stored, if any. */
export function storedSettingsDigestSql(d: Dialect): SqlStatement {
  return sql(
    `SELECT fingerprint FROM attribution_fingerprints WHERE key_type = ${d.quoteLiteral(SETTINGS_KEY)}`,
  );
}
