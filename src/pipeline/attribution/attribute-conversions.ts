import type { AttributionConfig } from '../../core/config/config.js';
import type { Engine } from '../../engine/engine.js';
import { buildConversionsSql } from '../../engine/sql/conversions-sql.js';
import { buildChannelAttributionSql, buildSummarySql } from '../../engine/sql/summary-sql.js';
import { buildTouchpointsSql } from '../../engine/sql/touchpoints-sql.js';
import { creditRuleModels } from './credit-rule-models.js';
import { creditDataDrivenModels } from './data-driven-credits.js';
import { countRows, deriveJourneys } from './derive-journeys.js';
import { recordAttributionSettings } from './record-attribution-settings.js';

export type StageRunner = (
  name: string,
  work: () => Promise<{ rows: number; detail?: string }>,
) => Promise<void>;

/** What the attribution stages did, for the run record. */
export interface AttributionOutcome {
  /** Journeys (one per conversion) derived afresh this run; the others were kept. */
  readonly recomputedJourneys: number;
  readonly conversions: number;
}

/**
 * Touches and conversions to journeys to credits to the summary, each a stage of the run.
 * Touches and conversions are derived in full; journeys and credits only for the conversions
 * whose person or account (or own) inputs changed since the last run, or for all of them when
 * the attribution settings changed. Each stage counts the table it wrote, refreshing its
 * statistics first where the engine needs it.
 */
export async function attributeConversions(
  engine: Engine,
  config: AttributionConfig,
  stage: StageRunner,
): Promise<AttributionOutcome> {
  const d = engine.dialect;
  const models = config.models.map((m) => m.name);
  let conversions = 0;
  let recomputed = 0;
  await stage('touchpoints', async () => {
    await engine.execute(buildTouchpointsSql(d));
    return { rows: await countRows(engine, 'touchpoints') };
  });
  await stage('conversions', async () => {
    await engine.execute(buildConversionsSql(d, config.conversions));
    await recordAttributionSettings(engine, config);
    conversions = await countRows(engine, 'conversions');
    return { rows: conversions, detail: config.conversions.map((c) => c.name).join(', ') };
  });
  await stage('journeys', async () => {
    const outcome = await deriveJourneys(engine, config);
    recomputed = outcome.recomputed;
    const windows = [...new Set(config.conversions.map((c) => c.lookbackDays))].join('/');
    return {
      rows: await countRows(engine, 'journeys'),
      detail: `recomputed ${recomputed} of ${conversions} journeys${outcome.everything ? ' (settings changed: all)' : ''}, lookback ${windows} days`,
    };
  });
  await stage('credits', async () => {
    await creditRuleModels(engine, config);
    return { rows: await countRows(engine, 'credits'), detail: models.join(', ') };
  });
  const dataDriven = config.dataDriven ?? [];
  await stage('data-driven credits', () =>
    creditDataDrivenModels(engine, dataDriven, config.lookbackDays),
  );
  await stage('summary', async () => {
    await engine.execute(buildSummarySql(d, [...models, ...dataDriven.map((m) => m.name)]));
    await engine.execute(buildChannelAttributionSql(d));
    return { rows: await countRows(engine, 'channel_attribution') };
  });
  return { recomputedJourneys: recomputed, conversions };
}
