import { SOURCE_KIND_NAMES } from '../../core/canonical/source-kinds.js';
import type { Dialect } from '../dialect.js';
import {
  ATTRIBUTION_COLUMNS,
  ATTRIBUTION_TABLES,
  VALUE_KIND_COLUMNS,
  VALUE_KIND_TABLES,
} from './attribution-tables.js';
import { DATA_DRIVEN_TABLES } from './data-driven-tables.js';
import { DERIVED_TABLES } from './derived-tables.js';
import { IDENTITY_TABLES } from './identity-tables.js';
import {
  identityComponentsViewSql,
  INCREMENTAL_IDENTITY_TABLES,
  PROFILES_DIGEST_COLUMN,
} from './identity-v10-tables.js';
import { IDENTITY_GRAPH_TABLES } from './identity-v9-tables.js';
import { EDGE_MATCH_COLUMNS, IDENTITY_RUN_TABLES, PERSON_ID_TABLES } from './identity-v5-tables.js';
import { INCREMENTAL_RUN_COLUMNS, SOURCE_FILES } from './incremental-run-tables.js';
import { INGEST_TABLES } from './ingest-tables.js';
import { LINKED_BY_COLUMN, linkKeyTableStatements } from './link-key-tables.js';
import { METRIC_TABLES } from './metric-tables.js';
import { ERASURE_AUDIT_LINKED_COLUMN, QUALITY_TABLES } from './quality-tables.js';
import { RUN_HISTORY_COLUMNS } from './run-history-columns.js';
import { createTableSql, landingTable, landingTableName } from './table-spec.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  statements(dialect: Dialect): string[];
}

