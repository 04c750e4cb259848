import { openSourceFile } from '../src/adapters/files/open-source-file.js';
import type { Config, EngineConfig } from '../src/core/config/config.js';
import type { Engine } from '../src/engine/engine.js';
import { openEngine } from '../src/engine/open-engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import type { ModelSummary } from '../src/pipeline/reports/read-summary.js';
import { runPipeline } from '../src/pipeline/run-pipeline.js';
import { processRss } from './process-rss.js';
import { RssSampler } from './rss-sampler.js';

/** One stage on one engine: wall time, rows out, peak RSS of this process and of the server. */
export interface StageFigure {
  readonly seconds: number;
  readonly rows: number;
  readonly peak: number;
  readonly serverPeak: number | null;
}

export interface EngineRun {
  readonly stages: Map<string, StageFigure>;
  readonly total: number;
  /** Empty when the run was stopped early. */
  readonly summary: readonly ModelSummary[];
}

/** The backend process serving this PostgreSQL connection (its RSS is read from /proc). */
async function serverPid(engine: Engine): Promise<number | null> {
  const [row] = await engine.query(sql('SELECT pg_backend_pid() AS pid'));
  return typeof row?.pid === 'number' ? row.pid : null;
}

/** Thrown from onStage to end a run early; the run's transaction rolls back, as on any failure. */
class StopAfter extends Error {}

/**
 * Runs the pipeline on one engine, sampling RSS per stage; with `until`, stops after that stage
 * (the run then rolls back, as a failed run does).
 */
export async function runOn(
  engineConfig: EngineConfig,
  config: Config,
  until: string | undefined,
): Promise<EngineRun> {
  const engine = await openEngine(engineConfig);
  const pid = engineConfig.kind === 'postgres' ? await serverPid(engine) : null;
  const client = new RssSampler();
  const server = pid === null ? null : new RssSampler(processRss(pid));
  const stages = new Map<string, StageFigure>();
  client.start();
  server?.start();
  try {
    const t0 = performance.now();
    const report = await runPipeline(engine, config, {
      open: openSourceFile,
      onStage: (stage, r) => {
        if (!r) return;
        stages.set(stage, {
          seconds: r.ms / 1000,
          rows: r.rows,
          peak: client.take(),
          serverPeak: server?.take() ?? null,
        });
        if (stage === until) throw new StopAfter(stage);
      },
    }).catch((error: unknown) => {
      if (error instanceof StopAfter) return null;
      throw error;
    });
    const total = [...stages.values()].reduce((sum, f) => sum + f.seconds, 0);
    return {
      stages,
      total: report ? (performance.now() - t0) / 1000 : total,
      summary: report?.summary ?? [],
    };
  } finally {
    client.stop();
    server?.stop();
    await engine.close();
  }
}
