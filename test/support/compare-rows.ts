import type { Engine, Row, RowValue } from '../../src/engine/engine.js';
import { sql } from '../../src/engine/sql/sql-statement.js';
import { warehouseCatalog } from '../../src/pipeline/export/warehouse-catalog.js';

/**
 * Numbers agree when they differ by at most 1e-9, relative to their size past 1: a sum of
 * doubles depends on the order it is added in, which no two engines share.
 */
export const TOLERANCE = 1e-9;

function sameValue(a: RowValue | undefined, b: RowValue | undefined): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
    return Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
  }
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}

const show = (v: RowValue | undefined): string =>
  v instanceof Date ? v.toISOString() : typeof v === 'string' ? JSON.stringify(v) : String(v);

/**
 * The differences between two row lists, row by row and column by column (at most `limit`),
 * each naming what was compared, the row and the column; empty when they agree.
 */
export function rowDifferences(
  what: string,
  left: readonly Row[],
  right: readonly Row[],
  limit = 10,
): string[] {
  const out: string[] = [];
  if (left.length !== right.length)
    out.push(`${what}: ${left.length} rows on one side, ${right.length} on the other`);
  const n = Math.min(left.length, right.length);
  for (let i = 0; i < n && out.length < limit; i++) {
    const a = left[i]!;
    const b = right[i]!;
    const columns = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const c of columns) {
      if (!sameValue(a[c], b[c])) {
        out.push(`${what} row ${i} column ${c}: ${show(a[c])} vs ${show(b[c])}`);
        if (out.length >= limit) break;
      }
    }
  }
  return out;
}

/**
 * A whole table in a total order that every engine shares: every column, key columns first,
 * text by bytes, NULLs first. Columns come from the engine's own catalog.
 */
export async function readTable(
  engine: Engine,
  table: string,
  key: readonly string[],
): Promise<Row[]> {
  const spec = (await warehouseCatalog(engine)).find((t) => t.name === table);
  if (!spec) throw new Error(`no table ${table} in the ${engine.dialect.name} warehouse`);
  const d = engine.dialect;
  const names = spec.columns.map((c) => c.name);
  const columns = [...key, ...names.filter((c) => !key.includes(c))];
  const order = columns.map((name) => {
    const column = spec.columns.find((c) => c.name === name);
    if (!column) throw new Error(`no column ${name} in ${table}`);
    const q = d.quoteIdentifier(name);
    const text = /^(varchar|text|character varying)$/i.test(column.type);
    return `${text ? d.byteOrder(q) : q} NULLS FIRST`;
  });
  return engine.query(
    sql(`SELECT * FROM ${d.quoteIdentifier(table)} ORDER BY ${order.join(', ')}`),
  );
}

/**
 * The tables a run derives, with the key that orders each (the rest of the row follows it).
 * `mayBeEmpty`: a scenario with nothing to report leaves it empty (merge_audit: no refused
 * merge); the demo scenario fills it.
 */
export const RESULT_TABLES: readonly {
  table: string;
  key: readonly string[];
  mayBeEmpty?: boolean;
}[] = [
  { table: 'identity_edges', key: ['left_type', 'left_value', 'right_type', 'right_value'] },
  { table: 'identifiers', key: ['identifier_type', 'identifier_value'] },
  { table: 'persons', key: ['person_id'] },
  {
    table: 'merge_audit',
    key: ['left_type', 'left_value', 'right_type', 'right_value', 'reason'],
    mayBeEmpty: true,
  },
  { table: 'identity_cluster_sizes', key: ['size'] },
  { table: 'identity_largest_clusters', key: ['rank'] },
  { table: 'identity_match_rates', key: ['rate'] },
  { table: 'person_id_history', key: ['person_id'] },
  { table: 'touchpoints', key: ['touchpoint_id'] },
  { table: 'conversions', key: ['conversion_id'] },
  { table: 'journeys', key: ['conversion_id', 'position'] },
  { table: 'credits', key: ['conversion_id', 'touchpoint_id', 'model'] },
  { table: 'attribution_summary', key: ['model', 'value_kind'] },
  { table: 'conversion_definitions', key: ['name'] },
  { table: 'attribution_models', key: ['name'] },
  { table: 'channel_attribution', key: ['model', 'value_kind', 'touchpoint_type', 'channel'] },
  { table: 'conversion_paths', key: ['conversion_id'] },
  { table: 'data_driven_path_credits', key: ['model', 'path_id', 'position'] },
  { table: 'data_driven_paths', key: ['model', 'path'] },
  { table: 'data_driven_channels', key: ['model', 'channel'] },
];

/** Differences between the same table on two engines. */
export async function tableDifferences(
  left: Engine,
  right: Engine,
  table: string,
  key: readonly string[],
  ignore: readonly string[] = [],
): Promise<{ rows: number; differences: string[] }> {
  const without = (rows: Row[]) =>
    rows.map((r) => Object.fromEntries(Object.entries(r).filter(([c]) => !ignore.includes(c))));
  const [a, b] = [await readTable(left, table, key), await readTable(right, table, key)];
  return { rows: a.length, differences: rowDifferences(table, without(a), without(b)) };
}
