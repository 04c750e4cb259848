import { describe, expect, it } from 'vitest';
import {
  bucketOf,
  bucketsProblem,
  responseTimeBuckets,
  TIME_TO_CONVERSION_BUCKETS,
} from './buckets.js';

describe('buckets', () => {
  const buckets = responseTimeBuckets([300, 60]);

  it('label first-response buckets from their upper bounds, in order, the last open', () => {
    expect(buckets).toEqual([
      { label: '≤ 1 min', upTo: 60 },
      { label: '1 min–5 min', upTo: 300 },
      { label: '> 5 min', upTo: null },
    ]);
    expect(bucketsProblem(buckets)).toBe('');
    expect(bucketsProblem(TIME_TO_CONVERSION_BUCKETS)).toBe('');
  });

  it('put a value on an upper bound in that bucket', () => {
    expect(bucketOf(0, buckets).label).toBe('≤ 1 min');
    expect(bucketOf(60, buckets).label).toBe('≤ 1 min');
    expect(bucketOf(60.5, buckets).label).toBe('1 min–5 min');
    expect(bucketOf(1e9, buckets).label).toBe('> 5 min');
  });

  it('find lists that do not increase or do not end open', () => {
    expect(bucketsProblem([{ label: 'a', upTo: 5 }])).toMatch(/open-ended/);
    expect(
      bucketsProblem([
        { label: 'a', upTo: 5 },
        { label: 'b', upTo: 5 },
        { label: 'c', upTo: null },
      ]),
    ).toMatch(/increase/);
  });
});
