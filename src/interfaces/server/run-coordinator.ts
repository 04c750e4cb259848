import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { sendAlerts } from '../../adapters/alerts/send-alerts.js';
import { digestSourceFile } from '../../adapters/files/digest-source-file.js';
import { openSourceFile } from '../../adapters/files/open-source-file.js';
import { publishTables } from '../../adapters/publish/publish-tables.js';
import { readLabelledPairs } from '../../adapters/quality/read-labelled-pairs.js';
import type { Config } from '../../core/config/config.js';
import { qualityConfigOf } from '../../core/quality/quality-config.js';
import type { Engine } from '../../engine/engine.js';
import { sql } from '../../engine/sql/sql-statement.js';
import { failRunSql, interruptRunsSql, startRunSql } from '../../engine/sql/runs-sql.js';
import { runPipeline } from '../../pipeline/run-pipeline.js';
import type { RunCache } from './run-cache.js';
import type { SwitchGate } from './switch-gate.js';

export type RunTrigger = 'schedule' | 'api';

export interface RunCoordinatorOptions {
  /** A connection of its own (Engine.connect): the run's long transaction stays off the collector's. */
  readonly pipeline: Engine;
  readonly config: Config;
  readonly version: string;
  readonly piiSalt?: string;
  readonly reports: RunCache;
  readonly gate: SwitchGate;
  readonly logger: Logger | false;
}

/** What `start` did: began a run, or found one running (its id either way). */
export type StartOutcome = { readonly started: boolean; readonly runId: string };

/**
 * The one place the server runs the pipeline, for the scheduler and the API alike: one run at a
 * time. A run's `running` row is committed on its own before the run starts, so a process killed
 * mid-run leaves a row that the next start marks `interrupted`; the run's transaction replaces it
 * with its succeeded row, and a run that throws rolls back and marks it `failed` with the error
 * — the previous results stay. Readers are held back only over the commit (SwitchGate).
 */
export class RunCoordinator {
  private current: { readonly runId: string; readonly done: Promise<void> } | null = null;
  private exclusiveTail: Promise<unknown> = Promise.resolve();
  private exclusiveHeld = 0;

  constructor(private readonly options: RunCoordinatorOptions) {}

  /** Marks runs a dead process left `running` as `interrupted` (call once at start). */
  async interruptStale(): Promise<void> {
    await this.options.pipeline.execute(interruptRunsSql(Date.now()));
  }

  /** The id of the run in progress, or null. */
  get running(): string | null {
    return this.current?.runId ?? null;
  }

  /**
   * Starts a run unless one is running (or other exclusive work holds the warehouse). Resolves
   * once the run's `running` row is committed, so whoever is told its id can always find it.
   */
  async start(
    trigger: RunTrigger,
  ): Promise<StartOutcome | { readonly started: false; readonly runId: null }> {
    if (this.current) return { started: false, runId: this.current.runId };
    if (this.exclusiveHeld > 0) return { started: false, runId: null };
    const runId = randomUUID();
    let begun!: (ok: boolean) => void;
    const recorded = new Promise<boolean>((resolve) => (begun = resolve));
    const done = this.execute(runId, trigger, begun).finally(() => (this.current = null));
    this.current = { runId, done };
    return (await recorded) ? { started: true, runId } : { started: false, runId };
  }

  /** Resolves once no run is in progress. */
  async idle(): Promise<void> {
    while (this.current) await this.current.done;
  }

  /**
   * Runs `work` with no pipeline run beside it (erasure rewrites the derived tables a run
   * writes): waits for the run in progress; runs asked for meanwhile are refused.
   */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    this.exclusiveHeld++;
    try {
      await this.idle();
      const next = this.exclusiveTail.then(work, work);
      this.exclusiveTail = next.catch(() => undefined);
      return await next;
    } finally {
      this.exclusiveHeld--;
    }
  }

  private async execute(
    runId: string,
    trigger: RunTrigger,
    begun: (ok: boolean) => void,
  ): Promise<void> {
    const { pipeline, config, logger } = this.options;
    let reopen: (() => void) | null = null;
    const startedAt = Date.now();
    try {
      await pipeline.execute(
        startRunSql({ runId, startedAt, trigger, version: this.options.version }),
      );
    } catch (error) {
      if (logger) logger.error({ run_id: runId, err: describe(error) }, 'run could not start');
      begun(false);
      return;
    }
    begun(true);
    if (logger) logger.info({ run_id: runId, trigger }, 'run started');
    try {
      const pairs = config.quality?.labelledPairs;
      const report = await runPipeline(pipeline, config, {
        open: openSourceFile,
        // unchanged files are skipped, not read again on every scheduled run
        digest: digestSourceFile,
        version: this.options.version,
        runId,
        trigger,
        ...(pairs ? { labelledPairs: await readLabelledPairs(pairs) } : {}),
        ...(this.options.piiSalt ? { piiSalt: this.options.piiSalt } : {}),
        beforeCommit: async () => {
          reopen = await this.options.gate.close();
        },
      });
      this.options.reports.clear();
      (reopen as (() => void) | null)?.();
      reopen = null;
      // The run's writes sit in DuckDB's log: fold them into the file here, on the run's own
      // connection, rather than in the next collector commit that crosses the log's limit.
      const checkpoint = pipeline.dialect.checkpoint;
      if (checkpoint)
        await pipeline.execute(sql(checkpoint)).catch((error: unknown) => {
          if (logger) logger.warn({ run_id: runId, err: describe(error) }, 'checkpoint skipped');
        });
      if (logger)
        logger.info(
          { run_id: runId, ms: Date.now() - startedAt, quality: report.quality.counts },
          'run succeeded',
        );
      if (config.publish) {
        const manifest = await publishTables(pipeline, config.publish.dir, runId).catch(
          (error: unknown) => {
            if (logger) logger.error({ run_id: runId, err: describe(error) }, 'publish failed');
            return null;
          },
        );
        if (manifest && logger)
          logger.info({ run_id: runId, tables: manifest.tables.length }, 'published');
      }
      await sendAlerts(report.quality, qualityConfigOf(config).alerts, logger || undefined);
    } catch (error) {
      (reopen as (() => void) | null)?.();
      const message = describe(error);
      if (logger) logger.error({ run_id: runId, err: message }, 'run failed');
      await pipeline
        .execute(failRunSql(runId, Date.now(), message))
        .catch((cause: unknown) =>
          logger
            ? logger.error({ run_id: runId, err: describe(cause) }, 'run row not updated')
            : undefined,
        );
    }
  }
}

const describe = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).slice(0, 2_000);
