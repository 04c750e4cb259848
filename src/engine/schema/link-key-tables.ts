import { LINK_KEY_KINDS, LINK_KEYS } from '../../core/canonical/source-kinds.js';
import type { Dialect } from '../dialect.js';
import type { ColumnSpec } from './table-spec.js';
import { createTableSql, landingTable, landingTableName } from './table-spec.js';

/** The column migration 15 adds to conversions: which key linked it to its conversation. */
export const LINKED_BY_COLUMN: ColumnSpec = { name: 'linked_by', type: 'text' };

const added = new Set<string>([...LINK_KEYS]);

/**
 * Migration 15's landing-table statements. Loads append by position (fields, then source name
 * and line), so the link keys cannot simply be added at the end of the table: each table is
 * rebuilt in its current shape and its rows copied over by name. A fresh warehouse, whose
 * migration 1 already built this shape, gets the same table again.
 */
export function linkKeyTableStatements(d: Dialect): string[] {
  return LINK_KEY_KINDS.flatMap((kind) => {
    const spec = landingTable(kind);
    const name = landingTableName(kind);
    const next = `${name}__v15`;
    const kept = spec.columns
      .map((c) => c.name)
      .filter((c) => !added.has(c))
      .map((c) => d.quoteIdentifier(c))
      .join(', ');
    return [
      createTableSql(d, { ...spec, name: next }),
      `INSERT INTO ${d.quoteIdentifier(next)} (${kept}) SELECT ${kept} FROM ${d.quoteIdentifier(name)}`,
      `DROP TABLE ${d.quoteIdentifier(name)}`,
      `ALTER TABLE ${d.quoteIdentifier(next)} RENAME TO ${d.quoteIdentifier(name)}`,
    ];
  });
}
