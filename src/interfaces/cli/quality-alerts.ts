import pino from 'pino';
import { sendAlerts } from '../../adapters/alerts/send-alerts.js';
import type { Config } from '../../core/config/config.js';
import { qualityConfigOf } from '../../core/quality/quality-config.js';
import type { QualityReport } from '../../pipeline/quality/check-quality.js';

/**
 * After a run: alert on a breach (webhooks and a pino line on stderr), print one line per
 * webhook that failed. Returns whether any check failed.
 */
export async function alertOnBreach(config: Config, report: QualityReport): Promise<boolean> {
  const alerts = qualityConfigOf(config).alerts;
  const logger = pino({ base: { service: 'convrev' } }, pino.destination(2));
  const deliveries = await sendAlerts(report, alerts, logger);
  for (const d of deliveries)
    if (!d.ok)
      process.stderr.write(
        `convrev: a quality webhook did not accept the alert (${d.status ?? d.error ?? 'no answer'})\n`,
      );
  logger.flush();
  return report.counts.fail > 0;
}
