import type { DeadLetterReason } from './dead-letter-reason.js';

/**
 * Why JSON.parse refused a text, without quoting the text: V8's message echoes part of the
 * payload (personal data, invalid UTF-16), so only the position it names is kept.
 */
export function jsonParseReason(error: unknown, what = 'the record'): DeadLetterReason {
  const text = error instanceof Error ? error.message : '';
  const at = /position (\d+)/.exec(text)?.[1];
  const where =
    at === undefined ? (/end of JSON/i.test(text) ? ' (it ends early)' : '') : ` at position ${at}`;
  return { code: 'malformed_json', message: `${what} is not valid JSON${where}` };
}
