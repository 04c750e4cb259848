import { DAY_MS, DEMO_END, isoUtc } from './demo-clock.js';
import type { DemoSinks } from './demo-sinks.js';
import type { Prng } from './prng.js';

export type Segment = 'SMB' | 'mid-market' | 'enterprise';

/** Deal size, sales-cycle length (days) and win rate by segment. */
const SEGMENT_DEALS: Record<Segment, { amount: number; cycleDays: number; winRate: number }> = {
  SMB: { amount: 12_000, cycleDays: 35, winRate: 0.32 },
  'mid-market': { amount: 48_000, cycleDays: 70, winRate: 0.27 },
  enterprise: { amount: 180_000, cycleDays: 110, winRate: 0.22 },
};

const OPEN_STAGES = ['qualification', 'discovery', 'proposal', 'negotiation'] as const;

/**
 * Writes CRM opportunities. A deal closes after a segment-typical cycle, won or lost; one whose
 * cycle runs past the end of the demo year is still open, at a stage matching how far it got.
 */
export class OpportunityWriter {
  private opportunities = 0;

  constructor(
    private readonly rng: Prng,
    private readonly sinks: DemoSinks,
  ) {}

  write(
    accountId: string,
    segment: Segment,
    contactId: string | undefined,
    createdAt: number,
  ): void {
    const { rng } = this;
    const deal = SEGMENT_DEALS[segment];
    this.opportunities += 1;
    const cycle = rng.logNormal(deal.cycleDays, 0.4) * DAY_MS;
    const closedAt = createdAt + cycle;
    const open = closedAt >= DEMO_END;
    const won = !open && rng.chance(deal.winRate);
    const progress = Math.min(0.99, (DEMO_END - createdAt) / cycle);
    const stage = open
      ? (OPEN_STAGES[Math.floor(progress * OPEN_STAGES.length)] ?? 'qualification')
      : won
        ? 'closed_won'
        : 'closed_lost';
    // Quotes are rounded to the hundred, as sales teams write them.
    const amount = Math.max(1_000, Math.round(rng.logNormal(deal.amount, 0.5) / 100) * 100);
    this.sinks.write('opportunities', {
      opportunity_id: `opp_${String(this.opportunities).padStart(7, '0')}`,
      account_id: accountId,
      contact_id: contactId,
      amount: amount.toFixed(2),
      stage,
      created_at: isoUtc(createdAt),
      closed_at: open ? undefined : isoUtc(closedAt),
      is_won: open ? undefined : won,
      segment,
    });
  }
}
