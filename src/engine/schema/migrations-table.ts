import type { TableSpec } from './table-spec.js';

/** The migrations ledger: which schema versions the database has applied, and when. */
export const MIGRATIONS_TABLE: TableSpec = {
  name: 'schema_migrations',
  columns: [
    { name: 'version', type: 'integer' },
    { name: 'name', type: 'text' },
    { name: 'applied_at', type: 'timestamp' },
  ],
};
