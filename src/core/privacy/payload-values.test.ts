import { describe, expect, it } from 'vitest';
import { payloadValues } from './payload-values.js';

describe('payloadValues', () => {
  it('finds string values at any depth, keys skipped, escapes decoded', () => {
    const deep = `${'{"a":'.repeat(100_000)}"x@y.example"${'}'.repeat(100_000)}`;
    expect(payloadValues(deep)).toEqual(['x@y.example']);
    expect(payloadValues('{"email":"A\\u0040b.example","n":6022999153}')).toEqual([
      'A@b.example',
      '6022999153',
    ]);
  });

  it('scans malformed JSON and delimited lines too', () => {
    expect(payloadValues('{"email":"x@y.example",')).toContain('x@y.example');
    expect(payloadValues('e1,"602 299 9153",x@y.example')).toEqual(
      expect.arrayContaining(['602 299 9153', 'x@y.example']),
    );
  });
});
