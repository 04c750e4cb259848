import { ratio } from './ratio.js';

/** The steps from a conversation to a won deal; each counts conversations that reached it. */
export const FUNNEL_STEPS = [
  'conversation',
  'reply',
  'meeting_or_demo',
  'opportunity',
  'closed_won',
] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

export interface FunnelRow {
  readonly step: number;
  readonly name: string;
  readonly count: number;
  /** Share of the previous step that reached this one (1 for the first step). */
  readonly stepRate: number | null;
  /** Share of the first step that reached this one. */
  readonly overallRate: number | null;
  /** How many of the previous step did not reach this one. */
  readonly dropOff: number;
  readonly dropRate: number | null;
}

/**
 * Step rates and drop-off of a funnel from each step's count. Counts must not increase: a
 * conversation reaches a step only through every step before it.
 */
export function funnelRates(steps: readonly { name: string; count: number }[]): FunnelRow[] {
  const first = steps[0]?.count ?? 0;
  return steps.map((s, i) => {
    const previous = i === 0 ? s.count : (steps[i - 1]?.count ?? 0);
    if (s.count > previous)
      throw new RangeError(
        `funnel step ${s.name} (${s.count}) exceeds the step before (${previous})`,
      );
    const stepRate = ratio(s.count, previous);
    return {
      step: i + 1,
      name: s.name,
      count: s.count,
      stepRate,
      overallRate: ratio(s.count, first),
      dropOff: previous - s.count,
      dropRate: stepRate === null ? null : 1 - stepRate,
    };
  });
}
