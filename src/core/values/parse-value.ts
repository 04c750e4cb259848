import type { FieldSpec } from '../canonical/source-kinds.js';
import { parseTimestamp, parseDate } from './parse-timestamp.js';

/** A parsed canonical value: text, epoch milliseconds for times and dates, numbers, booleans. */
export type CanonicalValue = string | number | boolean | null;

export type ParseResult =
  | { readonly ok: true; readonly value: CanonicalValue }
  | { readonly ok: false; readonly code: ValueProblemCode; readonly message: string };

export type ValueProblemCode =
  | 'missing_required'
  | 'bad_timestamp'
  | 'bad_date'
  | 'not_a_number'
  | 'negative_amount'
  | 'out_of_range'
  | 'bad_boolean';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const TRUE = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'f', 'no', 'n', '0']);

const fail = (code: ValueProblemCode, message: string): ParseResult => ({
  ok: false,
  code,
  message,
});

/**
 * Parses one raw value (from a CSV cell, a JSON property or a Parquet column) into the field's
 * canonical type. Empty strings count as missing: exports write absent values that way.
 */
export function parseValue(field: FieldSpec, raw: unknown): ParseResult {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) {
    return field.required
      ? fail('missing_required', `required field ${field.name} is empty`)
      : { ok: true, value: null };
  }
  switch (field.type) {
    case 'text':
      return { ok: true, value: typeof raw === 'string' ? raw.trim() : stringify(raw) };
    case 'timestamp': {
      const ms = raw instanceof Date ? raw.getTime() : parseTimestamp(stringify(raw));
      return ms === null || Number.isNaN(ms)
        ? fail('bad_timestamp', `${stringify(raw)} is not an ISO-8601 timestamp`)
        : { ok: true, value: ms };
    }
    case 'date': {
      const ms = raw instanceof Date ? raw.getTime() : parseDate(stringify(raw));
      return ms === null
        ? fail('bad_date', `${stringify(raw)} is not a YYYY-MM-DD date`)
        : { ok: true, value: ms };
    }
    case 'amount':
    case 'number':
      return parseNumber(field, raw);
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const word = stringify(raw).trim().toLowerCase();
      if (TRUE.has(word)) return { ok: true, value: true };
      if (FALSE.has(word)) return { ok: true, value: false };
      return fail('bad_boolean', `${stringify(raw)} is not true or false`);
    }
  }
}

function parseNumber(field: FieldSpec, raw: unknown): ParseResult {
  const text = stringify(raw).trim();
  const value = typeof raw === 'number' ? raw : NUMBER.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(value)) return fail('not_a_number', `${text} is not a number`);
  if (field.type === 'amount' && value < 0)
    return fail('negative_amount', `amount ${text} is negative`);
  if (
    (field.min !== undefined && value < field.min) ||
    (field.max !== undefined && value > field.max)
  ) {
    return fail('out_of_range', `${text} is outside ${field.min ?? '-∞'}..${field.max ?? '∞'}`);
  }
  return { ok: true, value };
}

function stringify(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean' || typeof raw === 'bigint')
    return String(raw);
  if (raw instanceof Date) return raw.toISOString();
  return JSON.stringify(raw);
}
