import type { ResolvedJunkPolicy } from '../../core/identity/junk-value-filter.js';
import type { Dialect } from '../dialect.js';

// What JavaScript's String.prototype.trim removes: white space and line terminators.
const JS_WHITESPACE =
  '\t\n\u000b\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

const PLUS = 43;
const DIGITS = Array.from({ length: 10 }, (_v, i) => 48 + i);
const printableAscii = (code: number) => code >= 33 && code <= 126;

/** `x` tested against a set of integers as ranges: a long IN list would become a join. */
function inCodes(x: string, codes: readonly number[]): string {
  const sorted = [...new Set(codes)].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    ranges.push(i === j ? `${x} = ${sorted[i]}` : `${x} BETWEEN ${sorted[i]} AND ${sorted[j]}`);
    i = j + 1;
  }
  return ranges.length ? `(${ranges.join(' OR ')})` : 'FALSE';
}

/** The printable ASCII code points listed values start with, in either case. */
function listedFirstCodes(values: readonly string[]): number[] {
  const codes: number[] = [];
  for (const value of values) {
    const first = value.charAt(0);
    for (const c of [first, first.toLowerCase(), first.toUpperCase()])
      if (c.length === 1 && printableAscii(c.charCodeAt(0))) codes.push(c.charCodeAt(0));
  }
  return codes;
}

/** Tests on the raw value's ends, which need no trimming or lower-casing. */
function rawEnds(valueExpr: string) {
  const first = `ASCII(${valueExpr})`;
  const last = `ASCII(RIGHT(${valueExpr}, 1))`;
  return {
    first,
    // Nothing to trim (JavaScript's trim removes no printable ASCII character).
    untrimmed: `${first} BETWEEN 33 AND 126 AND ${last} BETWEEN 33 AND 126`,
    // True of every + or digit repeated (the last character is the second).
    digitShaped: `${inCodes(first, [PLUS, ...DIGITS])} AND ${last} = ASCII(SUBSTR(${valueExpr}, 2, 1))`,
  };
}

/**
 * Conditions on the raw value, each true only of values the junk filter keeps, cheapest first.
 * A value whose first character is printable ASCII keeps it through trimming, and lower-casing
 * only folds its case: the normalised value starts with it lower-cased, so it can be junk only
 * if a listed value (or, for repeated digits, + or a digit) starts so. When its last character
 * is printable ASCII too, nothing is trimmed and lower-casing never shortens a value, so it can
 * be listed only if no longer than the longest listed value, and be one repeated digit only if
 * digit-shaped. Values listed with another first character can only match values that start
 * otherwise, which no condition settles.
 */
function keptValueConditions(policy: ResolvedJunkPolicy, valueExpr: string): string[] {
  const listed = [...policy.values, ...Object.values(policy.byType).flat()];
  const listedCodes = listedFirstCodes(listed);
  const digitCodes = policy.repeatedDigits ? [PLUS, ...DIGITS] : [];
  const longest = Math.max(0, ...listed.map((x) => x.length));
  const { first, untrimmed, digitShaped } = rawEnds(valueExpr);
  const mayBeListed = `${inCodes(first, listedCodes)} AND LENGTH(${valueExpr}) <= ${longest}`;
  const mayBeDigits = policy.repeatedDigits ? digitShaped : 'FALSE';
  return [
    `${first} BETWEEN 33 AND 126 AND NOT ${inCodes(first, [...listedCodes, ...digitCodes])}`,
    `${untrimmed} AND NOT ((${mayBeListed}) OR (${mayBeDigits}))`,
  ];
}

/**
 * The values the cheap conditions of junkValueSql leave to its full test: false only where the
 * junk filter is false (most values).
 */
export function junkCandidateSql(policy: ResolvedJunkPolicy, valueExpr: string): string {
  return keptValueConditions(policy, valueExpr)
    .map((c) => `NOT (${c})`)
    .join(' AND ');
}

/**
 * The SQL form of createJunkValueFilter (core/identity/junk-value-filter.ts): true when the
 * identifier `typeExpr`/`valueExpr` names nobody. The filter trims what JavaScript's trim removes
 * and lower-cases, then looks the value up in the lists and tests for one repeated digit with an
 * optional +. That is slow per value, so a CASE first settles the values cheap conditions on the
 * raw value can (keptValueConditions), and runs the full test on the others only (a CASE
 * evaluates a branch only on the rows that reach it; AND and OR evaluate both sides).
 * Trimming by a set of 25 characters is slow, and nearly every value starts and ends with a
 * printable ASCII character and so has nothing to trim: a CASE lowers those as they are and trims
 * only the others (and values holding the Kelvin sign, the one non-ASCII letter JavaScript lowers
 * to ASCII, which not every engine's LOWER folds). The lists are tested once each on that one
 * expression: DuckDB turns a long IN list into a join, which would evaluate every branch of a
 * CASE wrapped around it. test/identity-numbered.test.ts holds both the cheap conditions and the
 * whole test to the TypeScript filter on both engines.
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
    // Run only where the raw value could be digits (the listed values reach here too).
    const { untrimmed, digitShaped } = rawEnds(valueExpr);
    tests.push(
      `(CASE WHEN ${untrimmed} AND NOT (${digitShaped}) THEN FALSE ELSE ${v} SIMILAR TO '[+]?[0-9]+' AND LENGTH(${s}) >= 2 AND REPLACE(${s}, SUBSTR(${s}, 1, 1), '') = '' END)`,
    );
  }
  if (!tests.length) return 'FALSE';
  const kept = keptValueConditions(policy, valueExpr).map((c) => `WHEN ${c} THEN FALSE`);
  return `(CASE ${kept.join(' ')} ELSE (${tests.join(' OR ')}) END)`;
}
