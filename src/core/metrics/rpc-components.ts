import { ratio } from './ratio.js';

/**
 * The value streams of comprehensive revenue per conversation, in waterfall order: what a
 * conversation sold, what it saved, what its leads are expected to bring, what it kept.
 */
export const RPC_COMPONENTS = [
  'direct_sales',
  'cost_savings',
  'lead_capture',
  'retention',
] as const;
export type RpcComponent = (typeof RPC_COMPONENTS)[number];

export type RpcComponentValues = Readonly<Record<RpcComponent, number>>;

/** Basic RPC: attributed (direct sales) revenue over conversations; null with no conversations. */
export function basicRpc(directSales: number, conversations: number): number | null {
  return ratio(directSales, conversations);
}

/** Comprehensive RPC: every component's value over conversations; null with no conversations. */
export function comprehensiveRpc(values: RpcComponentValues, conversations: number): number | null {
  return ratio(totalValue(values), conversations);
}

export function totalValue(values: RpcComponentValues): number {
  return RPC_COMPONENTS.reduce((sum, c) => sum + values[c], 0);
}

/** One bar of the revenue waterfall: a component, or the closing total. */
export interface WaterfallStep {
  readonly step: number;
  readonly component: RpcComponent | 'total';
  readonly value: number;
  readonly perConversation: number | null;
  /** RPC after this bar: the running sum of the components so far, per conversation. */
  readonly cumulativePerConversation: number | null;
  /** This bar's part of the total value; null when the total is 0. */
  readonly share: number | null;
}

/** The revenue waterfall: each component stacked on the ones before it, then the total. */
export function rpcWaterfall(values: RpcComponentValues, conversations: number): WaterfallStep[] {
  const total = totalValue(values);
  let running = 0;
  const steps: WaterfallStep[] = RPC_COMPONENTS.map((component, i) => {
    running += values[component];
    return {
      step: i + 1,
      component,
      value: values[component],
      perConversation: ratio(values[component], conversations),
      cumulativePerConversation: ratio(running, conversations),
      share: ratio(values[component], total),
    };
  });
  steps.push({
    step: RPC_COMPONENTS.length + 1,
    component: 'total',
    value: total,
    perConversation: ratio(total, conversations),
    cumulativePerConversation: ratio(total, conversations),
    share: total === 0 ? null : 1,
  });
  return steps;
}
