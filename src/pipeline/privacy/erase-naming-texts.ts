import { payloadValues } from '../../core/privacy/payload-values.js';
import type { Engine } from '../../engine/engine.js';
import { rowsWithTextSql, textsHintingSql } from '../../engine/sql/privacy/erasure-sql.js';
import type { CatalogTable } from '../export/warehouse-catalog.js';
import type { NormaliseOptions } from '../ingest/normalise-fields.js';
import { valueKeys } from './erasure-keys.js';
import type { ErasureStaging } from './erasure-staging.js';

/** Free-text columns that may hold an identifier anywhere inside them, whatever their table. */
const TEXT_COLUMNS = new Set(['properties', 'payload', 'reasons']);

/**
 * Rows whose free text (an event's properties, a dead letter's payload or reasons) names the
 * person by any value, in any format ingest accepts: the same test ingest applies before it
 * stores a record (`valueKeys` against the tombstones), so what erasure leaves, ingest would
 * have stored. The staged `hint`s (lower-cased values, phones' last digits) narrow the rows read
 * back in SQL (all dead-letter texts are read when PII is hashed); each candidate is then tested
 * value by value. Counts and deletes per table (a dry
 * run rolls the deletes back).
 */
export async function eraseNamingTexts(
  engine: Engine,
  staging: ErasureStaging,
  catalog: readonly CatalogTable[],
  tombstones: ReadonlySet<string>,
  normalise: NormaliseOptions,
): Promise<{ table: string; rows: number }[]> {
  const d = engine.dialect;
  const out: { table: string; rows: number }[] = [];
  for (const table of catalog) {
    let rows = 0;
    for (const { name: column } of table.columns) {
      if (!TEXT_COLUMNS.has(column)) continue;
      // Hashed identifiers hint at stored properties (hashed alike) but not at what a dead
      // letter received raw: with hashing on, every payload is read.
      const all = normalise.hash !== undefined && column !== 'properties';
      const texts = await engine.query(textsHintingSql(d, table.name, column, staging.id, all));
      const naming = texts
        .map((r) => (r.t == null ? '' : String(r.t)))
        .filter((t) =>
          payloadValues(t).some((v) => valueKeys(v, normalise).some((k) => tombstones.has(k))),
        );
      if (!naming.length) continue;
      await staging.add('text', naming);
      const [row] = await engine.query(rowsWithTextSql(d, 'count', table.name, column, staging.id));
      rows += Number(row?.n ?? 0);
      await engine.execute(rowsWithTextSql(d, 'delete', table.name, column, staging.id));
    }
    if (rows) out.push({ table: table.name, rows });
  }
  return out;
}
