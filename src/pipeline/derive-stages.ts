import { DEFAULT_IDENTITY, type Config } from '../core/config/config.js';
import { metricsConfigOf } from '../core/metrics/metrics-config.js';
import type { Engine } from '../engine/engine.js';
import {
  attributeConversions,
  type AttributionOutcome,
  type StageRunner,
} from './attribution/attribute-conversions.js';
import { computeMatchRates, describeMatchRates } from './identity/compute-match-rates.js';
import { describeStitch, stitchIdentities } from './identity/stitch-identities.js';
import { computeMetrics } from './metrics/compute-metrics.js';

/**
 * Every stage that derives results from the landing tables, in order: identity, attribution,
 * match rates, metrics. One sequence for a run and for the recompute after an erasure or
 * retention, so the two can never drift apart. Runs inside the caller's transaction.
 */
export async function deriveStages(
  engine: Engine,
  config: Config,
  stage: StageRunner,
): Promise<AttributionOutcome> {
  await stage('identity', async () => {
    const r = await stitchIdentities(engine, config.identity ?? DEFAULT_IDENTITY);
    return { rows: r.persons, detail: describeStitch(r) };
  });
  const attribution = await attributeConversions(engine, config.attribution, stage);
  await stage('match rates', async () => {
    const rates = await computeMatchRates(engine);
    return { rows: rates.length, detail: describeMatchRates(rates) };
  });
  await computeMetrics(engine, metricsConfigOf(config), stage);
  return attribution;
}
