import { createHash, randomUUID } from 'node:crypto';
import { DEFAULT_INGEST, type Config } from '../core/config/config.js';
import type { Engine } from '../engine/engine.js';
import { deleteRunSql, recordRunSql } from '../engine/sql/runs-sql.js';
import { clearRunTables } from './clear-run-tables.js';
import { createIngestEnvironment } from './ingest/create-ingest-environment.js';
import { problemsOfEverySource } from './ingest/check-files.js';
import type { DigestSourceFile } from './ingest/file-digest.js';
import { ingestChangedFiles, type FileTotals } from './ingest/ingest-changed-files.js';
import type { IngestTotals } from './ingest/ingest-totals.js';
import type { OpenSourceFile } from './load/source-file.js';
import type { QualityReport } from './quality/check-quality.js';
import { closingStages } from './quality/closing-stages.js';
import { readSummary, type ModelSummary } from './reports/read-summary.js';
import type { LabelledPair } from '../core/quality/linkage-errors.js';
import { deriveStages } from './derive-stages.js';
import { carryQuality, inputsDigest, lastRunInputs } from './inputs-digest.js';
import { setInputsDigestSql } from '../engine/sql/inputs-digest-sql.js';
import { applyRetention } from './privacy/apply-retention.js';

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
  /** True when inputs and settings matched the last successful run's: nothing was recomputed. */
  readonly unchanged?: boolean;
}

export interface RunOptions {
  readonly open: OpenSourceFile;
  /** Digests source files, so a file unchanged since its last load is not read again. */
  readonly digest?: DigestSourceFile;
  /** Run every stage even when inputs and settings are those of the last run (`run --force`). */
  readonly force?: boolean;
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
 * left for the next (landing tables accumulate; every stage re-derives from them). A failed run's
 * error names the problems of every source, not only the first bad one. A file unchanged since
 * its last load is not read (with `digest`), and when after the load the inputs and settings
 * match the last successful run's, nothing is recomputed: the derived tables already hold this
 * run's results.
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
  let unchanged = false;
  const version = options.version ?? 'dev';
  const summary = await engine
    .transaction(
      async () => {
        await stage('load', async () => {
          const all = await ingestChangedFiles(engine, config.sources, options.open, env, {
            strict: true,
            batchRows: (config.ingest ?? DEFAULT_INGEST).batchRows,
            ...(options.digest ? { digest: options.digest } : {}),
          });
          ingest = new Map(config.sources.map((s, i) => [s.name, all[i] as IngestTotals]));
          return { rows: all.reduce((n, t) => n + t.stored, 0), detail: describeLoad(all) };
        });
        const digest = await inputsDigest(engine, {
          config,
          version,
          env,
          ...(options.labelledPairs ? { labelledPairs: options.labelledPairs } : {}),
        });
        const last = await lastRunInputs(engine);
        let recomputedJourneys = 0;
        if (!options.force && last && last.digest === digest) {
          unchanged = true;
          await stage('unchanged', async () => {
            quality = await carryQuality(engine, last.runId, runId);
            return {
              rows: 0,
              detail: `inputs and settings as at run ${last.runId}: nothing recomputed`,
            };
          });
          const days = config.privacy?.retentionDays;
          if (days !== undefined)
            await stage('retention', async () => {
              const r = await applyRetention(engine, days);
              return { rows: r.rowsDeleted, detail: `raw rows older than ${days} days deleted` };
            });
        } else {
          await clearRunTables(engine);
          const attribution = await deriveStages(engine, config, stage);
          recomputedJourneys = attribution.recomputedJourneys;
          quality = await closingStages(
            engine,
            config,
            {
              runId,
              env,
              ...(options.labelledPairs ? { labelledPairs: options.labelledPairs } : {}),
            },
            stage,
          );
        }
        const result = await readSummary(engine);
        await engine.execute(deleteRunSql(runId));
        await engine.execute(
          recordRunSql({
            runId,
            startedAt,
            finishedAt: Date.now(),
            version,
            configHash: createHash('sha256')
              .update(JSON.stringify(config))
              .digest('hex')
              .slice(0, 16),
            stages: JSON.stringify(stages),
            recomputedJourneys,
            trigger: options.trigger ?? 'cli',
          }),
        );
        await engine.execute(setInputsDigestSql(runId, digest));
        await options.beforeCommit?.();
        return result;
      },
      { snapshot: true },
    )
    .catch(async (error: unknown) => {
      throw await problemsOfEverySource(error, config.sources, options.open, env);
    });
  return { runId, stages, summary, ingest, quality: quality as QualityReport, unchanged };
}

function describeLoad(all: readonly FileTotals[]): string {
  const sum = (f: (t: FileTotals) => number) => all.reduce((n, t) => n + f(t), 0);
  const skipped = all.filter((t) => t.load === 'skip').length;
  const appended = all.filter((t) => t.load === 'append').length;
  const files = [
    skipped ? `${skipped} unchanged (not read)` : '',
    appended ? `${appended} read past their loaded part` : '',
  ].filter(Boolean);
  return `${all.length} sources${files.length ? ` (${files.join(', ')})` : ''}, ${sum((t) => t.offered)} records: ${sum((t) => t.stored)} new or updated, ${sum((t) => t.duplicates)} already stored`;
}
