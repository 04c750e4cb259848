import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../../core/errors.js';
import { ConversationWriter } from './conversation-writer.js';
import { renderDemoConfig } from './demo-config-yaml.js';
import type { DemoContext } from './demo-context.js';
import type { DemoPerson } from './demo-person.js';
import { DemoSinks } from './demo-sinks.js';
import { DEMO_TABLES } from './demo-tables.js';
import { IdentityFactory } from './identity-factory.js';
import { OpportunityWriter } from './opportunity-writer.js';
import { OrderWriter } from './order-writer.js';
import { Prng } from './prng.js';
import { generateAccount } from './saas-account.js';
import { generateShopper } from './shop-journey.js';
import { SpendLedger } from './spend-ledger.js';
import { TouchWriter } from './touch-writer.js';

export interface GenerateOptions {
  /** Approximate number of touchpoints (marketing, sales, web visits, conversations). */
  scale: number;
  seed: number;
  outDir: string;
  /** Called now and then with touchpoints written so far and the scale. */
  onProgress?: (done: number, total: number) => void;
}

export interface DemoDataSummary {
  /** File name → data rows written (headers not counted). */
  files: Record<string, number>;
  configPath: string;
  truthPath: string;
  touchpoints: number;
  /** Orders (both files) plus opportunities. */
  conversions: number;
}

export const SCALE_PRESETS = { small: 10_000, medium: 100_000, large: 1_000_000 } as const;

/** The shop's share of the touchpoints; the SaaS company has the rest. */
const SHOP_SHARE = 0.7;
/** One shopper in forty shares a computer with the shopper before them. */
const HOUSEMATE_EVERY = 40;
const CONFIG_FILE = 'convrev.yaml';

/**
 * Writes the demo data set into `outDir`: CRM, conversations and their events, marketing, sales
 * and web touches, orders, tickets, spend, the identity ground truth and a convrev.yaml that
 * maps it all. The same seed and scale give byte-identical files. Work goes person by person and
 * account by account with streamed output, so memory stays flat up to ten million touchpoints.
 */
export async function generateDemoData(options: GenerateOptions): Promise<DemoDataSummary> {
  const { scale, seed, outDir, onProgress } = options;
  if (!Number.isFinite(scale) || scale < 1)
    throw new UserError(`scale must be a positive number, got ${scale}`);
  if (!Number.isSafeInteger(seed)) throw new UserError(`seed must be an integer, got ${seed}`);

  await mkdir(outDir, { recursive: true });
  const rng = new Prng(seed);
  const companySalt = rng.int(0, 599);
  const sinks = DemoSinks.open(outDir);
  const spend = new SpendLedger(new Prng(seed ^ 0x5eed), scale / 100_000);
  const conversations = new ConversationWriter(rng, sinks);
  const touches = new TouchWriter(rng, sinks, spend, conversations);
  const ctx: DemoContext = {
    rng,
    sinks,
    identities: new IdentityFactory(rng),
    touches,
    conversations,
    orders: new OrderWriter(rng, sinks),
    opportunities: new OpportunityWriter(rng, sinks),
  };

  const shopBudget = Math.round(scale * SHOP_SHARE);
  const saasBudget = Math.round(scale) - shopBudget;
  const share = (done: number, budget: number): number => (budget === 0 ? 1 : done / budget);
  const step = Math.max(1_000, Math.round(scale / 200));
  let nextReport = step;
  let shoppers = 0;
  let accounts = 0;
  let previous: DemoPerson | undefined;
  try {
    while (touches.counts.shop < shopBudget || touches.counts.saas < saasBudget) {
      // Interleave the brands so that a run stopped early has both, and progress is even.
      if (share(touches.counts.shop, shopBudget) <= share(touches.counts.saas, saasBudget)) {
        const housemate = shoppers % HOUSEMATE_EVERY === 13 ? previous : undefined;
        previous = generateShopper(ctx, housemate);
        shoppers += 1;
      } else {
        generateAccount(ctx, accounts, companySalt);
        accounts += 1;
      }
      await sinks.drain();
      if (onProgress !== undefined && touches.total >= nextReport) {
        onProgress(Math.min(touches.total, scale), scale);
        nextReport = touches.total + step;
      }
    }
    spend.write(sinks);
    const files = await sinks.close();
    const configPath = join(outDir, CONFIG_FILE);
    await writeFile(configPath, renderDemoConfig(seed, scale), 'utf8');
    onProgress?.(scale, scale);
    const orderRows =
      (files[DEMO_TABLES.orders.file] ?? 0) + (files[DEMO_TABLES.orders_late.file] ?? 0);
    return {
      files,
      configPath,
      truthPath: join(outDir, DEMO_TABLES.identity_truth.file),
      touchpoints: touches.total,
      conversions: orderRows + (files[DEMO_TABLES.opportunities.file] ?? 0),
    };
  } catch (error) {
    sinks.abort();
    throw error;
  }
}
