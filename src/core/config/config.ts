import type { NumberFormat } from '../values/number-format.js';
import type { SourceKind } from '../canonical/source-kinds.js';
import { defaultModel, type AttributionModel } from '../attribution/attribution-model.js';
import {
  shortFormDefinition,
  type ConversionDefinition,
} from '../attribution/conversion-definition.js';
import type { DataDrivenModel } from '../attribution/data-driven-model.js';
import type { MetricsConfig } from '../metrics/metrics-config.js';
import type { Contract } from '../contracts/contract.js';
import type { QualityConfig } from '../quality/quality-config.js';
import type { Schedule } from '../schedule/schedule.js';
import type { PublishConfig, WatchConfig } from './operations-config.js';

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
  /** CSV: lines before the header (an export's title lines), skipped; line numbers count them. */
  readonly skipLines?: number;
  /** Canonical field → { trimmed cell as exported: the text to parse instead } (`Closed Won` → won). */
  readonly values?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * The file only ever grows (an append-only export): when the part loaded before is unchanged,
   * a run reads only the records past it.
   */
  readonly appendOnly?: boolean;
  /** strftime-style format of the timestamp fields' cells (`%m/%d/%Y %I:%M %p`); ISO-8601 when absent. */
  readonly timestampFormat?: string;
  /** IANA zone of timestamp cells without an offset (`America/New_York`); UTC when absent. */
  readonly timezone?: string;
  /** How number and amount cells are written (`1.234,50 €`); plain `1234.50` when absent. */
  readonly numberFormat?: NumberFormat;
  /** A row filter in the expression language of core/values/row-expression.ts; rows it rejects are not offered. */
  readonly where?: string;
  /** Canonical field → an expression over the source's columns (`is_won: stage = 'Closed Won'`). */
  readonly derived?: Readonly<Record<string, string>>;
}

/** The embedded warehouse: one DuckDB database file. */
export interface DuckDBEngineConfig {
  readonly kind: 'duckdb';
  /** File path of the database, or `:memory:`. */
  readonly path: string;
  readonly memoryLimit: string;
  readonly threads: number;
}

/** The server warehouse: one schema of a PostgreSQL database. */
export interface PostgresEngineConfig {
  readonly kind: 'postgres';
  /** postgres://user:password@host:port/database; may hold a password, so never print it. */
  readonly url: string;
  /** The schema holding convrev's tables (created when missing). */
  readonly schema: string;
}

/** Which warehouse to use: `kind` picks the engine. */
export type EngineConfig = DuckDBEngineConfig | PostgresEngineConfig;
export type EngineKind = EngineConfig['kind'];
export const ENGINE_KINDS: readonly EngineKind[] = ['duckdb', 'postgres'];

export interface AttributionConfig {
  /** The window of definitions that name none: days before a conversion, both ends inclusive. */
  readonly lookbackDays: number;
  /** Rule-based models, each with a unique name (the `model` of its credits). */
  readonly models: readonly AttributionModel[];
  /** Conversion definitions, each with a unique name. */
  readonly conversions: readonly ConversionDefinition[];
  /** The data-driven models of the `models` list (Markov, path and coalition Shapley). */
  readonly dataDriven?: readonly DataDrivenModel[];
}

