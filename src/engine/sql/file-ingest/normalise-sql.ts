import type { IdentifierType } from '../../../core/canonical/source-kinds.js';
import { PLACEHOLDER_VALUES } from '../../../core/identity/normalize-identifier.js';
import { quoteLiteral } from '../../quote.js';
import { fullMatch, jsTrim, JS_SPACE } from './js-text-sql.js';

/**
 * The normalise step (pipeline/ingest/normalise-fields.ts) on one parsed text field, as SQL:
 * NUL characters refused, identifiers in their canonical form (emails lower-cased, phones in
 * E.164 as core/identity/normalize-phone.ts makes them), placeholders ("n/a", "null") dropped.
 */
export interface NormaliseSql {
  readonly value: string;
  /** A reason {code, message}, or NULL. */
  readonly problem: string;
}

const EXTENSION = `[${JS_SPACE}]*(ext\\.?|x)[${JS_SPACE}]*\\d+$`;

const reason = (code: string, message: string) =>
  `{'code': ${quoteLiteral(code)}, 'message': ${message}}`;

export function normaliseSql(
  name: string,
  v: string,
  identifier: IdentifierType | null,
  defaultCountryCode: string | undefined,
): NormaliseSql {
  const nul = `strpos(${v}, chr(0)) > 0`;
  const nulReason = reason('null_byte', quoteLiteral(`${name} contains a NUL character`));
  if (identifier === null) return { value: v, problem: `(CASE WHEN ${nul} THEN ${nulReason} END)` };
  const t = jsTrim(`regexp_replace(${v}, '[\\x00-\\x1f\\x7f]', '', 'g')`);
  // The per-record path's placeholders, so both paths drop the same cells.
  const junk = `lower(${t}) IN (${PLACEHOLDER_VALUES.map((j) => quoteLiteral(j)).join(', ')})`;
  const pseudonym = fullMatch(t, 'sha256:[0-9a-f]{64}');
  const invalid = (message: string) =>
    reason('invalid_identifier', `${quoteLiteral(`${name}: `)} || ${v} || ${message}`);
  let value = t;
  let problem = 'NULL';
  if (identifier === 'email') {
    value = `lower(${t})`;
    problem = `CASE WHEN NOT ${fullMatch(value, `[^${JS_SPACE}@]+@[^${JS_SPACE}@]+`)} THEN ${invalid("' is not an email address'")} END`;
  } else if (identifier === 'phone') {
    const stripped = `regexp_replace(${t}, ${quoteLiteral(EXTENSION)}, '', 'i')`;
    const digits = `regexp_replace(${stripped}, '[^0-9]', '', 'g')`;
    const cc = defaultCountryCode === undefined ? null : quoteLiteral(defaultCountryCode);
    const international = `(CASE WHEN starts_with(${t}, '+') THEN ${digits} WHEN starts_with(${digits}, '00') THEN substr(${digits}, 3)${cc === null ? '' : ` ELSE ${cc} || regexp_replace(${digits}, '^0', '')`} END)`;
    const number = `coalesce(${international}, ${digits})`;
    value = `(CASE WHEN ${international} IS NULL THEN ${number} ELSE '+' || ${number} END)`;
    problem = `CASE WHEN regexp_matches(${stripped}, '[a-zA-Z]') THEN ${invalid("': a phone number has no letters'")}
  WHEN length(${number}) NOT BETWEEN 7 AND 15 THEN ${invalid(`': ' || length(${number}) || ' digits is not a phone number (7 to 15)'`)} END`;
  }
  return {
    value: `(CASE WHEN ${junk} THEN NULL WHEN ${pseudonym} THEN ${t} ELSE ${value} END)`,
    problem: `(CASE WHEN ${nul} THEN ${nulReason} WHEN ${junk} OR ${pseudonym} THEN NULL ELSE ${problem} END)`,
  };
}
