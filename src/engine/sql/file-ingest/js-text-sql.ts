import { quoteLiteral } from '../../quote.js';

/*
 * SQL that treats text as the per-record path's JavaScript does, so both paths give one verdict:
 * String.prototype.trim and the regular expressions' \s strip the same set of characters.
 */

/** JavaScript's white space and line terminators, as an RE2 class body. */
export const JS_SPACE =
  '\\t\\n\\x{0b}\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}';

/** `expr.trim()`; NULL stays NULL. */
export const jsTrim = (expr: string): string =>
  `regexp_replace(${expr}, ${quoteLiteral(`^[${JS_SPACE}]+|[${JS_SPACE}]+$`)}, '', 'g')`;

/** True when the cell is absent or only white space: exports write a missing value that way. */
export const isBlank = (expr: string): string =>
  `(${expr} IS NULL OR regexp_full_match(${expr}, ${quoteLiteral(`[${JS_SPACE}]*`)}))`;

/** `text` matches `pattern` whole (RE2 syntax; the pattern is ours, never a user's). */
export const fullMatch = (expr: string, pattern: string, flags = ''): string =>
  flags
    ? `regexp_full_match(${expr}, ${quoteLiteral(pattern)}, ${quoteLiteral(flags)})`
    : `regexp_full_match(${expr}, ${quoteLiteral(pattern)})`;

/**
 * A double as JavaScript's `String(number)` writes it (the fingerprint is JSON.stringify of the
 * record's values): integers without a fraction, fixed notation down to 1e-6, exponents without
 * leading zeros. DuckDB writes the same shortest digits, only formatted otherwise.
 */
export function jsNumberText(expr: string): string {
  const text = `CAST(${expr} AS VARCHAR)`;
  // Only rows with an exponent reach the ELSE branch, so the repeated extractions cost nothing.
  const part = (group: number) =>
    `regexp_extract(${text}, '^(-?)(\\d)(?:\\.(\\d+))?e([+-])(\\d+)$', ${group})`;
  const exponent = `CAST(${part(5)} AS INTEGER)`;
  return `(CASE WHEN ${expr} IS NULL THEN NULL
  WHEN ${expr} = trunc(${expr}) AND abs(${expr}) < 1e21 THEN CAST(CAST(${expr} AS HUGEINT) AS VARCHAR)
  WHEN strpos(${text}, 'e') = 0 THEN ${text}
  WHEN ${part(4)} = '-' AND ${exponent} <= 6
    THEN ${part(1)} || '0.' || repeat('0', ${exponent} - 1) || ${part(2)} || ${part(3)}
  ELSE ${part(1)} || ${part(2)} || CASE WHEN ${part(3)} <> '' THEN '.' || ${part(3)} ELSE '' END
    || 'e' || ${part(4)} || CAST(${exponent} AS VARCHAR) END)`;
}
