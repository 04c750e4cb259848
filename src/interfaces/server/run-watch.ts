import type { Logger } from 'pino';
import { sendAlerts } from '../../adapters/alerts/send-alerts.js';
import type { Config } from '../../core/config/config.js';
import { DEFAULT_WATCH } from '../../core/config/operations-config.js';
import { judge } from '../../core/quality/quality-band.js';
import { qualityConfigOf } from '../../core/quality/quality-config.js';
import { worstStatus, type QualityResult } from '../../core/quality/quality-result.js';
import type { Engine } from '../../engine/engine.js';
import type { IngestEnvironment } from '../../pipeline/ingest/ingest-environment.js';
import type { Serial } from '../../pipeline/ingest/serial.js';
import { watchChecks } from '../../pipeline/quality/watch-checks.js';
import { runFreshness } from './run-freshness.js';

const RANK = { pass: 0, warn: 1, fail: 2 } as const;

/**
 * The server's continuous checks: on a timer, run lag (newest acknowledged record against the
 * newest a completed run processed) and the watch checks (schema violations, volume drops,
 * match rates), alerting through the quality webhooks — with retries — whenever the set of
 * breaches changes (a breach that persists is not re-sent every tick; one that clears and
 * comes back is).
 */
export class RunWatch {
  private timer: NodeJS.Timeout | null = null;
  private lastSignature = '';
  private ticking: Promise<void> | null = null;
  /** The results of the latest tick, for /health. */
  latest: readonly QualityResult[] = [];

  constructor(
    private readonly engine: Engine,
    private readonly serial: Serial,
    private readonly config: Config,
    private readonly env: IngestEnvironment,
    private readonly logger: Logger | false,
  ) {}

  start(): void {
    const every = (this.config.watch ?? DEFAULT_WATCH).everyMs;
    this.timer = setInterval(() => {
      this.ticking ??= this.tick()
        .then(() => undefined)
        .catch((error: unknown) => {
          if (this.logger)
            this.logger.warn(
              { err: error instanceof Error ? error.message : String(error) },
              'watch failed',
            );
        })
        .finally(() => (this.ticking = null));
    }, every);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
  }

  /** One pass: measures, and alerts when what breaches changed. */
  async tick(now = Date.now()): Promise<readonly QualityResult[]> {
    const lagBand = (this.config.watch ?? DEFAULT_WATCH).runLagMinutes;
    const fresh = await runFreshness(this.engine, this.serial, now);
    const lagMinutes = fresh.runLagSeconds === null ? null : fresh.runLagSeconds / 60;
    const verdict = judge(lagMinutes, lagBand, 'max');
    const lag: QualityResult = {
      check: 'run_lag',
      subject: 'runs',
      measured: lagMinutes,
      threshold: verdict.threshold,
      status: verdict.status,
      detail:
        lagMinutes === null
          ? 'no completed run or no record yet'
          : `the served results trail the newest acknowledged record by ${lagMinutes.toFixed(1)} min`,
    };
    const checks = await this.serial.run(() =>
      watchChecks(this.engine, this.config, this.env, now),
    );
    const results = [lag, ...checks];
    this.latest = results;
    const alerts = qualityConfigOf(this.config).alerts;
    const breaches = results.filter((r) => RANK[r.status] >= RANK[alerts.on]);
    const signature = breaches
      .map((r) => `${r.check}|${r.subject}|${r.status}`)
      .sort()
      .join('\n');
    if (signature !== this.lastSignature) {
      this.lastSignature = signature;
      if (breaches.length) {
        const counts = { pass: 0, warn: 0, fail: 0 };
        for (const r of results) counts[r.status]++;
        await sendAlerts(
          { runId: 'watch', status: worstStatus(results), counts, results },
          alerts,
          this.logger || undefined,
        );
      }
    }
    return results;
  }
}
