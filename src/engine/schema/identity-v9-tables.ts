import type { ColumnSpec, TableSpec } from './table-spec.js';

const t = (name: string, columns: Record<string, ColumnSpec['type']>): TableSpec => ({
  name,
  columns: Object.entries(columns).map(([column, type]) => ({ name: column, type })),
});

/**
 * The warehouse-numbered identity graph (migration 9). The identity stage numbers every
 * non-junk identifier in SQL, reads edges as integer pairs, stitches in TypeScript over typed
 * arrays and writes the person of each node back as integers; text is joined on again in SQL.
 * Kept across runs, so an incremental run knows last run's graph.
 */
export const IDENTITY_GRAPH_TABLES: readonly TableSpec[] = [
  /**
   * Every identifier that names someone, numbered 0.. in (type, value) byte order, so that
   * node order is identifier-key order: the smallest node of a person is its smallest key.
   * type_index is the type's position in IDENTIFIER_FIELDS.
   */
  t('identity_nodes', {
    node: 'integer',
    identifier_type: 'text',
    identifier_value: 'text',
    type_index: 'integer',
  }),
  /** The person of each node: the smallest node of that person (after probabilistic links). */
  t('identity_node_persons', { node: 'integer', person: 'integer' }),
  /** Edges the guards refused this run, as node pairs, with the reason and type codes. */
  t('identity_refused_edges', {
    left_node: 'integer',
    right_node: 'integer',
    reason: 'integer',
    type_index: 'integer',
  }),
  /** Nodes whose type and value a step needs read back (the persons with a profile). */
  t('identity_selected_nodes', { node: 'integer' }),
  /**
   * Each earlier person id still holding identifiers, with its heir (the person now holding most
   * of them) and its rank among the ids that person inherits (1: the oldest, which it keeps).
   */
  t('identity_id_heirs', { person_id: 'text', person: 'integer', heir_rank: 'integer' }),
  /** Earlier person ids retired this run: merged (into another) or gone. */
  t('identity_retired_ids', { person_id: 'text', reason: 'text', merged_into: 'text' }),
  /** The person id of each person (by its smallest node) this run. */
  t('identity_person_ids', { person: 'integer', person_id: 'text' }),
  /**
   * One row: the digest of the identity settings the graph was stitched under; a changed
   * digest re-stitches everything.
   */
  t('identity_state', { settings_digest: 'text', nodes: 'integer' }),
];
