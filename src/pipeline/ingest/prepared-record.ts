import type { SourceKind } from '../../core/canonical/source-kinds.js';
import type { ClockStatus } from '../../core/ingest/correct-event-time.js';
import type { Identity } from '../../core/ingest/record-semantics.js';
import type { LoadValue } from '../../engine/engine.js';

/** A record ready to store: its landing row, its key and fingerprint, its time's trust. */
export interface PreparedRecord {
  readonly kind: SourceKind;
  readonly identity: Identity;
  /** The record's id, or `sha256:` and its fingerprint when it has none. */
  readonly key: string;
  /** SHA-256 of the normalised content (before clock correction, so redelivery matches). */
  readonly hash: string;
  /** The landing row: the kind's fields in order, then source_name and source_line. */
  readonly row: readonly LoadValue[];
  readonly clock: ClockStatus;
  readonly skewMs: number | null;
}
