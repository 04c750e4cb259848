import type { DeadLetterReason } from '../../core/ingest/dead-letter-reason.js';
import { deadLetter, type StepResult } from '../../core/ingest/step-result.js';
import type { BatchItem } from './ingest-batch.js';
import type { IngestEnvironment } from './ingest-environment.js';
import { prepareRecord, type RecordContext } from './prepare-record.js';
import type { PreparedRecord } from './prepared-record.js';
import { validatePayload } from './validate-payload.js';

/** A JSON record as a transport received it. */
export interface JsonInput {
  /** The parsed payload, or the text to parse (stream messages, replays). */
  readonly payload: unknown;
  /** Set when `payload` is text. */
  readonly isText?: boolean;
  readonly messageId?: string;
  /** The payload as it arrived, when `payload` was mapped from it (Segment messages). */
  readonly raw?: string;
  /** An upper bound of the payload's size in bytes (its request's body), to skip measuring it. */
  readonly sizeBound?: number;
}

/**
 * The whole path of one JSON record up to storage: parse (when text), size and depth limits,
 * validate against its contract, normalise, fingerprint. Bad data comes back as a dead letter.
 */
export function prepareJson(
  input: JsonInput,
  context: RecordContext,
  env: IngestEnvironment,
): BatchItem {
  let raw: string | undefined = input.raw ?? (input.isText ? String(input.payload) : undefined);
  const text = () => (raw ??= safeStringify(input.payload));
  return { result: steps(input, context, env, text), raw: text, normalise: env.normalise };
}

function steps(
  input: JsonInput,
  context: RecordContext,
  env: IngestEnvironment,
  text: () => string,
): StepResult<PreparedRecord> {
  const limit = env.settings.maxRecordBytes;
  // Measuring needs the payload as text; a body within the limit cannot hold a larger record.
  if (
    (input.sizeBound === undefined || input.sizeBound > limit) &&
    Buffer.byteLength(text(), 'utf8') > limit
  )
    return fail({ code: 'oversize', message: `the record is larger than ${limit} bytes` });
  let payload = input.payload;
  if (input.isText) {
    try {
      payload = JSON.parse(text());
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return fail({ code: 'malformed_json', message: `not valid JSON: ${reason}` });
    }
  }
  const typed = validatePayload(payload, env.registry, env.settings);
  if (typed.status !== 'ok') return typed;
  return prepareRecord(
    typed.value,
    { ...context, ...(input.messageId ? { messageId: input.messageId } : {}) },
    env.normalise,
  );
}

const fail = (reason: DeadLetterReason): StepResult<PreparedRecord> => deadLetter([reason]);

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    // Circular or too deep for JSON.stringify: never for parsed JSON, but a dead letter must not throw.
    return String(value);
  }
}
