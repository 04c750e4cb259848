import type { CreditableTouch } from './model-spec.js';

/**
 * W-shaped weights of touches in journey order (unnormalised). The milestones are the first touch,
 * the first touch flagged `createsLead` and the first flagged `createsOpportunity`; each distinct
 * milestone touch earns `milestoneShare` (0.3) and the other touches split 1 − 3 × share (0.1).
 *
 * Missing or coinciding milestones: a touch that is several milestones counts once, a missing one
 * counts not at all, and the weights are renormalised by the caller. So first-only with 4 others
 * is 0.3 : 0.025 × 4 → 75 % / 6.25 % each; three milestones and nothing else → 1/3 each; first =
 * lead, opportunity elsewhere, 3 others → 0.3, 0.3, 0.1/3 × 3 → 42.9 %, 42.9 %, 4.8 % each.
 */
export function wShapedWeights(
  touches: readonly CreditableTouch[],
  milestoneShare: number,
): number[] {
  const milestones = new Set<number>(touches.length > 0 ? [0] : []);
  const lead = touches.findIndex((t) => t.createsLead === true);
  if (lead >= 0) milestones.add(lead);
  const opportunity = touches.findIndex((t) => t.createsOpportunity === true);
  if (opportunity >= 0) milestones.add(opportunity);
  const others = touches.length - milestones.size;
  const rest = others > 0 ? Math.max(0, 1 - 3 * milestoneShare) / others : 0;
  return touches.map((_t, i) => (milestones.has(i) ? milestoneShare : rest));
}