export interface Config {
  readonly engine: EngineConfig;
  readonly attribution: AttributionConfig;
  readonly sources: readonly SourceConfig[];
  /** The `metrics:` section; absent means every default of DEFAULT_METRICS (metricsConfigOf). */
  readonly metrics?: MetricsConfig;
  /** The `contracts:` section: the user's own event types, checked and built. */
  readonly contracts?: readonly Contract[];
  /** The `ingest:` section; absent means DEFAULT_INGEST. */
  readonly ingest?: IngestConfig;
  /** The `privacy:` section. */
  readonly privacy?: PrivacyConfig;
  /** The `identity:` section; absent means DEFAULT_IDENTITY. */
  readonly identity?: IdentityConfig;
  /** The `quality:` section; absent means DEFAULT_QUALITY (qualityConfigOf). */
  readonly quality?: QualityConfig;
  /** The `server:` section of `convrev serve`; absent means DEFAULT_SERVER. */
  readonly server?: ServerConfig;
  /** When `convrev serve` runs the pipeline by itself; absent: only on demand. */
  readonly schedule?: Schedule;
  /** The `publish:` section: Parquet copies of the report tables after each run. */
  readonly publish?: PublishConfig;
  /** The `watch:` section; absent means DEFAULT_WATCH. */
  readonly watch?: WatchConfig;
}

/** The read API and dashboard of `convrev serve`. */
export interface ServerConfig {
  /**
   * Where other convrev commands reach this server when it holds the DuckDB file and they find
   * no state file next to it (the state file, written by the running server, wins).
   */
  readonly url?: string;
  /** Origins allowed to call the API from a browser; empty turns CORS off. */
  readonly corsOrigins: readonly string[];
  /** Requests one client (address) may make per window; 0 turns the limit off. */
  readonly rateLimitMax: number;
  readonly rateLimitWindowMs: number;
}

export const DEFAULT_SERVER: ServerConfig = {
  corsOrigins: [],
  rateLimitMax: 600,
  rateLimitWindowMs: 60_000,
};

/** The over-merge guards of deterministic stitching (see core/identity/stitch-guards.ts). */
export interface IdentityConfig {
  /** Identifier types of which one person holds at most one value. */
  readonly uniqueTypes: readonly string[];
  /** Most identifiers of a type one person may hold. */
  readonly maxPerType: Readonly<Record<string, number>>;
  /** Identifier types a device or browser carries (several people may share one). */
  readonly deviceTypes: readonly string[];
  /** A device seen with more than this many otherwise separate persons merges none of them. */
  readonly maxPersonsPerDevice: number;
  /** Values that identify nobody, added to DEFAULT_JUNK_VALUES. */
  readonly junkValues: readonly string[];
  /** Probabilistic (Fellegi–Sunter) matching of persons no identifier joins. */
  readonly matching: IdentityMatchingConfig;
  /** How persons find their account besides their CRM contacts. */
  readonly accounts: IdentityAccountsConfig;
}

/** The `identity.matching:` section (see pipeline/identity/match-persons.ts). */
export interface IdentityMatchingConfig {
  readonly enabled: boolean;
  /** Pairs at or above this match probability become `probabilistic` edges. */
  readonly threshold: number;
  /** Two different CRM contacts join only as duplicates scoring at least this (stricter). */
  readonly duplicateThreshold: number;
  /** No cluster may hold two persons that score below this directly (stops chains). */
  readonly cannotLinkBelow: number;
  /** Blocks larger than this are skipped (one value shared by thousands names nobody). */
  readonly maxBlockSize: number;
  /** Most candidate pairs blocking may propose; past it the largest blocks are skipped. */
  readonly maxCandidatePairs: number;
  /** Random pairs drawn to estimate u, and their seed. */
  readonly uPairs: number;
  readonly seed: number;
}

/** The `identity.accounts:` section. */
export interface IdentityAccountsConfig {
  /** A person with no CRM contact joins the account whose domain their business email has. */
  readonly emailDomains: boolean;
  /** Free-mail domains never name an account, added to the built-in list. */
  readonly freeMailDomains: readonly string[];
}

/**
 * The JetStream stream `convrev collect` publishes to and `convrev consume` reads from (through a
 * durable pull consumer).
 */
export interface NatsConfig {
  readonly servers: string;
  readonly stream: string;
  readonly subject: string;
  readonly durable: string;
  /** Replicas of the stream when convrev creates it: 3 on a JetStream cluster (1 when absent). */
  readonly replicas?: number;
}

