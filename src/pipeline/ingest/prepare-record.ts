import { createHash } from 'node:crypto';
import { fieldsOf } from '../../core/canonical/source-kinds.js';
import { correctEventTime } from '../../core/ingest/correct-event-time.js';
import { RECORD_SEMANTICS } from '../../core/ingest/record-semantics.js';
import { deadLetter, ok, type StepResult } from '../../core/ingest/step-result.js';
import type { CanonicalValue } from '../../core/values/parse-value.js';
import { normaliseFields, type NormaliseOptions } from './normalise-fields.js';
import type { PreparedRecord } from './prepared-record.js';
import type { TypedRecord } from './typed-record.js';

/** Where a record came from and when it arrived: the context of the prepare step. */
export interface RecordContext {
  readonly receivedAt: number;
  readonly sourceName: string;
  readonly sourceLine: number | null;
  /** A transport's own message id (NATS Nats-Msg-Id): the id of an event that has none. */
  readonly messageId?: string;
}

/**
 * Normalise, fingerprint and key a typed record, then move its event time onto the receiver's
 * clock (by at most `maxClockSkewMs`). The fingerprint is taken before the clock correction and before the received time is
 * set, so a redelivered record, received later, still matches the first delivery.
 */
export function prepareRecord(
  record: TypedRecord,
  context: RecordContext,
  options: NormaliseOptions,
  maxClockSkewMs = Infinity,
): StepResult<PreparedRecord> {
  const fields: Record<string, CanonicalValue> = { ...record.fields };
  const reasons = normaliseFields(fields, options);
  if (reasons.length) return deadLetter(reasons);
  const specs = fieldsOf(record.kind);
  const semantics = RECORD_SEMANTICS[record.kind];
  // The values are primitives in field order: plain JSON of them is already canonical.
  const hash = sha256(JSON.stringify([record.kind, specs.map((f) => fields[f.name] ?? null)]));
  const idField = semantics.idField;
  let key = idField === null ? null : fields[idField];
  if (idField !== null && (key === null || key === undefined)) {
    // Only events may come without an id (the contracts require the others'): the transport's
    // message id names them, else their content does.
    key = context.messageId ?? `fp_${hash.slice(0, 32)}`;
    fields[idField] = key;
  }
  const time = semantics.timeField;
  const at = time === null ? null : fields[time];
  const corrected =
    typeof at === 'number'
      ? correctEventTime(at, record.sentAt, context.receivedAt, record.fromDevice, maxClockSkewMs)
      : null;
  if (time !== null && corrected) fields[time] = corrected.occurredAt;
  if (record.kind === 'conversation_events' && fields.received_at == null)
    fields.received_at = context.receivedAt;
  return ok({
    kind: record.kind,
    identity: semantics.identity,
    key: typeof key === 'string' ? key : `sha256:${hash}`,
    hash,
    row: [...specs.map((f) => fields[f.name] ?? null), context.sourceName, context.sourceLine],
    clock: corrected?.clock ?? (record.fromDevice ? 'unverified' : 'source'),
    skewMs: corrected?.skewMs ?? null,
  });
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
