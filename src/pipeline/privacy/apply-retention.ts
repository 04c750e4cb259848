import { RECORD_SEMANTICS } from '../../core/ingest/record-semantics.js';
import { SOURCE_KIND_NAMES } from '../../core/canonical/source-kinds.js';
import type { Engine } from '../../engine/engine.js';
import { landingTableName } from '../../engine/schema/table-spec.js';
import {
  countAgedSql,
  deleteAgedSql,
  type AgingTable,
} from '../../engine/sql/privacy/retention-sql.js';

/**
 * Raw data that ages out: every landing table with an event time (conversations by their start,
 * opportunities by their creation, spend by its day) and dead letters by receipt. Accounts and
 * contacts describe who someone is, not what happened, and stay until erased. record_keys stay,
 * so an old record delivered again is a duplicate rather than stored anew.
 */
export const AGING_TABLES: readonly AgingTable[] = [
  ...SOURCE_KIND_NAMES.flatMap((kind) => {
    const time = RECORD_SEMANTICS[kind].timeField;
    return time === null ? [] : [{ table: landingTableName(kind), timeColumn: time }];
  }),
  { table: 'conversations', timeColumn: 'started_at' },
  { table: 'opportunities', timeColumn: 'created_at' },
  { table: 'spend', timeColumn: 'day' },
  { table: 'dead_letters', timeColumn: 'received_at' },
];

export interface RetentionReport {
  readonly days: number;
  readonly tables: readonly { readonly table: string; readonly rows: number }[];
  readonly rowsDeleted: number;
}

/**
 * Deletes raw rows older than `days` before `now` (inside the caller's transaction, if any).
 * Aggregates — metric tables, attribution summaries, quality results — are not touched: they
 * keep the figures they were computed from until a run recomputes them from what is left.
 */
export async function applyRetention(
  engine: Engine,
  days: number,
  options: { readonly now?: number; readonly dryRun?: boolean } = {},
): Promise<RetentionReport> {
  const now = options.now ?? Date.now();
  const d = engine.dialect;
  const tables: { table: string; rows: number }[] = [];
  for (const t of AGING_TABLES) {
    const [row] = await engine.query(countAgedSql(d, t, days, now));
    const rows = Number(row?.n ?? 0);
    if (rows === 0) continue;
    tables.push({ table: t.table, rows });
    if (!options.dryRun) await engine.execute(deleteAgedSql(d, t, days, now));
  }
  return { days, tables, rowsDeleted: tables.reduce((n, t) => n + t.rows, 0) };
}
