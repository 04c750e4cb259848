import type { SourceKind } from '../../core/canonical/source-kinds.js';
import type { CanonicalValue } from '../../core/values/parse-value.js';

/**
 * A record that passed its contract, its values parsed (times as epoch milliseconds), before
 * normalisation: what every transport hands the rest of the ingest path.
 */
export interface TypedRecord {
  readonly kind: SourceKind;
  /** Canonical field → value, for the fields of the kind. */
  readonly fields: Readonly<Record<string, CanonicalValue>>;
  /** When the sender says it sent the record (epoch ms), for clock-skew correction. */
  readonly sentAt: number | null;
  /** True when the record's times come from a device clock (HTTP, stream), not a source system. */
  readonly fromDevice: boolean;
}

/** Settings of the normalise step. */
export interface IngestSettings {
  /** E.164 country code for national phone numbers (`1`, `44`); none keeps them as digits. */
  readonly defaultCountryCode?: string;
  /** Hashes identifiers and names with this salt before they are stored (privacy.hash_pii). */
  readonly piiSalt?: string;
  /** A single record larger than this (bytes of JSON) is dead-lettered as oversize. */
  readonly maxRecordBytes: number;
  /** Objects and arrays nested deeper than this are dead-lettered as too_deep. */
  readonly maxDepth: number;
  /** A record with more object keys than this (all levels) is dead-lettered as too_many_keys. */
  readonly maxKeys: number;
  /**
   * The most a sender's clock may be corrected through sent_at, in milliseconds; past it the
   * record keeps its own time, flagged `skew_out_of_bounds`.
   */
  readonly maxClockSkewMs: number;
  /** An event whose consent refuses analytics: dropped (default) or stored pseudonymised. */
  readonly withoutConsent?: 'drop' | 'pseudonymise';
  /** Fields outside the contract kept in an event's properties: all, none (default), or these. */
  readonly allowExtraFields?: boolean | readonly string[];
}

export const DEFAULT_INGEST_SETTINGS: IngestSettings = {
  maxRecordBytes: 64 * 1024,
  maxDepth: 32,
  maxKeys: 10_000,
  maxClockSkewMs: 24 * 3_600_000,
};
