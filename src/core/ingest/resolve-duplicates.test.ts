import { describe, expect, it } from 'vitest';
import { correctEventTime } from './correct-event-time.js';
import { nestsDeeperThan } from './json-depth.js';
import { keyOf, resolveDuplicates, type KeyedRecord } from './resolve-duplicates.js';

const rec = (
  kind: string,
  identity: KeyedRecord['identity'],
  key: string,
  hash: string,
): KeyedRecord => ({ kind, identity, key, hash });

describe('resolveDuplicates', () => {
  it('stores new records and drops events already seen, whatever their content', () => {
    const stored = new Map([[keyOf('orders', 'o1'), { hash: 'h1', batchId: 'b0' }]]);
    const r = resolveDuplicates(
      [
        rec('orders', 'event', 'o1', 'h2'),
        rec('orders', 'event', 'o2', 'h3'),
        rec('orders', 'event', 'o2', 'h3'),
      ],
      stored,
    );
    expect(r.decisions).toEqual([
      { action: 'duplicate', differs: true },
      { action: 'store' },
      { action: 'duplicate', differs: false },
    ]);
    expect(r.writes).toEqual([1]);
  });

  it('replaces an entity with new content, the latest version winning', () => {
    const stored = new Map([[keyOf('accounts', 'A'), { hash: 'h1', batchId: 'b0' }]]);
    const r = resolveDuplicates(
      [
        rec('accounts', 'entity', 'A', 'h1'),
        rec('accounts', 'entity', 'A', 'h2'),
        rec('accounts', 'entity', 'A', 'h3'),
        rec('accounts', 'entity', 'B', 'x'),
      ],
      stored,
    );
    expect(r.decisions.map((d) => d.action)).toEqual(['duplicate', 'update', 'update', 'store']);
    expect(r.writes).toEqual([2, 3]);
    expect(r.replaced).toEqual([{ kind: 'accounts', key: 'A' }]);
  });

  it('reports conflicts within one strict input instead of choosing', () => {
    const stored = new Map([
      [keyOf('orders', 'o1'), { hash: 'h1', batchId: 'mine' }],
      [keyOf('orders', 'o9'), { hash: 'h1', batchId: 'old' }],
    ]);
    const r = resolveDuplicates(
      [
        rec('orders', 'event', 'o1', 'h2'),
        rec('orders', 'event', 'o9', 'h2'),
        rec('orders', 'event', 'o3', 'a'),
        rec('orders', 'event', 'o3', 'b'),
      ],
      stored,
      new Set(['mine']),
    );
    expect(r.decisions.map((d) => d.action)).toEqual([
      'conflict',
      'duplicate',
      'store',
      'conflict',
    ]);
  });
});

describe('correctEventTime', () => {
  it('moves a device time onto the receiver clock when sentAt is known', () => {
    // Device clock 1 h behind: event at 09:00:00 device time, sent at 09:00:10, received 10:00:10.
    const h = 3_600_000;
    expect(correctEventTime(9 * h, 9 * h + 10_000, 10 * h + 10_000, true)).toEqual({
      occurredAt: 10 * h,
      clock: 'corrected',
      skewMs: h,
    });
    expect(correctEventTime(5, null, 99, true)).toEqual({
      occurredAt: 5,
      clock: 'unverified',
      skewMs: null,
    });
    expect(correctEventTime(5, 7, 99, false)).toEqual({
      occurredAt: 5,
      clock: 'source',
      skewMs: null,
    });
  });
});

describe('nestsDeeperThan', () => {
  it('measures depth iteratively, even for very deep values', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(nestsDeeperThan(deep, 32)).toBe(true);
    expect(nestsDeeperThan({ a: { b: [1, { c: 2 }] } }, 4)).toBe(false);
    expect(nestsDeeperThan({ a: { b: [1, { c: 2 }] } }, 3)).toBe(true);
  });
});
