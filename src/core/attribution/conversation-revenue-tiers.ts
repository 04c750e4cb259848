import type { Problem } from '../errors.js';
import { attributionProblem, throwIfProblems } from './attribution-error.js';
import { DAY_MS } from './lookback-window.js';

export const MINUTE_MS = 60_000;

/** A purchase at most `withinMs` after the conversation ended earns `share` of its revenue. */
export interface ConversationTier {
  readonly withinMs: number;
  readonly share: number;
}

/** Time-tiered credit from a conversation to a purchase. */
export interface ConversationTiers {
  /** Share of a purchase made while the conversation was open (start and end inclusive). */
  readonly duringSession: number;
  /** After the end, by strictly increasing `withinMs`; past the last tier the share is 0. */
  readonly afterEnd: readonly ConversationTier[];
}

/** During the session 100 %, ≤ 30 min after 90 %, ≤ 24 h 60 %, ≤ 7 days 30 %, later 0. */
export const DEFAULT_CONVERSATION_TIERS: ConversationTiers = {
  duringSession: 1,
  afterEnd: [
    { withinMs: 30 * MINUTE_MS, share: 0.9 },
    { withinMs: DAY_MS, share: 0.6 },
    { withinMs: 7 * DAY_MS, share: 0.3 },
  ],
};

/**
 * Share of a purchase's revenue a conversation earns. Every tier's upper bound is inclusive: a
 * purchase exactly 30 minutes after the end is still in the 90 % tier, a millisecond later in the
 * 60 % one. A purchase before the conversation started earns 0 (the conversation cannot have led
 * to it). An open conversation is passed with `endedAt` = the last moment known.
 */
export function conversationRevenueShare(
  conversation: { readonly startedAt: number; readonly endedAt: number },
  purchaseAt: number,
  tiers: ConversationTiers = DEFAULT_CONVERSATION_TIERS,
): number {
  throwIfProblems(validateConversationTiers(tiers));
  const { startedAt, endedAt } = conversation;
  if (!(endedAt >= startedAt))
    throwIfProblems([
      attributionProblem('conversation.ends_before_start', 'ends before it starts', 'endedAt'),
    ]);
  if (purchaseAt < startedAt) return 0;
  if (purchaseAt <= endedAt) return tiers.duringSession;
  const gap = purchaseAt - endedAt;
  for (const tier of tiers.afterEnd) if (gap <= tier.withinMs) return tier.share;
  return 0;
}

/** Everything wrong with a tier table, as values. */
export function validateConversationTiers(tiers: ConversationTiers): Problem[] {
  const problems: Problem[] = [];
  if (!isShare(tiers.duringSession))
    problems.push(
      attributionProblem('tiers.share', 'duringSession must be between 0 and 1', 'duringSession'),
    );
  let previous = 0;
  tiers.afterEnd.forEach((tier, i) => {
    const field = `afterEnd[${i}]`;
    if (!(Number.isFinite(tier.withinMs) && tier.withinMs > previous))
      problems.push(
        attributionProblem('tiers.order', 'withinMs must be positive and increasing', field),
      );
    if (!isShare(tier.share))
      problems.push(attributionProblem('tiers.share', 'share must be between 0 and 1', field));
    previous = tier.withinMs;
  });
  return problems;
}

function isShare(x: number): boolean {
  return Number.isFinite(x) && x >= 0 && x <= 1;
}
