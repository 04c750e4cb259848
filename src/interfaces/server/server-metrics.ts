import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { OperationsFigures } from './operations-figures.js';
import type { RunFreshness } from './run-freshness.js';

/**
 * The Prometheus metrics of one server. Warehouse figures are read when scraped (they are the
 * warehouse's truth, whoever wrote it: the collector, `convrev ingest` or a run); request
 * figures are counted as requests end.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  private readonly ingested = new Counter({
    name: 'convrev_events_ingested_total',
    help: 'Records stored by every ingest batch (collector, files, stream)',
    labelNames: ['source'],
    registers: [this.registry],
  });
  private readonly deadLetters = new Gauge({
    name: 'convrev_dead_letters',
    help: 'Pending (not replayed) dead letters by reason code',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  private readonly lag = new Gauge({
    name: 'convrev_ingest_lag_seconds',
    help: 'Seconds since the newest ingest batch was received',
    registers: [this.registry],
  });
  private readonly runSeconds = new Gauge({
    name: 'convrev_run_duration_seconds',
    help: 'Duration of the latest pipeline run, by stage (stage="total" for the whole run)',
    labelNames: ['stage'],
    registers: [this.registry],
  });
  private readonly matchRate = new Gauge({
    name: 'convrev_touchpoint_match_rate',
    help: 'Share of touchpoints identity resolved to a person',
    registers: [this.registry],
  });
  private readonly lastSuccess = new Gauge({
    name: 'convrev_last_successful_run_timestamp_seconds',
    help: 'When the last successful pipeline run finished (Unix time)',
    registers: [this.registry],
  });
  private readonly lastSuccessAge = new Gauge({
    name: 'convrev_last_successful_run_age_seconds',
    help: 'Seconds since the last successful pipeline run finished',
    registers: [this.registry],
  });
  private readonly runLag = new Gauge({
    name: 'convrev_run_lag_seconds',
    help: 'Seconds from the newest record a completed run processed to the newest acknowledged record',
    registers: [this.registry],
  });
  private readonly runFailures = new Gauge({
    name: 'convrev_run_failures',
    help: 'Pipeline runs that failed or were interrupted (from the runs table)',
    registers: [this.registry],
  });
  private readonly runInProgress = new Gauge({
    name: 'convrev_run_in_progress',
    help: '1 while this server runs the pipeline',
    registers: [this.registry],
  });
  readonly requests = new Histogram({
    name: 'convrev_http_request_duration_seconds',
    help: 'HTTP requests by route and status',
    labelNames: ['route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2, 5],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'convrev_' });
  }

  /** Sets the freshness of the served results. */
  updateRuns(fresh: RunFreshness, running: boolean): void {
    this.lastSuccess.reset();
    this.lastSuccessAge.reset();
    this.runLag.reset();
    if (fresh.lastSuccessAt !== null) this.lastSuccess.set(Date.parse(fresh.lastSuccessAt) / 1000);
    if (fresh.lastSuccessAgeSeconds !== null) this.lastSuccessAge.set(fresh.lastSuccessAgeSeconds);
    if (fresh.runLagSeconds !== null) this.runLag.set(fresh.runLagSeconds);
    this.runFailures.set(fresh.runFailures);
    this.runInProgress.set(running ? 1 : 0);
  }

  /** Sets the warehouse figures; then `registry.metrics()` renders them. */
  update(figures: OperationsFigures): void {
    this.ingested.reset();
    for (const f of figures.freshness) {
      const stored = Number(f.stored ?? 0);
      if (stored > 0) this.ingested.inc({ source: String(f.source) }, stored);
    }
    this.deadLetters.reset();
    for (const d of figures.deadLettersByReason)
      this.deadLetters.set({ reason: d.reason }, d.letters);
    this.lag.reset();
    if (figures.ingestLagSeconds !== null) this.lag.set(figures.ingestLagSeconds);
    this.runSeconds.reset();
    if (figures.lastRun) {
      this.runSeconds.set({ stage: 'total' }, figures.lastRun.seconds);
      for (const s of figures.lastRun.stages) this.runSeconds.set({ stage: s.stage }, s.seconds);
    }
    this.matchRate.reset();
    if (figures.matchRate !== null) this.matchRate.set(figures.matchRate);
  }
}
