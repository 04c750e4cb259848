import type { SourceKind } from '../canonical/source-kinds.js';
import type { JsonSchema } from './json-schema.js';
import type { SchemaVer } from './schema-ver.js';

/** Where a contract was defined: shipped with convrev, derived from a record kind, or the user's config. */
export type ContractOrigin = 'event' | 'record' | 'config';

/**
 * A data contract: the JSON Schema a record of one type must satisfy, at one version, and the
 * landing table (record kind) a valid record is stored in.
 */
export interface Contract {
  /** Namespaced type, e.g. `chat.intent.detected` or `record.orders`. */
  readonly type: string;
  readonly version: SchemaVer;
  readonly kind: SourceKind;
  readonly origin: ContractOrigin;
  readonly description: string;
  readonly schema: JsonSchema;
}

/** Type names of the contracts derived from record kinds: `record.` and the kind. */
export const RECORD_TYPE_PREFIX = 'record.';

/** Event and user type names: lower-case dot-separated words, at least two of them. */
export const EVENT_TYPE_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
