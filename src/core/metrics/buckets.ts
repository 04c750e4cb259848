/**
 * A numeric range of a bucketed measure: values above the previous bucket's `upTo` and at most
 * this one's. The last bucket of a list is open-ended (`upTo` null).
 */
export interface Bucket {
  readonly label: string;
  readonly upTo: number | null;
}

/** Label of conversations that never got a first response. */
export const NO_RESPONSE = 'no response';

/** Days from a journey's first touch to its conversion. */
export const TIME_TO_CONVERSION_BUCKETS: readonly Bucket[] = [
  { label: '≤ 1 day', upTo: 1 },
  { label: '1–3 days', upTo: 3 },
  { label: '3–7 days', upTo: 7 },
  { label: '7–14 days', upTo: 14 },
  { label: '14–30 days', upTo: 30 },
  { label: '30–60 days', upTo: 60 },
  { label: '60–90 days', upTo: 90 },
  { label: '> 90 days', upTo: null },
];

/** The bucket a value falls in: the first whose `upTo` it does not exceed. */
export function bucketOf(value: number, buckets: readonly Bucket[]): Bucket {
  const found = buckets.find((b) => b.upTo === null || value <= b.upTo);
  if (!found) throw new RangeError(`${value} is past the last bucket (${bucketsProblem(buckets)})`);
  return found;
}

/** The lower bound of a bucket: the previous bucket's upper bound, 0 for the first. */
export function lowerBound(buckets: readonly Bucket[], index: number): number {
  return index === 0 ? 0 : (buckets[index - 1]?.upTo ?? 0);
}

/** A duration in seconds as people say it: 90 s, 5 min, 2 h. */
export function formatSeconds(seconds: number): string {
  if (seconds >= 3_600 && seconds % 3_600 === 0) return `${seconds / 3_600} h`;
  if (seconds >= 60 && seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/**
 * First-response-time buckets from their upper bounds in seconds (`[60, 300]` → ≤ 1 min,
 * 1 min–5 min, > 5 min): the speed-to-lead buckets.
 */
export function responseTimeBuckets(boundsSeconds: readonly number[]): Bucket[] {
  const sorted = [...boundsSeconds].sort((a, b) => a - b);
  const out: Bucket[] = sorted.map((upTo, i) => ({
    label:
      i === 0
        ? `≤ ${formatSeconds(upTo)}`
        : `${formatSeconds(sorted[i - 1] ?? 0)}–${formatSeconds(upTo)}`,
    upTo,
  }));
  const last = sorted[sorted.length - 1];
  out.push({ label: last === undefined ? 'any' : `> ${formatSeconds(last)}`, upTo: null });
  return out;
}

/** What is wrong with a bucket list, or '' when bounds strictly increase and only the last is open. */
export function bucketsProblem(buckets: readonly Bucket[]): string {
  if (buckets.length === 0) return 'no buckets';
  for (let i = 0; i < buckets.length; i += 1) {
    const upTo = buckets[i]?.upTo;
    const last = i === buckets.length - 1;
    if (upTo === null && !last) return `bucket ${i + 1} is open-ended but not last`;
    if (upTo === null || upTo === undefined) continue;
    if (i > 0 && upTo <= lowerBound(buckets, i)) return `bucket ${i + 1} does not increase`;
  }
  return buckets[buckets.length - 1]?.upTo === null ? '' : 'the last bucket must be open-ended';
}
