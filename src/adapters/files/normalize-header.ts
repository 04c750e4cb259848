import type { SourceConfig } from '../../core/config/config.js';
import { normalizeColumnName } from './normalize-column-name.js';
import { sourceFileError } from './source-file-error.js';

/**
 * Normalizes a file's column names and refuses two that become equal: a mapping could not say
 * which of `Email` and `email ` it means, and silently keeping one would load the wrong data.
 */
export function normalizeHeader(
  source: SourceConfig,
  names: readonly string[],
  row?: number,
): string[] {
  const seen = new Map<string, string>();
  return names.map((name) => {
    const key = normalizeColumnName(name);
    const first = seen.get(key);
    if (first !== undefined) {
      const message = `columns '${first}' and '${name}' are the same name after lower-casing and trimming`;
      throw sourceFileError(source, 'duplicate_column', message, {
        ...(row === undefined ? {} : { row }),
        column: key,
      });
    }
    seen.set(key, name);
    return key;
  });
}
