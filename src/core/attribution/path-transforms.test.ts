import { describe, expect, it } from 'vitest';
import { parsePathKey, pathKey } from './path-key.js';
import { applyPathTransforms, frequencyTokenChannel } from './path-transforms.js';

// The reference example of google/fractribution.
const PATH = ['D', 'A', 'B', 'B', 'C', 'D', 'C', 'C'];

describe('path transforms', () => {
  it('unique is the identity', () => {
    expect(applyPathTransforms(PATH, [{ kind: 'unique' }])).toEqual(PATH);
  });
  it('exposure collapses consecutive repeats', () => {
    expect(applyPathTransforms(PATH, [{ kind: 'exposure' }])).toEqual([
      'D',
      'A',
      'B',
      'C',
      'D',
      'C',
    ]);
  });
  it('first keeps the first occurrence of each channel', () => {
    expect(applyPathTransforms(PATH, [{ kind: 'first' }])).toEqual(['D', 'A', 'B', 'C']);
  });
  it('frequency keeps first occurrences tagged with counts', () => {
    expect(applyPathTransforms(PATH, [{ kind: 'frequency' }])).toEqual([
      'D(2)',
      'A(1)',
      'B(2)',
      'C(3)',
    ]);
    expect(frequencyTokenChannel('C(3)')).toBe('C');
    expect(frequencyTokenChannel('C')).toBe('C');
    expect(() => applyPathTransforms(['a(b)'], [{ kind: 'frequency' }])).toThrow(/forbids/);
  });
  it('remove_if_not_all drops a channel unless the path is only that channel', () => {
    const t = [{ kind: 'remove_if_not_all', channel: 'A' }] as const;
    expect(applyPathTransforms(['A', 'B', 'A', 'A'], t)).toEqual(['B']);
    expect(applyPathTransforms(['A', 'A'], t)).toEqual(['A', 'A']);
    expect(applyPathTransforms([], t)).toEqual([]);
  });
  it('remove_if_last_and_not_all drops the trailing run unless the path is only that channel', () => {
    const t = [{ kind: 'remove_if_last_and_not_all', channel: 'A' }] as const;
    expect(applyPathTransforms(['A', 'B', 'A', 'A'], t)).toEqual(['A', 'B']);
    expect(applyPathTransforms(['B', 'A', 'C'], t)).toEqual(['B', 'A', 'C']);
    expect(applyPathTransforms(['A', 'A'], t)).toEqual(['A', 'A']);
  });
  it('trim_long_path keeps the last steps', () => {
    expect(applyPathTransforms(PATH, [{ kind: 'trim_long_path', steps: 2 }])).toEqual(['C', 'C']);
    expect(() => applyPathTransforms(PATH, [{ kind: 'trim_long_path', steps: 0 }])).toThrow(
      /steps/,
    );
  });
  it('chains transforms in the order given', () => {
    const direct = { kind: 'remove_if_not_all', channel: 'D' } as const;
    // exposure then remove D: D A B C D C → A B C C; remove D then exposure: A B C C → A B C.
    expect(applyPathTransforms(PATH, [{ kind: 'exposure' }, direct])).toEqual(['A', 'B', 'C', 'C']);
    expect(applyPathTransforms(PATH, [direct, { kind: 'exposure' }])).toEqual(['A', 'B', 'C']);
  });
});

describe('path keys', () => {
  it('round-trips, with the empty path as the empty key', () => {
    expect(pathKey(['Organic_Search', 'Direct'])).toBe('Organic_Search > Direct');
    expect(parsePathKey('Organic_Search > Direct')).toEqual(['Organic_Search', 'Direct']);
    expect(pathKey([])).toBe('');
    expect(parsePathKey('')).toEqual([]);
  });
  it('refuses channels that would make keys ambiguous', () => {
    expect(() => pathKey(['a > b'])).toThrow(/path key/);
    expect(() => pathKey([''])).toThrow(/path key/);
  });
});
