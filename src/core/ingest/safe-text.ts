import type { DeadLetterReason } from './dead-letter-reason.js';

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex -- NUL is exactly what must go
const NUL = /\u0000/g;

/**
 * Text safe to quote in a stored JSON document: lone surrogates and NUL (which PostgreSQL's json
 * and DuckDB's JSON functions refuse, even escaped) replaced by U+FFFD, and at most `max`
 * characters, an ellipsis saying it was cut.
 */
export function safeText(text: string, max: number): string {
  let clean = text.replace(LONE_SURROGATE, '\uFFFD').replace(NUL, '\uFFFD');
  if (clean.length > max) {
    // Never cut a surrogate pair in half.
    const cut = /[\uD800-\uDBFF]/.test(clean.charAt(max - 1)) ? max - 1 : max;
    clean = `${clean.slice(0, cut)}…`;
  }
  return clean;
}

/** A reason as stored and answered: its message and field path made safe and short. */
export function safeReason(reason: DeadLetterReason): DeadLetterReason {
  return {
    ...reason,
    message: safeText(reason.message, 300),
    ...(reason.field === undefined ? {} : { field: safeText(reason.field, 200) }),
  };
}
