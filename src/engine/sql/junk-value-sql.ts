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

/**
 * The code points a junk value can start with when its first character is printable ASCII: then
 * trimming keeps that character and lower-casing only folds its case, so the normalised value
 * starts with it lower-cased. Listed values starting otherwise can only match values that start
 * otherwise (those always take the full test).
 */
function junkFirstCodes(policy: ResolvedJunkPolicy): number[] {
  const codes: number[] = policy.repeatedDigits ? [PLUS, ...DIGITS] : [];
  for (const value of [...policy.values, ...Object.values(policy.byType).flat()]) {
    const first = value.charAt(0);
    for (const c of [first, first.toLowerCase(), first.toUpperCase()])
      if (c.length === 1 && printableAscii(c.charCodeAt(0))) codes.push(c.charCodeAt(0));
  }
  return codes;
}

/**
 * A cheap test on the raw value, false only where junkValueSql is false: the value starts with a
 * printable ASCII character no junk value can start with (most values). Nearly all values are
 * settled by it, and the full test runs on the few others.
 */
export function junkCandidateSql(policy: ResolvedJunkPolicy, valueExpr: string): string {
  const first = `ASCII(${valueExpr})`;
  return `NOT (${first} BETWEEN 33 AND 126 AND NOT ${inCodes(first, junkFirstCodes(policy))})`;
}

/**
 * The SQL form of createJunkValueFilter (core/identity/junk-value-filter.ts): true when the
 * identifier `typeExpr`/`valueExpr` names nobody. The filter trims what JavaScript's trim removes
 * and lower-cases, then looks the value up in the lists and tests for one repeated digit with an
 * optional +. That is slow per value, so a CASE runs it only where junkCandidateSql leaves it
 * open (a CASE evaluates a branch only on the rows that reach it; AND and OR evaluate both sides).
 * Trimming by a set of 25 characters is slow, and nearly every value starts and ends with a
 * printable ASCII character and so has nothing to trim: a CASE lowers those as they are and trims
 * only the others (and values holding the Kelvin sign, the one non-ASCII letter JavaScript lowers
 * to ASCII, which not every engine's LOWER folds). The lists are tested once each on that one
 * expression: DuckDB turns a long IN list into a join, which would evaluate every branch of a
 * CASE wrapped around it. The repeated-digit test runs only where the value's last character is
 * its second (true of every + and repeated digit). test/identity-numbered.test.ts holds both
 * tests to the TypeScript filter on both engines.
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
    const shaped = `${inCodes(`ASCII(${v})`, [PLUS, ...DIGITS])} AND ASCII(RIGHT(${v}, 1)) = ASCII(SUBSTR(${v}, 2, 1))`;
    tests.push(
      `(CASE WHEN NOT (${shaped}) THEN FALSE ELSE ${v} SIMILAR TO '[+]?[0-9]+' AND LENGTH(${s}) >= 2 AND REPLACE(${s}, SUBSTR(${s}, 1, 1), '') = '' END)`,
    );
  }
  if (!tests.length) return 'FALSE';
  return `(CASE WHEN NOT (${junkCandidateSql(policy, valueExpr)}) THEN FALSE ELSE (${tests.join(' OR ')}) END)`;
}
