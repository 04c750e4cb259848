/**
 * Share of each value among the non-missing values of a field. Used as the u of an exact match on
 * that value: two non-matching records share value v about as often as v occurs.
 */
export function termFrequencies(values: Iterable<string | null>): Map<string, number> {
  const counts = new Map<string, number>();
  let total = 0;
  for (const v of values) {
    if (v === null) continue;
    counts.set(v, (counts.get(v) ?? 0) + 1);
    total++;
  }
  for (const [v, c] of counts) counts.set(v, c / total);
  return counts;
}
