import type { DeadLetterReason } from './dead-letter-reason.js';

/**
 * What one ingest step makes of a record, as a value: go on with the step's output, drop it as
 * a duplicate, or dead-letter it with reasons. Steps never throw for bad data.
 */
export type StepResult<T> =
  | { readonly status: 'ok'; readonly value: T }
  | { readonly status: 'duplicate' }
  | { readonly status: 'dead_letter'; readonly reasons: readonly DeadLetterReason[] };

export const ok = <T>(value: T): StepResult<T> => ({ status: 'ok', value });

export const deadLetter = <T>(reasons: readonly DeadLetterReason[]): StepResult<T> => ({
  status: 'dead_letter',
  reasons,
});
