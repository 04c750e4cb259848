import { createHash } from 'node:crypto';
import type { AttributionConfig } from '../../core/config/config.js';
import type { Engine } from '../../engine/engine.js';
import { sql } from '../../engine/sql/sql-statement.js';

/**
 * Bumped whenever the way journeys or credits are derived changes, so that a warehouse built by
 * an older convrev is recomputed in full rather than mixed with new results.
 */
const DERIVATION_VERSION = 1;

/**
 * The digest of everything about the settings that journeys and rule-model credits depend on.
 * The data-driven models are left out: their credits are recomputed in full on every run, so
 * adding or dropping one must not recompute every journey.
 */
export function attributionSettingsDigest(config: AttributionConfig): string {
  const { lookbackDays, models, conversions } = config;
  return createHash('sha256')
    .update(
      JSON.stringify({
        version: DERIVATION_VERSION,
        config: { lookbackDays, models, conversions },
      }),
    )
    .digest('hex')
    .slice(0, 32);
}

/** The run's definitions and models, for explain and for whoever reads the warehouse. */
export async function recordAttributionSettings(
  engine: Engine,
  config: AttributionConfig,
): Promise<void> {
  await engine.execute(sql('DELETE FROM conversion_definitions'));
  await engine.execute(sql('DELETE FROM attribution_models'));
  await engine.append(
    'conversion_definitions',
    config.conversions.map((c) => [
      c.name,
      c.outcome,
      c.eventType ?? null,
      c.level,
      'constant' in c.value ? String(c.value.constant) : c.value.field,
      c.lookbackDays,
      c.cycle,
      JSON.stringify(c.eligible),
      c.valueKind,
    ]),
  );
  await engine.append(
    'attribution_models',
    config.models.map((m) => [m.name, m.spec.kind, JSON.stringify(m.spec)]),
  );
}
