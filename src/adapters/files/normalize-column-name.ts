/**
 * The one spelling of a column name used for lookups: exports disagree on case and stray spaces
 * (`Touch Date ` vs `touch date`), so readers key values by this and mappings look up by it.
 */
export function normalizeColumnName(name: string): string {
  return name.trim().toLowerCase();
}
