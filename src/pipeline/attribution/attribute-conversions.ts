import type { AttributionConfig } from '../../core/config/config.js';
import type { Engine } from '../../engine/engine.js';
import { buildConversionsSql } from '../../engine/sql/conversions-sql.js';
import { buildCreditsSql } from '../../engine/sql/credits-sql.js';
import { buildJourneysSql } from '../../engine/sql/journeys-sql.js';
import { sql } from '../../engine/sql/sql-statement.js';
import { buildChannelAttributionSql, buildSummarySql } from '../../engine/sql/summary-sql.js';
import { buildTouchpointsSql } from '../../engine/sql/touchpoints-sql.js';
import { refreshStatistics } from '../refresh-statistics.js';
import { creditDataDrivenModels } from './data-driven-credits.js';

export type StageRunner = (
  name: string,
  work: () => Promise<{ rows: number; detail?: string }>,
) => Promise<void>;

async function count(engine: Engine, table: string): Promise<number> {
  await refreshStatistics(engine, [table]);
  const [row] = await engine.query(
    sql(`SELECT COUNT(*) AS n FROM ${engine.dialect.quoteIdentifier(table)}`),
  );
  return Number(row?.n ?? 0);
}

/**
 * Touches and conversions to journeys to credits to the summary, each a stage of the run. Each
 * stage counts the table it wrote, refreshing its statistics first where the engine needs it.
 */
export async function attributeConversions(
  engine: Engine,
  config: AttributionConfig,
  stage: StageRunner,
): Promise<void> {
  const d = engine.dialect;
  await stage('touchpoints', async () => {
    await engine.execute(buildTouchpointsSql(d));
    return { rows: await count(engine, 'touchpoints') };
  });
  await stage('conversions', async () => {
    await engine.execute(buildConversionsSql(d, config.conversions));
    return { rows: await count(engine, 'conversions'), detail: config.conversions.join(', ') };
  });
  await stage('journeys', async () => {
    await engine.execute(buildJourneysSql(d, config.lookbackDays));
    return {
      rows: await count(engine, 'journeys'),
      detail: `lookback ${config.lookbackDays} days`,
    };
  });
  await stage('credits', async () => {
    for (const model of config.models) await engine.execute(buildCreditsSql(d, model));
    return { rows: await count(engine, 'credits'), detail: config.models.join(', ') };
  });
  const dataDriven = config.dataDriven ?? [];
  await stage('data-driven credits', () =>
    creditDataDrivenModels(engine, dataDriven, config.lookbackDays),
  );
  await stage('summary', async () => {
    await engine.execute(buildSummarySql(d, [...config.models, ...dataDriven.map((m) => m.name)]));
    await engine.execute(buildChannelAttributionSql());
    return { rows: await count(engine, 'channel_attribution') };
  });
}
