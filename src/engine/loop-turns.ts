import { setImmediate } from 'node:timers/promises';

/** How long a run's JavaScript may hold the event loop before it lets other work in. */
export const LOOP_SLICE_MS = 20;

/**
 * A checkpoint for long synchronous loops of a run. The server runs the pipeline in the process
 * that also serves the collector, so a loop that parses, prepares or scores records for seconds
 * on end leaves every request waiting (a collector batch unacknowledged past its client's
 * timeout). Call the returned function once per record or unit of work: it resolves at once
 * until `sliceMs` have passed since the last turn, then hands the loop one macrotask turn
 * (setImmediate, after pending I/O) so requests get answered between slices.
 */
export function loopTurns(sliceMs = LOOP_SLICE_MS): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    const now = performance.now();
    if (now - since < sliceMs) return undefined;
    return setImmediate().then(() => {
      since = performance.now();
    });
  };
}

/**
 * Drives work written in steps (core/matching/run-steps.ts) to its result, handing the event
 * loop a turn whenever a slice has run for LOOP_SLICE_MS.
 */
export async function runStepsWithTurns<T>(steps: Generator<void, T, void>): Promise<T> {
  const turn = loopTurns();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    const waiting = turn();
    if (waiting) await waiting;
  }
}
