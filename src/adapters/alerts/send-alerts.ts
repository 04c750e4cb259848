import type { Logger } from 'pino';
import type { AlertConfig } from '../../core/quality/quality-config.js';
import type { QualityResult } from '../../core/quality/quality-result.js';
import type { QualityStatus } from '../../core/quality/quality-band.js';

/** What a run's quality stage found, as the alert needs it. */
export interface AlertSubject {
  readonly runId: string;
  readonly status: QualityStatus;
  readonly counts: Readonly<Record<QualityStatus, number>>;
  readonly results: readonly QualityResult[];
}

/** One webhook's answer: its HTTP status, or the error that kept it from answering. */
export interface WebhookDelivery {
  readonly url: string;
  readonly ok: boolean;
  readonly status: number | null;
  readonly error?: string;
}

const RANK: Readonly<Record<QualityStatus, number>> = { pass: 0, warn: 1, fail: 2 };
const TIMEOUT_MS = 10_000;
/** Attempts per webhook, and the first pause between them (doubled each time). */
const ATTEMPTS = 4;
const FIRST_BACKOFF_MS = 500;

/**
 * Alerts on a breach at or above `alerts.on`: a POST of a JSON body (run id, status, counts and
 * the breaching results) to every webhook, and one log line. Nothing is sent when nothing
 * breaches. Results name checks, tables, sources and models, never a person, so neither the body
 * nor the log carries PII. A webhook that does not answer, or answers 429 or 5xx, is tried
 * again (4 attempts, pauses doubling from 0.5 s); one that still fails is reported, not thrown:
 * the run already committed.
 */
export async function sendAlerts(
  subject: AlertSubject,
  alerts: AlertConfig,
  logger?: Logger,
  /** The first pause between attempts (tests shorten it). */
  backoffMs = FIRST_BACKOFF_MS,
): Promise<WebhookDelivery[]> {
  const breaches = subject.results.filter((r) => RANK[r.status] >= RANK[alerts.on]);
  if (!breaches.length) return [];
  const body = JSON.stringify({
    event: 'convrev.quality.breach',
    run_id: subject.runId,
    status: subject.status,
    counts: subject.counts,
    breaches: breaches.map((r) => ({
      check: r.check,
      subject: r.subject,
      status: r.status,
      measured: r.measured,
      threshold: r.threshold,
      detail: r.detail,
    })),
  });
  const deliveries = await Promise.all(alerts.webhooks.map((url) => post(url, body, backoffMs)));
  logger?.warn(
    {
      run_id: subject.runId,
      status: subject.status,
      fails: subject.counts.fail,
      warnings: subject.counts.warn,
      checks: [...new Set(breaches.map((r) => r.check))],
      webhooks: deliveries.map((d) => ({ ok: d.ok, status: d.status })),
    },
    'quality breach',
  );
  return deliveries;
}

async function post(
  url: string,
  body: string,
  backoffMs = FIRST_BACKOFF_MS,
): Promise<WebhookDelivery> {
  let delivery = await postOnce(url, body);
  for (let attempt = 1; attempt < ATTEMPTS && retryable(delivery); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** (attempt - 1)));
    delivery = await postOnce(url, body);
  }
  return delivery;
}

// A client error other than 429 will not change by asking again.
const retryable = (d: WebhookDelivery): boolean =>
  !d.ok && (d.status === null || d.status === 429 || d.status >= 500);

async function postOnce(url: string, body: string): Promise<WebhookDelivery> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.arrayBuffer();
    return { url, ok: response.ok, status: response.status };
  } catch (error) {
    return {
      url,
      ok: false,
      status: null,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}
