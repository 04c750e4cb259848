/**
 * Lets a run's commit and the read API take turns, so no answer mixes two runs: a request that
 * reads holds the gate open (several at once); a run about to commit closes it, waiting for the
 * reads in flight and holding new ones back until its commit is done and the cache cleared.
 * Readers then see the whole previous run or the whole new one. It guards this process's
 * readers; on a shared PostgreSQL each report still reads its own consistent statement.
 */
export class SwitchGate {
  private readers = 0;
  private closed: Promise<void> | null = null;
  private drained: (() => void) | null = null;

  /** Waits while a switch is under way, then holds the gate open; call the result once done. */
  async enter(): Promise<() => void> {
    while (this.closed) await this.closed;
    this.readers++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.readers--;
      if (this.readers === 0) this.drained?.();
    };
  }

  /** Closes the gate once the readers in flight are done; `reopen` lets readers in again. */
  async close(): Promise<() => void> {
    while (this.closed) await this.closed;
    let reopen!: () => void;
    this.closed = new Promise<void>((resolve) => (reopen = resolve));
    if (this.readers > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    this.drained = null;
    return () => {
      this.closed = null;
      reopen();
    };
  }
}
