import type { ErrorObject } from 'ajv';
import type { DeadLetterCode, DeadLetterReason } from '../../core/ingest/dead-letter-reason.js';

const CODES: Readonly<Record<string, DeadLetterCode>> = {
  required: 'missing_required_field',
  type: 'wrong_type',
  additionalProperties: 'unknown_field',
  minimum: 'out_of_range',
  maximum: 'out_of_range',
  exclusiveMinimum: 'out_of_range',
  exclusiveMaximum: 'out_of_range',
};

/** Ajv's errors as dead-letter reasons, each naming the field (`properties.cart.total`). */
export function ajvReasons(errors: readonly ErrorObject[]): DeadLetterReason[] {
  return errors.map((e) => {
    const base = e.instancePath.slice(1).replaceAll('/', '.');
    const params = e.params as Record<string, unknown>;
    const child =
      typeof params.missingProperty === 'string'
        ? params.missingProperty
        : typeof params.additionalProperty === 'string'
          ? params.additionalProperty
          : '';
    const field = [base, child].filter(Boolean).join('.');
    const code: DeadLetterCode =
      e.keyword === 'format' && (params.format === 'date-time' || params.format === 'date')
        ? 'bad_timestamp'
        : (CODES[e.keyword] ?? 'invalid_value');
    const message =
      code === 'unknown_field'
        ? `${field} is not a field of this contract`
        : `${field || 'the record'} ${e.message ?? 'is invalid'}`;
    return { code, message, ...(field ? { field } : {}) };
  });
}
