import type { Engine, Row } from '../../engine/engine.js';
import { freshnessSql } from '../../engine/sql/runs-sql.js';
import type { Serial } from '../../pipeline/ingest/serial.js';

/** How fresh the numbers the API serves are, as /health, /metrics and the watch report it. */
export interface RunFreshness {
  /** When the last successful run finished (ISO); null before the first. */
  readonly lastSuccessAt: string | null;
  /** Seconds since then; null before the first. */
  readonly lastSuccessAgeSeconds: number | null;
  /**
   * Seconds from the newest record a completed run has processed to the newest record
   * acknowledged since: how far the served numbers trail ingest (0 when caught up; null before
   * the first run or the first record).
   */
  readonly runLagSeconds: number | null;
  /** Runs that failed or were interrupted, ever. */
  readonly runFailures: number;
}

const ms = (v: Row[string] | undefined): number | null => {
  if (v === null || v === undefined) return null;
  const t = v instanceof Date ? v.getTime() : Date.parse(String(v));
  return Number.isFinite(t) ? t : null;
};

/** Reads the figures in one turn of the warehouse queue. */
export async function runFreshness(
  engine: Engine,
  serial: Serial,
  now = Date.now(),
): Promise<RunFreshness> {
  const [row] = await serial.run(() => engine.query(freshnessSql()));
  const last = ms(row?.last_success);
  const processed = ms(row?.processed_through);
  const newest = ms(row?.newest_event);
  return {
    lastSuccessAt: last === null ? null : new Date(last).toISOString(),
    lastSuccessAgeSeconds: last === null ? null : Math.max(0, (now - last) / 1000),
    // A run from before watermarks were kept counts as having processed what came before it.
    runLagSeconds:
      last === null || newest === null ? null : Math.max(0, newest - (processed ?? last)) / 1000,
    runFailures: Number(row?.failures ?? 0),
  };
}
