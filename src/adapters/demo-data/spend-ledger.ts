import { CAMPAIGNS, type Campaign } from './campaigns.js';
import { DAY_MS, DEMO_DAYS, DEMO_START, isoDay } from './demo-clock.js';
import type { DemoSinks } from './demo-sinks.js';
import type { Prng } from './prng.js';

/**
 * Counts attributable touches per campaign and day while journeys are generated, then writes
 * daily spend that follows them: cost per touch times touches, plus any fixed daily cost. Spend
 * thereby scales with the data and ROI comes out plausible at every scale. Memory is one counter
 * per campaign-day, whatever the scale.
 */
export class SpendLedger {
  private readonly touches = new Uint32Array(CAMPAIGNS.length * DEMO_DAYS);

  constructor(
    private readonly rng: Prng,
    /** Multiplier of the fixed daily costs: scale / 100k. */
    private readonly baseFactor: number,
  ) {}

  record(campaign: Campaign, day: number): void {
    const slot = campaign.index * DEMO_DAYS + day;
    this.touches[slot] = (this.touches[slot] ?? 0) + 1;
  }

  /** One row per campaign and day it ran with a cost; campaigns without cost (organic) have none. */
  write(sinks: DemoSinks): void {
    for (let day = 0; day < DEMO_DAYS; day += 1) {
      const date = isoDay(DEMO_START + day * DAY_MS);
      for (const campaign of CAMPAIGNS) {
        if (day < campaign.from || day > campaign.to) continue;
        if (campaign.costPerTouch === 0 && campaign.dailyBase === 0) continue;
        const count = this.touches[campaign.index * DEMO_DAYS + day] ?? 0;
        const variable = count * campaign.costPerTouch * this.rng.between(0.85, 1.15);
        const fixed = campaign.dailyBase * this.baseFactor * this.rng.between(0.9, 1.1);
        // Ads that ran without a click still cost a little (impressions).
        const floor =
          count === 0 ? campaign.costPerTouch * this.rng.between(0.2, 1) * this.baseFactor : 0;
        const amount = Math.round((variable + fixed + floor) * 100) / 100;
        sinks.write('spend', {
          day: date,
          channel: campaign.channel,
          campaign: campaign.name,
          amount: amount.toFixed(2),
        });
      }
    }
  }
}
