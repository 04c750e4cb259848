import type { CanonicalValue } from '../../core/values/parse-value.js';
import type { IngestEnvironment } from '../ingest/ingest-environment.js';
import { normaliseFields } from '../ingest/normalise-fields.js';

/**
 * An identifier value as the ingest path would store it: normalised (emails lower-cased, phones
 * in E.164), then hashed when privacy.hash_pii is on. Null for a value ingest would refuse or
 * treat as no identifier at all.
 */
export function storedIdentifier(
  env: IngestEnvironment,
  type: string,
  value: string,
): string | null {
  const fields: Record<string, CanonicalValue> = { [type]: value };
  if (normaliseFields(fields, env.normalise).length) return null;
  const stored = fields[type];
  return typeof stored === 'string' && stored !== '' ? stored : null;
}
