/**
 * Samples resident memory while work runs. DuckDB allocates outside the V8 heap, so RSS (not
 * heapUsed) is the figure that tells whether a stage fits the machine.
 */
export class RssSampler {
  private peak = 0;
  private timer: NodeJS.Timeout | undefined;

  /** `read` gives the current RSS in bytes: this process's by default, or another's (a server). */
  constructor(private readonly read: () => number = () => process.memoryUsage.rss()) {}

  start(intervalMs = 25): void {
    this.peak = this.read();
    this.timer = setInterval(() => {
      this.peak = Math.max(this.peak, this.read());
    }, intervalMs);
  }

  /** Peak RSS in MiB since start() (or the last take), then starts over. */
  take(): number {
    const peak = Math.max(this.peak, this.read());
    this.peak = this.read();
    return peak / 2 ** 20;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
