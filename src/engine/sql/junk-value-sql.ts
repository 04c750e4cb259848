import type { ResolvedJunkPolicy } from '../../core/identity/junk-value-filter.js';
import type { Dialect } from '../dialect.js';

// What JavaScript's String.prototype.trim removes: white space and line terminators.
const JS_WHITESPACE =
  '\t\n\u000b\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

const DIGITS = "('0', '1', '2', '3', '4', '5', '6', '7', '8', '9')";

/**
 * The SQL form of createJunkValueFilter (core/identity/junk-value-filter.ts): true when the
 * identifier `typeExpr`/`valueExpr` names nobody. The value is trimmed of what JavaScript's trim
 * removes and lower-cased (the Kelvin sign first, the one non-ASCII letter JavaScript lowers to
 * ASCII); a value of one repeated digit, with an optional leading +, is junk when the policy says
 * so. test/identity-numbered.test.ts holds it to the TypeScript filter on both engines.
 */
export function junkValueSql(
  d: Dialect,
  policy: ResolvedJunkPolicy,
  typeExpr: string,
  valueExpr: string,
): string {
  const v = `LOWER(REPLACE(TRIM(BOTH ${d.quoteLiteral(JS_WHITESPACE)} FROM ${valueExpr}), '\u212a', 'k'))`;
  const list = (values: readonly string[]) => values.map((x) => d.quoteLiteral(x)).join(', ');
  const tests: string[] = [];
  if (policy.values.length) tests.push(`${v} IN (${list(policy.values)})`);
  for (const [type, values] of Object.entries(policy.byType))
    if (values.length)
      tests.push(`(${typeExpr} = ${d.quoteLiteral(type)} AND ${v} IN (${list(values)}))`);
  if (policy.repeatedDigits) {
    const s = `(CASE WHEN ${v} LIKE '+%' THEN SUBSTR(${v}, 2) ELSE ${v} END)`;
    tests.push(
      `(LENGTH(${s}) >= 2 AND SUBSTR(${s}, 1, 1) IN ${DIGITS} AND REPLACE(${s}, SUBSTR(${s}, 1, 1), '') = '')`,
    );
  }
  return tests.length ? `(${tests.join(' OR ')})` : 'FALSE';
}
