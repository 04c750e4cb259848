import { Transform, type TransformCallback } from 'node:stream';

/**
 * Drops the first `count` lines of a byte stream (an export's title lines before its header):
 * everything up to and including the `count`-th line feed.
 */
export function skipLines(count: number): Transform {
  let left = count;
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      let start = 0;
      while (left > 0) {
        const lf = chunk.indexOf(0x0a, start);
        if (lf < 0) return done();
        start = lf + 1;
        left -= 1;
      }
      done(null, start === 0 ? chunk : chunk.subarray(start));
    },
  });
}
