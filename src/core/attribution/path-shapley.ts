import { attributionProblem, throwIfProblems } from './attribution-error.js';
import { creditsByChannel, type PathCredits } from './path-credits.js';
import { parsePathKey, PATH_SEPARATOR } from './path-key.js';
import type { PathSummary } from './path-summary.js';

/**
 * The simplified path Shapley of fractribution, for every row of a path summary:
 * p(path) = conversions / (conversions + non-conversions), 0 for a path not in the summary. A
 * one-touch path gives its touch everything; otherwise touch i's marginal is
 * max(0, p(path) − p(path without position i)), the counterfactual looked up as it is (not
 * re-transformed), and marginals are normalised to sum to 1 — all zero, the last touch gets 1.
 * Repeated channels add up. Path keys must be unique (summarisePaths guarantees it).
 */
export function pathShapleyCredits(paths: readonly PathSummary[]): PathCredits[] {
  const sharesOf = pathShapleyPositionShares(paths);
  return paths.map((row) => {
    const channels = parsePathKey(row.path);
    return { ...row, credits: creditsByChannel(channels, sharesOf(channels)) };
  });
}

/**
 * The same shares per position of a path (before repeated channels are added up), as a function
 * of the path, with the conversion probabilities of `paths`: what the pipeline hands to touches.
 */
export function pathShapleyPositionShares(
  paths: readonly PathSummary[],
): (channels: readonly string[]) => number[] {
  const probability = new Map<string, number>();
  for (const p of paths) {
    if (probability.has(p.path))
      throwIfProblems([
        attributionProblem('path.duplicate', `path ${p.path} appears twice in the summary`, 'path'),
      ]);
    const seen = p.conversions + p.nonConversions;
    probability.set(p.path, seen > 0 ? p.conversions / seen : 0);
  }
  const p = (channels: readonly string[]) => probability.get(channels.join(PATH_SEPARATOR)) ?? 0;
  return (channels) => shapleyShares(channels, p);
}

function shapleyShares(
  channels: readonly string[],
  p: (channels: readonly string[]) => number,
): number[] {
  const n = channels.length;
  if (n <= 1) return channels.map(() => 1);
  const whole = p(channels);
  const marginals = channels.map((_c, i) =>
    Math.max(0, whole - p([...channels.slice(0, i), ...channels.slice(i + 1)])),
  );
  let sum = 0;
  for (const m of marginals) sum += m;
  if (sum > 0) return marginals.map((m) => m / sum);
  return channels.map((_c, i) => (i === n - 1 ? 1 : 0));
}
