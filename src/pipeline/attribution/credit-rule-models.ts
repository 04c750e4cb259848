import type { AttributionConfig } from '../../core/config/config.js';
import type { Engine } from '../../engine/engine.js';
import { deleteOtherModelsSql } from '../../engine/sql/attribution-state-sql.js';
import { buildRuleCreditsSql } from '../../engine/sql/rule-credits-sql.js';

/**
 * The credits stage of the rule-based models: drops the credits of models no longer configured
 * (and of those other stages recompute), then credits the journeys due for recompute under
 * every configured rule model. The journeys stage must have run.
 */
export async function creditRuleModels(engine: Engine, config: AttributionConfig): Promise<void> {
  const d = engine.dialect;
  await engine.execute(
    deleteOtherModelsSql(
      d,
      config.models.map((m) => m.name),
    ),
  );
  for (const statement of buildRuleCreditsSql(d, config.models)) await engine.execute(statement);
}
