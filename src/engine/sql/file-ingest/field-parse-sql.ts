import type { FieldSpec } from '../../../core/canonical/source-kinds.js';
import { quoteLiteral } from '../../quote.js';
import { fullMatch, JS_SPACE } from './js-text-sql.js';

/**
 * One field's parse as SQL over a text cell: the typed value and, when the cell breaks the
 * kind's contract, a reason {code, message} (else NULL). The same rules as core/values'
 * parseValue, which the per-record path runs; the conformance test holds the two equal.
 */
export interface FieldParseSql {
  /** Computed once per row from the trimmed cell before `value` and `problem` read it (as `m`), or null. */
  readonly prepare: ((trimmed: string) => string) | null;
  /** The canonical value: text, epoch milliseconds (timestamps, dates), double or boolean. */
  readonly value: (cell: CellSql, m: string) => string;
  readonly problem: (cell: CellSql, m: string) => string;
}

/** A cell as the parse reads it: as read, trimmed (computed once per row), and its NULL-or-blank test. */
export interface CellSql {
  readonly raw: string;
  readonly trimmed: string;
}

const blank = (c: CellSql) => `(${c.trimmed} IS NULL OR ${c.trimmed} = '')`;

// core/values/parse-timestamp.ts's TIMESTAMP, in RE2 (the same groups).
const TIMESTAMP = `^(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?[${JS_SPACE}]*(Z|z|[+-]\\d{2}(?::?\\d{2})?)?$`;
const NUMBER = '[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?';
const TRUE = ['true', 't', 'yes', 'y', '1'];
const FALSE = ['false', 'f', 'no', 'n', '0'];

const list = (values: readonly string[]) => values.map((v) => quoteLiteral(v)).join(', ');
const reason = (code: string, message: string) =>
  `{'code': ${quoteLiteral(code)}, 'message': ${message}}`;
const text = (literal: string) => quoteLiteral(literal);

/** Epoch milliseconds of a timestamp's extracted parts, or NULL when they name no instant. */
function timestampMs(m: string): string {
  const int = (part: string, fallback = '0') =>
    `CAST(CASE WHEN ${m}.${part} = '' THEN '${fallback}' ELSE ${m}.${part} END AS BIGINT)`;
  const zone = `${m}.z`;
  const digits = `replace(substr(${zone}, 2), ':', '')`;
  const offsetHours = `CAST(substr(${digits}, 1, 2) AS BIGINT)`;
  const offsetMins = `CAST(CASE WHEN length(${digits}) > 2 THEN substr(${digits}, 3) ELSE '0' END AS BIGINT)`;
  const offsetMinutes = `(CASE WHEN ${zone} IN ('', 'Z', 'z') THEN 0 ELSE (CASE WHEN starts_with(${zone}, '-') THEN -1 ELSE 1 END) * (${offsetHours} * 60 + ${offsetMins}) END)`;
  // Offsets past ±14:00 or with minutes past 59 name no zone (parse-timestamp.ts refuses them).
  const validZone = `(${zone} IN ('', 'Z', 'z') OR (${offsetMins} <= 59 AND ${offsetHours} * 60 + ${offsetMins} <= 840))`;
  const valid = `${validZone} AND ${m}.y <> '' AND ${int('mo')} BETWEEN 1 AND 12 AND ${int('h')} <= 23 AND ${int('mi')} <= 59 AND ${int('s')} <= 59 AND ${int('d')} >= 1`;
  const instant = `try(make_timestamp(${int('y')}, ${int('mo')}, ${int('d')}, ${int('h')}, ${int('mi')}, CAST(${int('s')} AS DOUBLE)))`;
  const millis = `(CASE WHEN ${m}.f = '' THEN 0 ELSE CAST(floor(CAST('0.' || ${m}.f AS DOUBLE) * 1000) AS BIGINT) END)`;
  return `(CASE WHEN ${valid} THEN epoch_ms(${instant}) + ${millis} - ${offsetMinutes} * 60000 END)`;
}