/** Limits and settings of the ingest path (files, collector, stream). */
export interface IngestConfig {
  /** Records per batch and transaction when ingesting files. */
  readonly batchRows: number;
  /** E.164 country code for national phone numbers; none keeps them as digits. */
  readonly defaultCountryCode?: string;
  /** Most events one POST /v1/batch may carry. */
  readonly maxBatchEvents: number;
  /** Largest request body the collector reads, in bytes. */
  readonly maxBodyBytes: number;
  /** Largest single record, in bytes of JSON; larger ones are dead-lettered as oversize. */
  readonly maxRecordBytes: number;
  /** Most hours a sender's clock is corrected through sent_at; past it the event keeps its time. */
  readonly maxClockSkewHours: number;
  /** Requests the collector holds in flight before it answers 503 with Retry-After. */
  readonly queueDepth: number;
  readonly nats: NatsConfig;
}

export interface PrivacyConfig {
  /** Store identifiers and names only as salted SHA-256 hashes (salt: CONVREV_PII_SALT). */
  readonly hashPii: boolean;
  /** An event whose consent refuses analytics: dropped (dead letter `no_consent`, the default) or pseudonymised. */
  readonly withoutConsent?: 'drop' | 'pseudonymise';
  /** Fields outside a payload's contract kept (in an event's properties): all, none (the default), or these. */
  readonly allowExtraFields?: boolean | readonly string[];
  /** Raw events and landing rows older than this many days are deleted; absent keeps everything. */
  readonly retentionDays?: number;
}

export const DEFAULT_PRIVACY: Required<Omit<PrivacyConfig, 'retentionDays'>> = {
  hashPii: false,
  withoutConsent: 'drop',
  allowExtraFields: false,
};

export const DEFAULT_INGEST: IngestConfig = {
  batchRows: 10_000,
  maxBatchEvents: 1_000,
  maxBodyBytes: 1024 * 1024,
  maxRecordBytes: 64 * 1024,
  maxClockSkewHours: 24,
  queueDepth: 64,
  nats: {
    servers: 'nats://127.0.0.1:4222',
    stream: 'CONVREV',
    subject: 'convrev.events.>',
    durable: 'convrev',
    replicas: 1,
  },
};

/** The environment variable holding the salt of privacy.hash_pii. */
export const PII_SALT_ENV = 'CONVREV_PII_SALT';

/** Mirrors DEFAULT_STITCH_GUARDS (core/identity/stitch-guards.ts), with no extra junk values. */
export const DEFAULT_IDENTITY: IdentityConfig = {
  uniqueTypes: ['user_id', 'crm_contact_id'],
  maxPerType: { email: 5, phone: 5, anonymous_id: 50 },
  deviceTypes: ['anonymous_id'],
  maxPersonsPerDevice: 2,
  junkValues: [],
  matching: {
    enabled: true,
    threshold: 0.9,
    duplicateThreshold: 0.999,
    cannotLinkBelow: 0.001,
    maxBlockSize: 1000,
    maxCandidatePairs: 20_000_000,
    uPairs: 200_000,
    seed: 1,
  },
  accounts: { emailDomains: true, freeMailDomains: [] },
};

export const DEFAULT_ENGINE: DuckDBEngineConfig = {
  kind: 'duckdb',
  path: './convrev.duckdb',
  memoryLimit: '4GB',
  threads: 2,
};

export const DEFAULT_ATTRIBUTION: AttributionConfig = {
  lookbackDays: 90,
  models: (['first_touch', 'last_touch', 'linear'] as const).map(defaultModel),
  conversions: (['order', 'opportunity_created', 'closed_won'] as const).map((o) =>
    shortFormDefinition(o, 90),
  ),
};

export const DEFAULT_POSTGRES_SCHEMA = 'convrev';
/** The environment variable a PostgreSQL URL is read from when the config gives none. */
export const DATABASE_URL_ENV = 'CONVREV_DATABASE_URL';
