import { DEFAULT_INGEST, DEFAULT_PRIVACY, type Config } from '../../core/config/config.js';
import {
  buildConfigContract,
  type ConfigContractSpec,
} from '../../core/contracts/config-contract.js';
import type { Contract } from '../../core/contracts/contract.js';
import type { Problem } from '../../core/errors.js';
import { readEventContracts, readEventEnvelope } from '../contracts/read-event-contracts.js';
import type { RawConfig } from './raw-config.js';

/** The ingest sections of the YAML config as the JSON Schema guarantees them. */
export interface RawIngestSections {
  readonly contracts?: readonly ConfigContractSpec[];
  readonly ingest?: {
    readonly batch_rows?: number;
    readonly default_country_code?: string;
    readonly max_batch_events?: number;
    readonly max_body_bytes?: number;
    readonly max_record_bytes?: number;
    readonly max_clock_skew_hours?: number;
    readonly queue_depth?: number;
    readonly nats?: {
      readonly servers?: string;
      readonly stream?: string;
      readonly subject?: string;
      readonly durable?: string;
      readonly replicas?: number;
    };
  };
  readonly privacy?: {
    readonly hash_pii?: boolean;
    readonly without_consent?: 'drop' | 'pseudonymise';
    readonly allow_extra_fields?: boolean | readonly string[];
    readonly retention_days?: number;
  };
}

function buildContracts(raw: RawConfig): { contracts: Contract[]; problems: Problem[] } {
  const builtIn = new Set(readEventContracts().map((c) => c.type));
  const seen = new Set<string>();
  const contracts: Contract[] = [];
  const problems: Problem[] = [];
  (raw.contracts ?? []).forEach((spec, i) => {
    if (seen.has(spec.type)) {
      const message = `contracts[${i}].type: ${spec.type} is defined twice; keep the version in force`;
      problems.push({ code: 'duplicate_contract', message });
    }
    seen.add(spec.type);
    const built = buildConfigContract(spec, readEventEnvelope(), builtIn, `contracts[${i}]`);
    if (built.ok) contracts.push(built.contract);
    else problems.push(...built.problems);
  });
  return { contracts, problems };
}

/** Problems of the contracts section the JSON Schema cannot see (names, versions, fields). */
export function checkContracts(raw: RawConfig): Problem[] {
  return buildContracts(raw).problems;
}

/**
 * The contracts, ingest and privacy sections of a checked config, defaults filled in; a section
 * absent from the file stays absent (readers fall back to DEFAULT_INGEST).
 */
export function buildIngestSections(
  raw: RawConfig,
): Pick<Config, 'contracts' | 'ingest' | 'privacy'> {
  const d = DEFAULT_INGEST;
  const ingest = raw.ingest;
  const nats = ingest?.nats ?? {};
  return {
    ...(raw.contracts === undefined ? {} : { contracts: buildContracts(raw).contracts }),
    ...(ingest === undefined
      ? {}
      : {
          ingest: {
            batchRows: ingest.batch_rows ?? d.batchRows,
            ...(ingest.default_country_code === undefined
              ? {}
              : { defaultCountryCode: ingest.default_country_code }),
            maxBatchEvents: ingest.max_batch_events ?? d.maxBatchEvents,
            maxBodyBytes: ingest.max_body_bytes ?? d.maxBodyBytes,
            maxRecordBytes: ingest.max_record_bytes ?? d.maxRecordBytes,
            maxClockSkewHours: ingest.max_clock_skew_hours ?? d.maxClockSkewHours,
            queueDepth: ingest.queue_depth ?? d.queueDepth,
            nats: {
              servers: nats.servers ?? d.nats.servers,
              stream: nats.stream ?? d.nats.stream,
              subject: nats.subject ?? d.nats.subject,
              durable: nats.durable ?? d.nats.durable,
              replicas: nats.replicas ?? d.nats.replicas ?? 1,
            },
          },
        }),
    ...(raw.privacy === undefined
      ? {}
      : {
          privacy: {
            hashPii: raw.privacy.hash_pii ?? DEFAULT_PRIVACY.hashPii,
            withoutConsent: raw.privacy.without_consent ?? DEFAULT_PRIVACY.withoutConsent,
            allowExtraFields: raw.privacy.allow_extra_fields ?? DEFAULT_PRIVACY.allowExtraFields,
            ...(raw.privacy.retention_days === undefined
              ? {}
              : { retentionDays: raw.privacy.retention_days }),
          },
        }),
  };
}
