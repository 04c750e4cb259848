import { jsonText } from '../../core/ingest/json-text.js';
import { screenJsonText } from '../../core/ingest/screen-json-text.js';
import { deadLetter } from '../../core/ingest/step-result.js';
import type { BatchItem } from './ingest-batch.js';
import type { IngestEnvironment } from './ingest-environment.js';
import { prepareRecord, type RecordContext } from './prepare-record.js';
import { validatePayload } from './validate-payload.js';

/** A JSON record as a transport received it: parsed, and its text as it arrived. */
export interface JsonInput {
  /** The parsed payload (mapped already, for a Segment message). */
  readonly payload: unknown;
  /** The record's text as received, what a dead letter keeps; else the payload serialised. */
  readonly raw?: string;
  /** The text already passed `screenJson` (the caller screened it before mapping). */
  readonly screened?: boolean;
  readonly messageId?: string;
}

/**
 * The path of one parsed JSON record up to storage: the size, depth and key limits on its text,
 * then its contract, normalisation, fingerprint. Bad data comes back as a dead letter that keeps
 * the text as received.
 */
export function prepareJson(
  input: JsonInput,
  context: RecordContext,
  env: IngestEnvironment,
): BatchItem {
  const text = input.raw ?? jsonText(input.payload);
  const refused = input.screened ? null : screenJson(text, env);
  if (refused) return refused;
  const raw = () => text;
  const typed = validatePayload(input.payload, env.registry, env.settings);
  if (typed.status !== 'ok') return { result: typed, raw, normalise: env.normalise };
  const result = prepareRecord(
    typed.value,
    { ...context, ...(input.messageId ? { messageId: input.messageId } : {}) },
    env.normalise,
    env.settings.maxClockSkewMs,
  );
  return { result, raw, normalise: env.normalise };
}

/**
 * The limits of one record's text, checked before it is parsed, mapped or walked: a dead letter
 * (`oversize`, `too_deep`, `too_many_keys`) keeping the text, or null when it may go on.
 */
export function screenJson(raw: string, env: IngestEnvironment): BatchItem | null {
  const reasons = screenJsonText(raw, env.settings);
  return reasons.length
    ? { result: deadLetter(reasons), raw: () => raw, normalise: env.normalise }
    : null;
}
