import { ratio } from './ratio.js';

/** Days in the average month (365.25 / 12): volumes are scaled to it from any observed span. */
export const DAYS_PER_MONTH = 30.4375;

/** The revenue an RPC change adds at a monthly conversation volume, per month and per year. */
export interface RpcImpact {
  readonly monthly: number;
  readonly annual: number;
}

/** Extra value per month and year if every conversation earned `change` more. */
export function rpcImpact(monthlyConversations: number, change: number): RpcImpact {
  const monthly = monthlyConversations * change;
  return { monthly, annual: monthly * 12 };
}

/**
 * Conversations per average month over an observed span of `days` calendar days (first to last
 * conversation day, inclusive); null when nothing was observed.
 */
export function monthlyVolume(conversations: number, days: number): number | null {
  const perDay = ratio(conversations, days);
  return perDay === null ? null : perDay * DAYS_PER_MONTH;
}
