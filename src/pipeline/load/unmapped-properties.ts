import { canonicalJson } from '../../core/values/canonical-json.js';

/**
 * A record's properties with the columns its mapping does not name kept in them, so an export's
 * extra columns (CSV) or top-level fields (JSONL) are not silently dropped. Keys are the column
 * names as read (lower-cased, trimmed); empty cells and nulls are left out, as absent values.
 * A mapped properties value that is a JSON object is merged, the unmapped columns winning a
 * clash (as an event's extra fields do over its properties on HTTP); any other mapped value is
 * kept under the key `properties`.
 */
export function unmappedProperties(
  own: string | null,
  values: Readonly<Record<string, unknown>>,
  used: ReadonlySet<string>,
): string | null {
  const extra = Object.entries(values).filter(
    ([k, v]) =>
      !used.has(k) && v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === ''),
  );
  if (extra.length === 0) return own;
  const base = own === null ? {} : objectOf(own);
  return canonicalJson({ ...base, ...Object.fromEntries(extra) });
}

function objectOf(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // Not JSON: kept as text below.
  }
  return { properties: text };
}
