import type { ContractRegistry } from './contract-registry.js';
import type { NormaliseOptions } from './normalise-fields.js';
import type { IngestSettings } from './typed-record.js';

/** What the ingest steps need besides the records: contracts, limits, normalisation. */
export interface IngestEnvironment {
  readonly registry: ContractRegistry;
  readonly settings: IngestSettings;
  readonly normalise: NormaliseOptions;
}
