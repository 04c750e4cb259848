import { readEventContracts } from '../../adapters/contracts/read-event-contracts.js';
import { PII_SALT_ENV, type Config } from '../../core/config/config.js';
import { recordContracts } from '../../core/contracts/record-contracts.js';
import type { Engine } from '../../engine/engine.js';
import { createIngestEnvironment } from '../../pipeline/ingest/create-ingest-environment.js';
import type { IngestEnvironment } from '../../pipeline/ingest/ingest-environment.js';
import { registerContracts } from '../../pipeline/ingest/register-contracts.js';

/** The PII salt from the environment, when set. */
export function piiSalt(): string | undefined {
  return process.env[PII_SALT_ENV] || undefined;
}

/**
 * The ingest environment of a command that takes JSON records (serve, consume, replay): every
 * contract in force — record kinds, built-in events, the config's — registered in the warehouse
 * (a breaking change without a new MODEL is refused here), plus older registered versions.
 */
export async function ingestEnvironmentFor(
  engine: Engine,
  config: Config | undefined,
): Promise<IngestEnvironment> {
  const builtIn = readEventContracts();
  const current = [...recordContracts(), ...builtIn, ...(config?.contracts ?? [])];
  const older = await engine.transaction(() => registerContracts(engine, current));
  const salt = piiSalt();
  return createIngestEnvironment(config, {
    contracts: [...builtIn, ...older],
    ...(salt ? { piiSalt: salt } : {}),
  });
}
