import type { Engine } from '../../engine/engine.js';
import { latestRunSql } from '../../engine/sql/read-api-sql.js';
import type { Serial } from '../../pipeline/ingest/serial.js';

const MAX_ENTRIES = 1_000;
// How long one look at the latest run serves: a new run shows at most this late.
const CHECK_MS = 1_000;

/**
 * Report answers remembered until the next pipeline run. Reports read only tables a run writes
 * (credits, metric tables, conversation economics), so an answer stays right until another run
 * finishes; lookups check the latest run id (at most once a second), which also catches a run
 * made by another process on a shared PostgreSQL warehouse. What ingest writes (dead letters, batches) is never
 * cached here.
 */
export class RunCache {
  private runId: string | null | undefined;
  private readonly entries = new Map<string, Promise<unknown>>();
  private check: { at: number; runId: Promise<string | null> } | undefined;

  constructor(
    private readonly engine: Engine,
    private readonly serial: Serial,
  ) {}

  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const runId = await this.latestRun();
    if (runId !== this.runId) {
      this.entries.clear();
      this.runId = runId;
    }
    const hit = this.entries.get(key);
    if (hit) return hit as Promise<T>;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const pending = compute();
    this.entries.set(key, pending);
    // A failure is not remembered: the next request computes again.
    pending.catch(() => this.entries.delete(key));
    return pending;
  }

  /** Forgets every answer (after something other than a run changed what reports read). */
  clear(): void {
    this.entries.clear();
    this.check = undefined;
  }

  private latestRun(): Promise<string | null> {
    const now = Date.now();
    if (this.check && now - this.check.at < CHECK_MS) return this.check.runId;
    const runId = this.serial
      .run(() => this.engine.query(latestRunSql()))
      .then(([run]) => (run ? String(run.run_id) : null));
    this.check = { at: now, runId };
    runId.catch(() => (this.check = undefined));
    return runId;
  }
}
