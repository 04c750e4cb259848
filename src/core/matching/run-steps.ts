/**
 * Work in steps: a generator that yields (nothing) between slices of a long computation and
 * returns its result. The math stays pure and synchronous to whoever runs it to the end at once
 * (runSteps); a caller that shares its thread with a server drives it a slice at a time instead.
 */
export type Steps<T> = Generator<void, T, void>;

/** Pairs compared or scored between two steps: a few milliseconds of work. */
export const PAIRS_PER_STEP = 8192;

/** Runs `steps` to the end without pausing and returns the result. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
