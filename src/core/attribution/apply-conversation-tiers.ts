import { conversationRevenueShare, type ConversationTiers } from './conversation-revenue-tiers.js';
import type { CreditableTouch } from './model-spec.js';

/**
 * The tier touch of an ordered journey: the last directly linked conversation touch, else the
 * last conversation touch; −1 when the journey has none.
 */
export function tierTouchIndex(ordered: readonly CreditableTouch[]): number {
  let latest = -1;
  let direct = -1;
  ordered.forEach((t, i) => {
    if (t.touchType !== 'conversation') return;
    latest = i;
    if (t.isDirect === true) direct = i;
  });
  return direct >= 0 ? direct : latest;
}

/**
 * Scales a model's fractions (in place) by 1 − S and gives the tier touch S more, S being the
 * share its conversation earns of a purchase at `conversionAt` under `tiers`. The sum stays 1.
 */
export function applyConversationTiers(
  fractions: number[],
  ordered: readonly CreditableTouch[],
  conversionAt: number,
  tiers: ConversationTiers,
): void {
  const k = tierTouchIndex(ordered);
  const touch = ordered[k];
  if (!touch) return;
  const share = conversationRevenueShare(
    {
      startedAt: touch.occurredAt,
      endedAt: Math.max(touch.endedAt ?? touch.occurredAt, touch.occurredAt),
    },
    conversionAt,
    tiers,
  );
  for (let i = 0; i < fractions.length; i++)
    fractions[i] = (1 - share) * (fractions[i] ?? 0) + (i === k ? share : 0);
}
