/** Machine-readable reasons a record is dead-lettered instead of stored. */
export type DeadLetterCode =
  | 'malformed_json'
  | 'not_an_object'
  | 'too_deep'
  | 'too_many_keys'
  | 'oversize'
  | 'unknown_event_type'
  | 'unknown_schema_version'
  | 'missing_required_field'
  | 'wrong_type'
  | 'bad_timestamp'
  | 'out_of_range'
  | 'invalid_value'
  | 'unknown_field'
  | 'invalid_identifier'
  | 'null_byte'
  | 'malformed_record'
  /** A CSV row with more or fewer fields than the header. */
  | 'ragged_row'
  | 'conflicting_duplicate'
  | 'erased'
  | 'no_consent'
  | 'payload_not_kept';

/**
 * Reasons that are policy, not bad data: the record is withheld on purpose (its person was
 * erased, or refused analytics consent). Its payload is not kept, and a strict run does not fail.
 */
export const WITHHELD_CODES: ReadonlySet<DeadLetterCode> = new Set(['erased', 'no_consent']);

/** One reason, with the field and, for files, the place a person can open. */
export interface DeadLetterReason {
  readonly code: DeadLetterCode;
  readonly message: string;
  readonly field?: string;
  readonly source?: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: string;
}
