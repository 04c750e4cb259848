import type { AttributionConfig } from '../../core/config/config.js';
import type { Engine } from '../../engine/engine.js';
import {
  buildDigestsSql,
  buildRecomputeSql,
  deleteOtherModelsSql,
  deleteStaleSql,
  saveFingerprintsSql,
  storedSettingsDigestSql,
} from '../../engine/sql/attribution-state-sql.js';
import { buildConversionsSql } from '../../engine/sql/conversions-sql.js';
import { buildCreditsSql } from '../../engine/sql/credits-sql.js';
import { buildJourneysSql } from '../../engine/sql/journeys-sql.js';
import { sql } from '../../engine/sql/sql-statement.js';
import { buildChannelAttributionSql, buildSummarySql } from '../../engine/sql/summary-sql.js';
import { buildTouchpointsSql } from '../../engine/sql/touchpoints-sql.js';
import { refreshStatistics } from '../refresh-statistics.js';
import {
  attributionSettingsDigest,
  recordAttributionSettings,
} from './record-attribution-settings.js';
import { creditDataDrivenModels } from './data-driven-credits.js';

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

async function count(engine: Engine, table: string): Promise<number> {
  await refreshStatistics(engine, [table]);
  const [row] = await engine.query(
    sql(`SELECT COUNT(*) AS n FROM ${engine.dialect.quoteIdentifier(table)}`),
  );
  return Number(row?.n ?? 0);
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
    return { rows: await count(engine, 'touchpoints') };
  });
  await stage('conversions', async () => {
    await engine.execute(buildConversionsSql(d, config.conversions));
    await recordAttributionSettings(engine, config);
    conversions = await count(engine, 'conversions');
    return { rows: conversions, detail: config.conversions.map((c) => c.name).join(', ') };
  });
  await stage('journeys', async () => {
    const digest = attributionSettingsDigest(config);
    const [stored] = await engine.query(storedSettingsDigestSql(d));
    const everything = stored?.fingerprint !== digest;
    for (const table of ['attribution_digests', 'attribution_recompute'])
      await engine.execute(sql(`DELETE FROM ${d.quoteIdentifier(table)}`));
    await engine.execute(buildDigestsSql(d));
    await engine.execute(buildRecomputeSql(everything));
    await refreshStatistics(engine, ['attribution_digests', 'attribution_recompute']);
    recomputed = await count(engine, 'attribution_recompute');
    await engine.execute(deleteStaleSql(d, 'journeys'));
    await engine.execute(deleteStaleSql(d, 'credits'));
    const milestones = config.models.some((m) => m.spec.kind === 'w_shaped');
    for (const def of config.conversions)
      await engine.execute(buildJourneysSql(d, def, milestones));
    for (const statement of saveFingerprintsSql(d, digest)) await engine.execute(statement);
    const windows = [...new Set(config.conversions.map((c) => c.lookbackDays))].join('/');
    return {
      rows: await count(engine, 'journeys'),
      detail: `recomputed ${recomputed} of ${conversions} journeys${everything ? ' (settings changed: all)' : ''}, lookback ${windows} days`,
    };
  });
  await stage('credits', async () => {
    await engine.execute(deleteOtherModelsSql(d, models));
    for (const model of config.models) await engine.execute(buildCreditsSql(d, model));
    return { rows: await count(engine, 'credits'), detail: models.join(', ') };
  });
  const dataDriven = config.dataDriven ?? [];
  await stage('data-driven credits', () =>
    creditDataDrivenModels(engine, dataDriven, config.lookbackDays),
  );
  await stage('summary', async () => {
    await engine.execute(buildSummarySql(d, [...models, ...dataDriven.map((m) => m.name)]));
    await engine.execute(buildChannelAttributionSql());
    return { rows: await count(engine, 'channel_attribution') };
  });
  return { recomputedJourneys: recomputed, conversions };
}
