import { SOURCE_KIND_NAMES, fieldsOf } from '../../core/canonical/source-kinds.js';
import { RECORD_SEMANTICS } from '../../core/ingest/record-semantics.js';
import { judge } from '../../core/quality/quality-band.js';
import { rate, type QualityResult } from '../../core/quality/quality-result.js';
import type { Engine } from '../../engine/engine.js';
import { landingTableName } from '../../engine/schema/table-spec.js';
import {
  duplicateIdsSql,
  nullFieldsSql,
  orphansSql,
  windowViolationsSql,
  type Reference,
  type TableColumn,
} from '../../engine/sql/quality/integrity-sql.js';
import { num, pct, type QualityContext } from './quality-context.js';

/** Every id of every landing table, and the ids of the derived tables stages key on. */
const ID_COLUMNS: readonly TableColumn[] = [
  ...SOURCE_KIND_NAMES.flatMap((kind) => {
    const id = RECORD_SEMANTICS[kind].idField;
    return id === null ? [] : [{ table: landingTableName(kind), column: id }];
  }),
  { table: 'touchpoints', column: 'touchpoint_id' },
  { table: 'conversions', column: 'conversion_id' },
  { table: 'persons', column: 'person_id' },
];

/** Fields no row may lack: every required field of a landing table, and what credit depends on. */
const CRITICAL_FIELDS: readonly TableColumn[] = [
  ...SOURCE_KIND_NAMES.flatMap((kind) =>
    fieldsOf(kind)
      .filter((f) => f.required)
      .map((f) => ({ table: landingTableName(kind), column: f.name })),
  ),
  { table: 'touchpoints', column: 'occurred_at' },
  { table: 'touchpoints', column: 'channel' },
  { table: 'conversions', column: 'occurred_at' },
  { table: 'conversions', column: 'value' },
];

const REFERENCES: readonly Reference[] = [
  {
    name: 'contact_account',
    from: { table: 'contacts', column: 'account_id' },
    to: { table: 'accounts', column: 'account_id' },
  },
  {
    name: 'opportunity_account',
    from: { table: 'opportunities', column: 'account_id' },
    to: { table: 'accounts', column: 'account_id' },
  },
  {
    name: 'order_person',
    from: { table: 'conversions', column: 'person_id' },
    to: { table: 'persons', column: 'person_id' },
    where: "r.kind = 'order'",
  },
  {
    name: 'order_conversation',
    from: { table: 'orders', column: 'conversation_id' },
    to: { table: 'conversations', column: 'conversation_id' },
  },
];

/** Uniqueness, nulls, referential integrity, touches outside their windows. */
export async function integrityChecks(
  engine: Engine,
  ctx: QualityContext,
): Promise<QualityResult[]> {
  const q = ctx.config;
  const d = engine.dialect;
  const out: QualityResult[] = [];
  for (const r of await engine.query(duplicateIdsSql(d, ID_COLUMNS))) {
    const repeated = num(r.with_id) - num(r.distinct_ids);
    out.push({
      check: 'unique_ids',
      subject: `${String(r.table_name)}.${String(r.column_name)}`,
      measured: repeated,
      ...judge(repeated, q.duplicateIds, 'max'),
      detail: `${num(r.with_id)} rows with an id, ${num(r.distinct_ids)} distinct: ${repeated} repeated`,
    });
  }
  for (const r of await engine.query(nullFieldsSql(d, CRITICAL_FIELDS))) {
    const share = rate(num(r.empty), num(r.rows_total));
    out.push({
      check: 'null_fields',
      subject: `${String(r.table_name)}.${String(r.column_name)}`,
      measured: share,
      ...judge(share, q.nullRate, 'max'),
      detail: `${num(r.empty)} of ${num(r.rows_total)} rows empty (${pct(share)})`,
    });
  }
  for (const r of await engine.query(orphansSql(d, REFERENCES))) {
    const reference = REFERENCES.find((x) => x.name === r.reference);
    const target = reference?.to.table ?? '?';
    // An optional input nobody loaded (no accounts source) is not a broken reference: the
    // check is skipped, and says so, rather than failing every row.
    if (num(r.targets) === 0) {
      out.push({
        check: 'referential_integrity',
        subject: String(r.reference),
        measured: null,
        threshold: null,
        status: 'pass',
        detail: `skipped: no ${target} loaded (an optional input); add a ${target} source to check these ${num(r.referring)} references`,
      });
      continue;
    }
    const share = rate(num(r.dangling), num(r.referring));
    const verdict = judge(share, q.orphanRate, 'max');
    out.push({
      check: 'referential_integrity',
      subject: String(r.reference),
      measured: share,
      ...verdict,
      detail: `${num(r.dangling)} of ${num(r.referring)} references name no row of ${target} (${pct(share)})${verdict.status === 'pass' ? '' : `: load the missing ${target} rows or correct the ids that name them`}`,
    });
  }
  const [w] = await engine.query(windowViolationsSql(d, ctx.lookbackDays));
  const outside = num(w?.outside);
  out.push({
    check: 'touches_in_window',
    subject: 'journeys',
    measured: outside,
    ...judge(outside, q.touchesOutsideWindow, 'max'),
    detail: `${outside} of ${num(w?.touches)} journey touches outside their conversion's ${ctx.lookbackDays}-day window (${num(w?.after_conversion)} after it)`,
  });
  return out;
}
