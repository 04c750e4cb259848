import { createHash, randomUUID } from 'node:crypto';
import { DEFAULT_INGEST, type Config } from '../core/config/config.js';
import type { Engine } from '../engine/engine.js';
import { deleteRunSql, recordRunSql } from '../engine/sql/runs-sql.js';
import { clearRunTables } from './clear-run-tables.js';
import { createIngestEnvironment } from './ingest/create-ingest-environment.js';
import { ingestFiles } from './ingest/ingest-files.js';
import type { IngestTotals } from './ingest/ingest-totals.js';
import type { OpenSourceFile } from './load/source-file.js';
import type { QualityReport } from './quality/check-quality.js';
import { closingStages } from './quality/closing-stages.js';
import { readSummary, type ModelSummary } from './reports/read-summary.js';
import type { LabelledPair } from '../core/quality/linkage-errors.js';
import { deriveStages } from './derive-stages.js';

export interface StageReport {
  readonly stage: string;
  readonly ms: number;
  readonly rows: number;
  readonly detail: string;
}

export interface RunReport {
  readonly runId: string;
  readonly stages: readonly StageReport[];
  readonly summary: readonly ModelSummary[];
  /** Per source: records offered, stored, updated and recognised as duplicates. */
  readonly ingest: ReadonlyMap<string, IngestTotals>;
  /** What the quality stage found (stored in quality_results under runId). */
  readonly quality: QualityReport;
}

export interface RunOptions {
  readonly open: OpenSourceFile;
  readonly version?: string;
  /** The salt of privacy.hash_pii (CONVREV_PII_SALT). */
  readonly piiSalt?: string;
  /**
   * Called as each stage starts (ms undefined) and ends, inside the run's transaction; a promise
   * it returns is awaited.
   */
  readonly onStage?: (stage: string, report?: StageReport) => void | Promise<void>;
  /**
   * The run's id, when the caller has already written its `running` row (the server's run
   * coordinator): the run's transaction replaces that row with its succeeded one.
   */
  readonly runId?: string;
  /** What started the run (schedule, api, cli), kept in its row. */
  readonly trigger?: string;
  /** Awaited just before the run commits (the server holds its readers back over the switch). */
  readonly beforeCommit?: () => Promise<void>;
  /** The labelled sample of quality.labelled_pairs, read by the caller. */
  readonly labelledPairs?: readonly LabelledPair[];
}

/**
 * The main job: ingest every source through the ingest path (strict: any record that would be
 * dead-lettered fails the run; records already stored are duplicates, so re-running on the same
 * files adds nothing), stitch identities, derive touches and conversions, build
 * journeys, credit them, summarise. It runs in one transaction, so a run that fails on any
 * input leaves the previous run's results exactly as they were; a snapshot one, so records the
 * collector commits beside it on another connection are either wholly in this run or wholly
 * left for the next (landing tables accumulate; every stage re-derives from them).
 */
export async function runPipeline(
  engine: Engine,
  config: Config,
  options: RunOptions,
): Promise<RunReport> {
  const runId = options.runId ?? randomUUID();
  const startedAt = Date.now();
  const stages: StageReport[] = [];
  async function stage(
    name: string,
    work: () => Promise<{ rows: number; detail?: string }>,
  ): Promise<void> {
    await options.onStage?.(name);
    const t0 = performance.now();
    const { rows, detail = '' } = await work();
    const report = { stage: name, ms: performance.now() - t0, rows, detail };
    stages.push(report);
    await options.onStage?.(name, report);
  }

  const env = createIngestEnvironment(config, options.piiSalt ? { piiSalt: options.piiSalt } : {});
  let ingest: ReadonlyMap<string, IngestTotals> = new Map();
  let quality: QualityReport | undefined;
  const summary = await engine.transaction(
    async () => {
      await clearRunTables(engine);
      await stage('load', async () => {
        const all = await ingestFiles(engine, config.sources, options.open, env, {
          strict: true,
          batchRows: (config.ingest ?? DEFAULT_INGEST).batchRows,
        });
        ingest = new Map(config.sources.map((s, i) => [s.name, all[i] as IngestTotals]));
        const sum = (f: (t: IngestTotals) => number) => all.reduce((n, t) => n + f(t), 0);
        return {
          rows: sum((t) => t.stored),
          detail: `${config.sources.length} sources, ${sum((t) => t.offered)} records: ${sum((t) => t.stored)} new or updated, ${sum((t) => t.duplicates)} already stored`,
        };
      });
      const attribution = await deriveStages(engine, config, stage);
      quality = await closingStages(
        engine,
        config,
        { runId, env, ...(options.labelledPairs ? { labelledPairs: options.labelledPairs } : {}) },
        stage,
      );
      const result = await readSummary(engine);
      await engine.execute(deleteRunSql(runId));
      await engine.execute(
        recordRunSql({
          runId,
          startedAt,
          finishedAt: Date.now(),
          version: options.version ?? 'dev',
          configHash: createHash('sha256')
            .update(JSON.stringify(config))
            .digest('hex')
            .slice(0, 16),
          stages: JSON.stringify(stages),
          recomputedJourneys: attribution.recomputedJourneys,
          trigger: options.trigger ?? 'cli',
        }),
      );
      await options.beforeCommit?.();
      return result;
    },
    { snapshot: true },
  );
  return { runId, stages, summary, ingest, quality: quality as QualityReport };
}
