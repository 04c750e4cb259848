import { DEFAULT_INGEST, DEFAULT_PRIVACY, type Config } from '../../core/config/config.js';
import type { Contract } from '../../core/contracts/contract.js';
import { recordContracts } from '../../core/contracts/record-contracts.js';
import { UserError } from '../../core/errors.js';
import { ContractRegistry } from './contract-registry.js';
import type { IngestEnvironment } from './ingest-environment.js';
import { createPiiHasher } from './pii-hasher.js';
import { DEFAULT_INGEST_SETTINGS } from './typed-record.js';

export interface EnvironmentOptions {
  /** Contracts besides the record kinds' and the config's (the built-in events, older versions). */
  readonly contracts?: readonly Contract[];
  /** The PII salt (CONVREV_PII_SALT), required when the config says privacy.hash_pii. */
  readonly piiSalt?: string;
}

/** The ingest steps' environment for a config: its contracts compiled, its limits, its privacy. */
export function createIngestEnvironment(
  config: Pick<Config, 'contracts' | 'ingest' | 'privacy'> | undefined,
  options: EnvironmentOptions = {},
): IngestEnvironment {
  const ingest = config?.ingest ?? DEFAULT_INGEST;
  const hashPii = config?.privacy?.hashPii ?? false;
  if (hashPii && !options.piiSalt)
    throw new UserError(
      'privacy.hash_pii is on but CONVREV_PII_SALT is not set: set it to a long random secret (the same one every time, or joins break)',
    );
  const registry = new ContractRegistry([
    ...recordContracts(),
    ...(options.contracts ?? []),
    ...(config?.contracts ?? []),
  ]);
  return {
    registry,
    settings: {
      ...DEFAULT_INGEST_SETTINGS,
      maxRecordBytes: ingest.maxRecordBytes,
      maxClockSkewMs: ingest.maxClockSkewHours * 3_600_000,
      withoutConsent: config?.privacy?.withoutConsent ?? DEFAULT_PRIVACY.withoutConsent,
      allowExtraFields: config?.privacy?.allowExtraFields ?? DEFAULT_PRIVACY.allowExtraFields,
    },
    normalise: {
      ...(ingest.defaultCountryCode === undefined
        ? {}
        : { defaultCountryCode: ingest.defaultCountryCode }),
      ...(hashPii && options.piiSalt ? { hash: createPiiHasher(options.piiSalt) } : {}),
    },
  };
}
