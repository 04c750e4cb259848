import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

/**
 * A full collection of the JavaScript heap, now. V8 grows its heap lazily, by a factor of the
 * live size at its last collection: the data-driven models leave about 1 GB of dead results at
 * 1M journeys, and nothing collects it while the engine runs the next statement (the event loop
 * allocates nothing meanwhile), so the process held it on top of the engine's own memory — the
 * stage's peak. Call it where a stage has just let go of large results, before memory-heavy SQL.
 * The collector is Node's own `gc`, exposed once for the process (`--expose-gc` set at run time
 * reaches new contexts, hence the one `gc` is taken from).
 */
export function collectGarbage(): void {
  gc ??= exposedCollector();
  gc();
}

/**
 * Node's `gc`, or a no-op where the runtime will not expose it: collecting early only lowers
 * the peak, it never changes a result, so a run must not fail for want of it.
 */
function exposedCollector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return exposed;
  try {
    setFlagsFromString('--expose-gc');
    const taken: unknown = runInNewContext('gc');
    if (typeof taken === 'function') return taken as () => void;
  } catch {
    // Fall through: no collector to call.
  }
  return () => undefined;
}

/** `collectGarbage`, only once the heap (live and dead objects) holds more than `bytes`. */
export function collectGarbageAbove(bytes: number): boolean {
  if (process.memoryUsage().heapUsed <= bytes) return false;
  collectGarbage();
  return true;
}
