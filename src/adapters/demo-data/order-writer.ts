import { isoWithOffset } from './demo-clock.js';
import type { IdentifierCells } from './demo-person.js';
import type { DemoSinks } from './demo-sinks.js';
import type { Prng } from './prng.js';

/** Typical item prices per category (median, spread of a log-normal); gift cards come in steps. */
const CATEGORIES = {
  apparel: { weight: 0.3, median: 48, sigma: 0.45 },
  footwear: { weight: 0.14, median: 92, sigma: 0.35 },
  electronics: { weight: 0.12, median: 185, sigma: 0.7 },
  home: { weight: 0.16, median: 64, sigma: 0.6 },
  beauty: { weight: 0.14, median: 29, sigma: 0.4 },
  accessories: { weight: 0.1, median: 38, sigma: 0.5 },
  gift_cards: { weight: 0.04, median: 50, sigma: 0 },
} as const;
type Category = keyof typeof CATEGORIES;
const WEIGHTS = Object.fromEntries(
  Object.entries(CATEGORIES).map(([k, v]) => [k, v.weight]),
) as Record<Category, number>;
const GIFT_CARD_VALUES = [25, 50, 100, 150] as const;

// Every 25th order comes from a marketplace feed that syncs days later: the late-orders source.
const LATE_EVERY = 25;

/** Writes shop orders; the order system exports local time of its US East warehouse. */
export class OrderWriter {
  private orders = 0;

  constructor(
    private readonly rng: Prng,
    private readonly sinks: DemoSinks,
  ) {}

  /** Writes one order; returns its id. */
  write(placedAt: number, conversationId: string | undefined, ids: IdentifierCells): string {
    const { rng } = this;
    this.orders += 1;
    const id = `ord_${String(this.orders).padStart(8, '0')}`;
    const category = rng.weighted(WEIGHTS);
    const spec = CATEGORIES[category];
    const quantity = category === 'gift_cards' ? 1 : rng.weighted({ 1: 0.74, 2: 0.19, 3: 0.07 });
    const unit =
      category === 'gift_cards'
        ? rng.pick(GIFT_CARD_VALUES)
        : Math.max(4.99, rng.logNormal(spec.median, spec.sigma));
    // Retail prices end in .99 or .00; the total is what the customer paid.
    const price =
      category === 'gift_cards' ? unit : Math.floor(unit) + (rng.chance(0.8) ? 0.99 : 0);
    const amount = price * Number(quantity);
    this.sinks.write(this.orders % LATE_EVERY === 7 ? 'orders_late' : 'orders', {
      order_id: id,
      placed_at: isoWithOffset(placedAt, 'us_eastern'),
      amount: amount.toFixed(2),
      currency: 'USD',
      product_category: category,
      conversation_id: conversationId,
      anonymous_id: ids.anonymous_id,
      user_id: ids.user_id,
      email: ids.email,
      phone: ids.phone,
    });
    return id;
  }
}
