import type { IdentifierType } from '../canonical/source-kinds.js';

/** Values exporters write when they have nothing; joining on them would merge strangers. */
export const PLACEHOLDER_VALUES: readonly string[] = [
  '',
  'null',
  'undefined',
  'none',
  'nan',
  'n/a',
  '[object object]',
  '0',
  '-1',
  'anonymous',
];
const JUNK = new Set(PLACEHOLDER_VALUES);

/**
 * The normalised form of an identifier, or null when the value identifies nobody. Emails are
 * trimmed and lower-cased; phones keep their digits, with a leading + when the source had one.
 */
export function normalizeIdentifier(type: IdentifierType, value: string): string | null {
  // Control characters never belong in an identifier and would break keys built from it.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const trimmed = value.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (JUNK.has(trimmed.toLowerCase())) return null;
  switch (type) {
    case 'email':
      return trimmed.includes('@') ? trimmed.toLowerCase() : null;
    case 'phone': {
      const digits = trimmed.replace(/\D/g, '');
      if (digits.length < 7) return null;
      return trimmed.startsWith('+') ? `+${digits}` : digits;
    }
    default:
      return trimmed;
  }
}
