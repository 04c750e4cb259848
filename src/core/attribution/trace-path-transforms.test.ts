import { describe, expect, it } from 'vitest';
import { applyPathTransforms, type PathTransform } from './path-transforms.js';
import { prng } from './prng.test-support.js';
import { tracePathTransforms } from './trace-path-transforms.js';

const PATH = ['D', 'A', 'B', 'B', 'C', 'D', 'C', 'C'];
const touchesOf = (path: string[], t: PathTransform[]) =>
  tracePathTransforms(path, t).map((x) => [x.token, x.touches]);

describe('path transforms traced back to touches', () => {
  it('says which touches each token stands for', () => {
    expect(touchesOf(PATH, [{ kind: 'exposure' }])).toEqual([
      ['D', [0]],
      ['A', [1]],
      ['B', [2, 3]],
      ['C', [4]],
      ['D', [5]],
      ['C', [6, 7]],
    ]);
    expect(touchesOf(PATH, [{ kind: 'first' }])).toEqual([
      ['D', [0, 5]],
      ['A', [1]],
      ['B', [2, 3]],
      ['C', [4, 6, 7]],
    ]);
    expect(touchesOf(PATH, [{ kind: 'exposure' }, { kind: 'frequency' }])).toEqual([
      ['D(2)', [0, 5]],
      ['A(1)', [1]],
      ['B(1)', [2, 3]],
      ['C(2)', [4, 6, 7]],
    ]);
    expect(touchesOf(PATH, [{ kind: 'remove_if_not_all', channel: 'C' }])).toEqual([
      ['D', [0]],
      ['A', [1]],
      ['B', [2]],
      ['B', [3]],
      ['D', [5]],
    ]);
    expect(touchesOf(PATH, [{ kind: 'trim_long_path', steps: 2 }])).toEqual([
      ['C', [6]],
      ['C', [7]],
    ]);
  });

  it('gives the tokens of the untraced transforms, every touch at most once', () => {
    const random = prng(11);
    const kinds: PathTransform[] = [
      { kind: 'unique' },
      { kind: 'exposure' },
      { kind: 'first' },
      { kind: 'frequency' },
      { kind: 'remove_if_not_all', channel: 'A' },
      { kind: 'remove_if_last_and_not_all', channel: 'B' },
      { kind: 'trim_long_path', steps: 3 },
    ];
    for (let n = 0; n < 500; n++) {
      const path = Array.from({ length: 1 + Math.floor(random() * 7) }, () =>
        'ABC'.charAt(Math.floor(random() * 3)),
      );
      const transforms = Array.from(
        { length: Math.floor(random() * 3) },
        () => kinds[Math.floor(random() * kinds.length)] as PathTransform,
      ).filter((t, i, all) => t.kind !== 'frequency' || i === all.length - 1);
      const traced = tracePathTransforms(path, transforms);
      expect(traced.map((t) => t.token)).toEqual(applyPathTransforms(path, transforms));
      const touches = traced.flatMap((t) => t.touches);
      expect(new Set(touches).size).toBe(touches.length);
      for (const t of traced) expect(t.touches.length).toBeGreaterThan(0);
    }
  });
});
