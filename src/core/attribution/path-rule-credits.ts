import { creditsByChannel, type PathCredits } from './path-credits.js';
import { parsePathKey } from './path-key.js';
import type { PathSummary } from './path-summary.js';
import { positionWeight, type RuleModel } from './rule-models.js';

/**
 * Position-only rule credits per path summary row (fractribution's last_touch and friends): each
 * position's `positionWeight`, summed per channel; other channels of the path are listed with 0.
 */
export function pathRuleCredits(paths: readonly PathSummary[], model: RuleModel): PathCredits[] {
  return paths.map((row) => {
    const channels = parsePathKey(row.path);
    const shares = channels.map((_c, i) => positionWeight(model, i + 1, channels.length));
    return { ...row, credits: creditsByChannel(channels, shares) };
  });
}
