import type { Logger } from 'pino';
import { nextRunAt, type Schedule } from '../../core/schedule/schedule.js';
import type { RunCoordinator } from './run-coordinator.js';

/**
 * Starts a run at every tick of the config's schedule. A tick that finds a run in progress
 * skips (the next tick tries again), and so does a failed run: it is recorded and retried at
 * the next tick, never in a tight loop.
 */
export class RunScheduler {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly schedule: Schedule,
    private readonly coordinator: RunCoordinator,
    private readonly logger: Logger | false,
  ) {}

  start(): void {
    this.stopped = false;
    this.arm(Date.now());
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(after: number): void {
    if (this.stopped) return;
    const at = nextRunAt(this.schedule, after);
    // setTimeout holds at most ~24.8 days; a later tick re-arms on the way.
    const wait = Math.min(Math.max(0, at - Date.now()), 2 ** 31 - 1);
    this.timer = setTimeout(() => {
      if (Date.now() >= at) {
        void this.coordinator.start('schedule').then((outcome) => {
          if (!outcome.started && this.logger)
            this.logger.info(
              { running: outcome.runId },
              'scheduled run skipped: a run is in progress',
            );
        });
        this.arm(at);
      } else this.arm(after);
    }, wait);
  }
}
