import { SOURCE_KIND_NAMES } from '../../core/canonical/source-kinds.js';
import type { Dialect } from '../dialect.js';
import { DERIVED_TABLES } from './derived-tables.js';
import { createTableSql, landingTable } from './table-spec.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  statements(dialect: Dialect): string[];
}

/**
 * The schema's history, oldest first. Never edit a migration that has shipped: add one.
 * Version 1 is the canonical schema of the walking skeleton.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'canonical schema',
    statements: (dialect) => [
      ...SOURCE_KIND_NAMES.map((kind) => createTableSql(dialect, landingTable(kind))),
      ...DERIVED_TABLES.map((table) => createTableSql(dialect, table)),
    ],
  },
];
