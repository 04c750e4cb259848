import type { ResolvedJunkPolicy } from '../../core/identity/junk-value-filter.js';
import type { Dialect } from '../dialect.js';

// What JavaScript's String.prototype.trim removes: white space and line terminators.
const JS_WHITESPACE =
  '\t\n\u000b\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

/**
 * The SQL form of createJunkValueFilter (core/identity/junk-value-filter.ts): true when the
 * identifier `typeExpr`/`valueExpr` names nobody. The filter trims what JavaScript's trim removes
 * and lower-cases, then looks the value up in the lists and tests for one repeated digit with an
 * optional +. Trimming by a set of 25 characters is slow, and nearly every value starts and ends
 * with a printable ASCII character and so has nothing to trim: a CASE lowers those as they are
 * and trims only the others (and values holding the Kelvin sign, the one non-ASCII letter
 * JavaScript lowers to ASCII, which not every engine's LOWER folds). The lists are tested once
 * each on that one expression: DuckDB turns a long IN list into a join, which would evaluate
 * every branch of a CASE wrapped around it. test/identity-numbered.test.ts holds it to the
 * TypeScript filter on both engines.
 */
export function junkValueSql(
  d: Dialect,
  policy: ResolvedJunkPolicy,
  typeExpr: string,
  valueExpr: string,
): string {
  const list = (values: readonly string[]) => values.map((x) => d.quoteLiteral(x)).join(', ');
  const plain =
    `ASCII(${valueExpr}) BETWEEN 33 AND 126 AND ASCII(RIGHT(${valueExpr}, 1)) BETWEEN 33 AND 126` +
    ` AND ${valueExpr} NOT LIKE '%\u212a%'`;
  const trimmed = `TRIM(BOTH ${d.quoteLiteral(JS_WHITESPACE)} FROM ${valueExpr})`;
  const v = `(CASE WHEN ${plain} THEN LOWER(${valueExpr}) ELSE LOWER(REPLACE(${trimmed}, '\u212a', 'k')) END)`;
  const tests: string[] = [];
  if (policy.values.length) tests.push(`${v} IN (${list(policy.values)})`);
  for (const [type, values] of Object.entries(policy.byType))
    if (values.length)
      tests.push(`(${typeExpr} = ${d.quoteLiteral(type)} AND ${v} IN (${list(values)}))`);
  if (policy.repeatedDigits) {
    // One digit repeated: nothing is left once every copy of the first digit is removed.
    const s = `SUBSTR(${v}, CASE WHEN ${v} LIKE '+%' THEN 2 ELSE 1 END)`;
    tests.push(
      `(${v} SIMILAR TO '[+]?[0-9]+' AND LENGTH(${s}) >= 2 AND REPLACE(${s}, SUBSTR(${s}, 1, 1), '') = '')`,
    );
  }
  return tests.length ? `(${tests.join(' OR ')})` : 'FALSE';
}
