import type { Row } from '../../engine/engine.js';
import {
  deadLetterReasonsSql,
  ingestFreshnessSql,
  latestRunSql,
  touchpointMatchSql,
} from '../../engine/sql/read-api-sql.js';
import type { ApiContext } from './api-context.js';
import { machineRows } from './machine-rows.js';

/** What the data-quality page and /metrics report about the warehouse's health. */
export interface OperationsFigures {
  /** Pending dead letters per reason code (a letter with two reasons counts under each). */
  readonly deadLettersByReason: { reason: string; letters: number }[];
  readonly freshness: Record<string, string | number | boolean | null>[];
  /** Seconds since the newest batch was received; null before the first. */
  readonly ingestLagSeconds: number | null;
  readonly touchpoints: number;
  /** Share of touchpoints identity resolved to a person; null without touchpoints. */
  readonly matchRate: number | null;
  readonly lastRun: {
    runId: string;
    finishedAt: string;
    seconds: number;
    stages: { stage: string; seconds: number }[];
  } | null;
}

function reasonCodes(text: unknown): string[] {
  try {
    const parsed: unknown = JSON.parse(String(text));
    if (!Array.isArray(parsed)) return ['unknown'];
    const codes = parsed.map((r: unknown) =>
      r && typeof r === 'object' && 'code' in r ? String(r.code) : 'unknown',
    );
    return [...new Set(codes)];
  } catch {
    return ['unknown'];
  }
}

const ms = (v: unknown): number => (v instanceof Date ? v.getTime() : Date.parse(String(v)));

function lastRunOf(row: Row | undefined): OperationsFigures['lastRun'] {
  if (!row) return null;
  let stages: { stage: string; seconds: number }[] = [];
  try {
    const parsed: unknown = JSON.parse(String(row.stages));
    if (Array.isArray(parsed))
      stages = parsed.flatMap((s: unknown) =>
        s && typeof s === 'object' && 'stage' in s && 'ms' in s
          ? [{ stage: String(s.stage), seconds: Number(s.ms) / 1000 }]
          : [],
      );
  } catch {
    stages = [];
  }
  return {
    runId: String(row.run_id),
    finishedAt: new Date(ms(row.finished_at)).toISOString(),
    seconds: (ms(row.finished_at) - ms(row.started_at)) / 1000,
    stages,
  };
}

/** Reads the figures in one turn of the warehouse queue. */
export function operationsFigures(ctx: ApiContext, now = Date.now()): Promise<OperationsFigures> {
  return ctx.serial.run(async () => {
    const e = ctx.engine;
    const reasons = await e.query(deadLetterReasonsSql());
    const freshness = await e.query(ingestFreshnessSql());
    const [match] = await e.query(touchpointMatchSql());
    const [run] = await e.query(latestRunSql());
    const byReason = new Map<string, number>();
    for (const r of reasons)
      for (const code of reasonCodes(r.reasons))
        byReason.set(code, (byReason.get(code) ?? 0) + Number(r.letters));
    const newest = Math.max(
      ...freshness.map((f) => ms(f.last_received_at)).filter(Number.isFinite),
    );
    const touchpoints = Number(match?.touchpoints ?? 0);
    return {
      deadLettersByReason: [...byReason]
        .map(([reason, letters]) => ({ reason, letters }))
        .sort((a, b) => b.letters - a.letters || (a.reason < b.reason ? -1 : 1)),
      freshness: machineRows(freshness),
      ingestLagSeconds: Number.isFinite(newest) ? Math.max(0, (now - newest) / 1000) : null,
      touchpoints,
      matchRate: touchpoints ? Number(match?.matched ?? 0) / touchpoints : null,
      lastRun: lastRunOf(run),
    };
  });
}
