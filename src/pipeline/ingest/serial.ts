/**
 * Runs async work one piece at a time, in arrival order: the engine holds one connection, and a
 * statement slipped between another's BEGIN and COMMIT would join its transaction.
 */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
