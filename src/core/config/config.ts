import type { SourceKind } from '../canonical/source-kinds.js';
import type { ConversionKind } from '../canonical/touchpoint-types.js';
import type { RuleModel } from '../attribution/rule-models.js';

export type SourceFormat = 'csv' | 'jsonl' | 'parquet';

/** One input file and how its columns map onto a canonical record kind. */
export interface SourceConfig {
  readonly name: string;
  readonly kind: SourceKind;
  /** Absolute path (the loader resolves paths relative to the config file). */
  readonly path: string;
  readonly format: SourceFormat;
  /** Canonical field → the user's column name. Unmapped fields use a column of the same name. */
  readonly mapping: Readonly<Record<string, string>>;
  /** Canonical field → a value for every record of the file (e.g. touchpoint_type: sales). */
  readonly constants: Readonly<Record<string, string | number | boolean>>;
  readonly delimiter: string;
}

export interface EngineConfig {
  readonly kind: 'duckdb';
  /** File path of the database, or `:memory:`. */
  readonly path: string;
  readonly memoryLimit: string;
  readonly threads: number;
}

export interface AttributionConfig {
  /** Touches up to this many days before a conversion count, both ends inclusive. */
  readonly lookbackDays: number;
  readonly models: readonly RuleModel[];
  readonly conversions: readonly ConversionKind[];
}

export interface Config {
  readonly engine: EngineConfig;
  readonly attribution: AttributionConfig;
  readonly sources: readonly SourceConfig[];
}

export const DEFAULT_ENGINE: EngineConfig = {
  kind: 'duckdb',
  path: './convrev.duckdb',
  memoryLimit: '4GB',
  threads: 2,
};

export const DEFAULT_ATTRIBUTION: AttributionConfig = {
  lookbackDays: 90,
  models: ['first_touch', 'last_touch', 'linear'],
  conversions: ['order', 'opportunity_created', 'closed_won'],
};
