import { describe, expect, it } from 'vitest';
import type { FieldSpec } from '../canonical/source-kinds.js';
import { parseValue } from './parse-value.js';
import { parseDate, parseTimestamp } from './parse-timestamp.js';

const field = (type: FieldSpec['type'], extra: Partial<FieldSpec> = {}): FieldSpec => ({
  name: 'f',
  type,
  ...extra,
});

describe('parseTimestamp', () => {
  it.each([
    ['2026-03-01T10:00:00Z', Date.UTC(2026, 2, 1, 10)],
    ['2026-03-01T12:00:00+02:00', Date.UTC(2026, 2, 1, 10)],
    ['2026-03-01T05:30:00-0430', Date.UTC(2026, 2, 1, 10)],
    ['2026-03-01 10:00:00', Date.UTC(2026, 2, 1, 10)],
    ['2026-03-01T10:00', Date.UTC(2026, 2, 1, 10)],
    ['2026-03-01T10:00:00.1234567Z', Date.UTC(2026, 2, 1, 10, 0, 0, 123)],
    ['2026-03-01', Date.UTC(2026, 2, 1)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
  ])('reads %s', (text, expected) => expect(parseTimestamp(text)).toBe(expected));

  it.each([
    '2026-13-01T00:00:00Z',
    '2025-02-29',
    '2026-03-01T24:00:00Z',
    '03/01/2026',
    'yesterday',
    '2026-3-1',
    '',
  ])('refuses %s', (text) => expect(parseTimestamp(text)).toBeNull());

  it('reads dates and refuses times in them', () => {
    expect(parseDate('2026-01-31')).toBe(Date.UTC(2026, 0, 31));
    expect(parseDate('2026-01-31T00:00:00Z')).toBeNull();
  });
});

describe('parseValue', () => {
  it('treats empty cells as missing and refuses them when required', () => {
    expect(parseValue(field('text'), '  ')).toEqual({ ok: true, value: null });
    expect(parseValue(field('text', { required: true }), '')).toMatchObject({
      ok: false,
      code: 'missing_required',
    });
  });

  it('reads amounts and refuses negative or non-numeric ones', () => {
    expect(parseValue(field('amount'), ' 129.90 ')).toEqual({ ok: true, value: 129.9 });
    expect(parseValue(field('amount'), 45)).toEqual({ ok: true, value: 45 });
    expect(parseValue(field('amount'), '-3')).toMatchObject({ ok: false, code: 'negative_amount' });
    expect(parseValue(field('amount'), '12 EUR')).toMatchObject({
      ok: false,
      code: 'not_a_number',
    });
    expect(parseValue(field('amount'), '1,200.00')).toMatchObject({
      ok: false,
      code: 'not_a_number',
    });
    expect(parseValue(field('amount'), 'Infinity')).toMatchObject({
      ok: false,
      code: 'not_a_number',
    });
  });

  it('holds numbers to their range', () => {
    const confidence = field('number', { min: 0, max: 1 });
    expect(parseValue(confidence, '0.5')).toEqual({ ok: true, value: 0.5 });
    expect(parseValue(confidence, '1.5')).toMatchObject({ ok: false, code: 'out_of_range' });
  });

  it('reads booleans in the spellings exports use', () => {
    expect(parseValue(field('boolean'), 'TRUE')).toEqual({ ok: true, value: true });
    expect(parseValue(field('boolean'), 'n')).toEqual({ ok: true, value: false });
    expect(parseValue(field('boolean'), 'maybe')).toMatchObject({ ok: false, code: 'bad_boolean' });
  });

  it('names the bad timestamp', () => {
    expect(parseValue(field('timestamp'), 'soon')).toEqual({
      ok: false,
      code: 'bad_timestamp',
      message: 'soon is not an ISO-8601 timestamp',
    });
  });
});