/**
 * The schema's history, oldest first. Never edit a migration that has shipped: add one.
 * Version 1 is the canonical schema of the walking skeleton; version 2 adds the metrics stage's
 * tables (conversation facts and economics, parameters, one table per report); version 3 the
 * ingest tables (record keys for deduplication, batches, dead letters, write keys, contracts);
 * version 4 the identity stage's reports (refused merges, cluster sizes, largest clusters);
 * version 5 probabilistic edges' evidence, match rates and the tables that keep person ids stable.
 * version 6 the attribution engine's (definition of each conversion, link and milestones of each
 * journey touch, recomputed journeys of each run, the definitions and models of the last run,
 * the fingerprints incremental recompute compares).
 * version 7 the data-driven attribution tables (paths, path credits, channel results).
 * version 8 quality results, erasure tombstones and the erasure audit log.
 * version 9 the warehouse-numbered identity graph (nodes, node persons, refused edges, person ids
 * and the settings digest incremental stitching compares).
 * version 10 incremental stitching: the tables a run compares with the last run's graph, the
 * digest of the matching profiles; last run's identifiers become the map person ids are
 * inherited from (person_id_map, a copy of it, is dropped) and identity_components a view.
 * version 11 the linked persons an erasure found, in its audit row.
 * version 12 the run history of the server's runs (trigger, error, events watermark).
 * version 13 value kinds: each conversion's and definition's value kind; the summary, channel
 * totals, credit days, economics and the RPC and channel ROI reports per value kind with ROI in
 * percent (recreated: every run rewrites them).
 * version 14 incremental runs: the last load of each file source, the skipped flag of a batch,
 * the inputs digest of a run.
 * version 15 direct links by correlation id, session id and booking reference: the keys on orders,
 * opportunities and events (booking reference), and the key that linked each conversion.
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
  {
    version: 2,
    name: 'metric tables',
    statements: (dialect) => METRIC_TABLES.map((table) => createTableSql(dialect, table)),
  },
  {
    version: 3,
    name: 'ingest',
    statements: (dialect) => [
      ...INGEST_TABLES.map((table) => createTableSql(dialect, table)),
      `CREATE INDEX record_keys_by_key ON ${dialect.quoteIdentifier('record_keys')} (kind, record_key)`,
      `CREATE INDEX dead_letters_by_batch ON ${dialect.quoteIdentifier('dead_letters')} (batch_id)`,
      // Until now every run emptied the landing tables and reloaded them from the configured
      // files, so they hold nothing the files do not. From here on they accumulate, and each
      // row needs its key in record_keys: the next run reloads them through the ingest path.
      ...SOURCE_KIND_NAMES.map(
        (kind) => `DELETE FROM ${dialect.quoteIdentifier(landingTableName(kind))}`,
      ),
    ],
  },
  {
    version: 4,
    name: 'identity guards',
    statements: (dialect) => IDENTITY_TABLES.map((table) => createTableSql(dialect, table)),
  },
  {
    version: 5,
    name: 'identity matching and stable person ids',
    statements: (dialect) => [
      ...EDGE_MATCH_COLUMNS.map(
        (c) =>
          `ALTER TABLE ${dialect.quoteIdentifier('identity_edges')} ADD COLUMN ${dialect.quoteIdentifier(c.name)} ${dialect.columnDefinition(c.type)}`,
      ),
      ...[...IDENTITY_RUN_TABLES, ...PERSON_ID_TABLES].map((table) =>
        createTableSql(dialect, table),
      ),
    ],
  },
  {
    version: 6,
    name: 'attribution engine',
    statements: (dialect) => [
      ...ATTRIBUTION_COLUMNS.map(
        ({ table, column }) =>
          `ALTER TABLE ${dialect.quoteIdentifier(table)} ADD COLUMN ${dialect.quoteIdentifier(column.name)} ${dialect.columnDefinition(column.type)}`,
      ),
      ...ATTRIBUTION_TABLES.map((table) => createTableSql(dialect, table)),
    ],
  },
  {
    version: 7,
    name: 'data-driven attribution',
    statements: (dialect) => DATA_DRIVEN_TABLES.map((table) => createTableSql(dialect, table)),
  },
  {
    version: 8,
    name: 'quality and privacy',
    statements: (dialect) => [
      ...QUALITY_TABLES.map((table) => createTableSql(dialect, table)),
      `CREATE INDEX quality_results_by_run ON ${dialect.quoteIdentifier('quality_results')} (run_id)`,
    ],
  },
  {
    version: 9,
    name: 'numbered identity graph',
    statements: (dialect) => IDENTITY_GRAPH_TABLES.map((table) => createTableSql(dialect, table)),
  },
  {
    version: 10,
    name: 'incremental stitching',
    statements: (dialect) => [
      ...INCREMENTAL_IDENTITY_TABLES.map((table) => createTableSql(dialect, table)),
      `ALTER TABLE ${dialect.quoteIdentifier('identity_state')} ADD COLUMN ${dialect.quoteIdentifier(PROFILES_DIGEST_COLUMN.name)} ${dialect.columnDefinition(PROFILES_DIGEST_COLUMN.type)}`,
      `DROP TABLE ${dialect.quoteIdentifier('person_id_map')}`,
      `DROP TABLE ${dialect.quoteIdentifier('identity_components')}`,
      identityComponentsViewSql(dialect),
    ],
  },
  {
    version: 11,
    name: 'erasure audit of linked persons',
    statements: (dialect) => [
      `ALTER TABLE ${dialect.quoteIdentifier('erasure_audit')} ADD COLUMN ${dialect.quoteIdentifier(ERASURE_AUDIT_LINKED_COLUMN.name)} ${dialect.columnDefinition(ERASURE_AUDIT_LINKED_COLUMN.type)}`,
    ],
  },
  {
    version: 12,
    name: 'run history',
    statements: (dialect) =>
      RUN_HISTORY_COLUMNS.map(
        (c) =>
          `ALTER TABLE ${dialect.quoteIdentifier('runs')} ADD COLUMN ${dialect.quoteIdentifier(c.name)} ${dialect.columnDefinition(c.type)}`,
      ),
  },
  {
    version: 13,
    name: 'value kinds',
    statements: (dialect) => {
      const all = [...DERIVED_TABLES, ...METRIC_TABLES];
      return [
        ...VALUE_KIND_COLUMNS.map(
          ({ table, column }) =>
            `ALTER TABLE ${dialect.quoteIdentifier(table)} ADD COLUMN ${dialect.quoteIdentifier(column.name)} ${dialect.columnDefinition(column.type)}`,
        ),
        ...VALUE_KIND_TABLES.flatMap((name) => {
          const spec = all.find((t) => t.name === name);
          if (!spec) throw new Error(`migration 13: no table spec ${name}`);
          return [`DROP TABLE ${dialect.quoteIdentifier(name)}`, createTableSql(dialect, spec)];
        }),
      ];
    },
  },
  {
    version: 14,
    name: 'incremental runs',
    statements: (dialect) => [
      ...INCREMENTAL_RUN_COLUMNS.map(
        ({ table, column }) =>
          `ALTER TABLE ${dialect.quoteIdentifier(table)} ADD COLUMN ${dialect.quoteIdentifier(column.name)} ${dialect.columnDefinition(column.type)}`,
      ),
      createTableSql(dialect, SOURCE_FILES),
    ],
  },
  {
    version: 15,
    name: 'link keys',
    statements: (dialect) => [
      ...linkKeyTableStatements(dialect),
      `ALTER TABLE ${dialect.quoteIdentifier('conversions')} ADD COLUMN ${dialect.quoteIdentifier(LINKED_BY_COLUMN.name)} ${dialect.columnDefinition(LINKED_BY_COLUMN.type)}`,
    ],
  },
];