/** Epoch milliseconds of midnight UTC of a YYYY-MM-DD date, or NULL. */
function dateMs(t: string): string {
  const part = (from: number, length: number) => `CAST(substr(${t}, ${from}, ${length}) AS BIGINT)`;
  return `(CASE WHEN ${fullMatch(t, '\\d{4}-\\d{2}-\\d{2}')} AND ${part(6, 2)} BETWEEN 1 AND 12 AND ${part(9, 2)} >= 1 THEN epoch_ms(try(make_timestamp(${part(1, 4)}, ${part(6, 2)}, ${part(9, 2)}, 0, 0, 0.0))) END)`;
}

/** The parse of `field`; `allowed` is its closed vocabulary, when it has one. */
export function fieldParseSql(field: FieldSpec, allowed?: readonly string[]): FieldParseSql {
  const missing = field.required
    ? reason('missing_required_field', text(`required field ${field.name} is empty`))
    : 'NULL';
  const guard = (cell: CellSql, bad: string) =>
    `(CASE WHEN ${blank(cell)} THEN ${missing} ELSE ${bad} END)`;
  const blankOr = (cell: CellSql, value: string) =>
    `(CASE WHEN ${blank(cell)} THEN NULL ELSE ${value} END)`;
  switch (field.type) {
    case 'text':
      return {
        prepare: null,
        value: (c) => blankOr(c, c.trimmed),
        problem: (c) =>
          guard(
            c,
            allowed
              ? `CASE WHEN ${c.trimmed} NOT IN (${list(allowed)}) THEN ${reason('invalid_value', `${c.trimmed} || ${text(` is not one of ${allowed.join(', ')}`)}`)} END`
              : 'NULL',
          ),
      };
    case 'timestamp':
      return {
        prepare: (t) =>
          `regexp_extract(${t}, ${quoteLiteral(TIMESTAMP)}, ['y', 'mo', 'd', 'h', 'mi', 's', 'f', 'z'])`,
        value: (c, m) => blankOr(c, timestampMs(m)),
        problem: (c, m) =>
          guard(
            c,
            `CASE WHEN ${timestampMs(m)} IS NULL THEN ${reason('bad_timestamp', `${c.raw} || ' is not an ISO-8601 timestamp'`)} END`,
          ),
      };
    case 'date':
      return {
        prepare: null,
        value: (c) => blankOr(c, dateMs(c.trimmed)),
        problem: (c) =>
          guard(
            c,
            `CASE WHEN ${dateMs(c.trimmed)} IS NULL THEN ${reason('bad_timestamp', `${c.raw} || ' is not a YYYY-MM-DD date'`)} END`,
          ),
      };
    case 'amount':
    case 'number': {
      const t = (c: CellSql) => c.trimmed;
      const x = (c: CellSql) =>
        `(CASE WHEN ${fullMatch(t(c), NUMBER)} THEN TRY_CAST(${t(c)} AS DOUBLE) END)`;
      const bounds: string[] = [];
      if (field.min !== undefined) bounds.push(`X < ${field.min}`);
      if (field.max !== undefined) bounds.push(`X > ${field.max}`);
      const range = text(` is outside ${field.min ?? '-∞'}..${field.max ?? '∞'}`);
      return {
        prepare: null,
        value: (c) => blankOr(c, x(c)),
        problem: (c) =>
          guard(
            c,
            `CASE WHEN ${x(c)} IS NULL OR NOT isfinite(${x(c)}) THEN ${reason('wrong_type', `${t(c)} || ' is not a number'`)}
${field.type === 'amount' ? `WHEN ${x(c)} < 0 THEN ${reason('out_of_range', `'amount ' || ${t(c)} || ' is negative'`)}` : ''}
${bounds.length ? `WHEN ${bounds.map((b) => b.replace('X', () => x(c))).join(' OR ')} THEN ${reason('out_of_range', `${t(c)} || ${range}`)}` : ''} END`,
          ),
      };
    }
    case 'boolean': {
      const word = (c: CellSql) => `lower(${c.trimmed})`;
      return {
        prepare: null,
        value: (c) =>
          blankOr(
            c,
            `CASE WHEN ${word(c)} IN (${list(TRUE)}) THEN TRUE WHEN ${word(c)} IN (${list(FALSE)}) THEN FALSE END`,
          ),
        problem: (c) =>
          guard(
            c,
            `CASE WHEN ${word(c)} NOT IN (${list([...TRUE, ...FALSE])}) THEN ${reason('wrong_type', `${c.raw} || ' is not true or false'`)} END`,
          ),
      };
    }
  }
}
