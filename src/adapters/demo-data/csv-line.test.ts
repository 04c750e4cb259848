import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { csvCell, csvLine } from './csv-line.js';

describe('csvLine', () => {
  it('quotes only fields with a comma, quote or line break, doubling quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('Blue Labs, Inc')).toBe('"Blue Labs, Inc"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(false)).toBe('false');
    expect(csvCell(12.5)).toBe('12.5');
  });

  it('round-trips through a standard CSV parser', () => {
    const values = ['a,b', 'c"d', 'e\r\nf', '', "O'Brien", 'Müller'];
    const parsed = parse(csvLine(values));
    expect(parsed).toEqual([values]);
  });
});
