import type { AttributionConfig } from '../../core/config/config.js';
import type { Engine } from '../../engine/engine.js';
import { deleteOtherModelsSql } from '../../engine/sql/attribution-state-sql.js';
import { buildRuleCreditsSql } from '../../engine/sql/rule-credits-sql.js';
import { withWriteSettings } from '../with-bulk-text-writes.js';

/**
 * The credits stage of the rule-based models: drops the credits of models no longer configured
 * (and of those other stages recompute), then credits the journeys due for recompute under
 * every configured rule model. The journeys stage must have run. Its rows repeat their text (a
 * conversion's id on every touch and model, a touch's on every model): written under the
 * engine's settings for such writes.
 */
export async function creditRuleModels(engine: Engine, config: AttributionConfig): Promise<void> {
  const d = engine.dialect;
  await engine.execute(
    deleteOtherModelsSql(
      d,
      config.models.map((m) => m.name),
    ),
  );
  await withWriteSettings(engine, d.repeatedTextWrites, async () => {
    for (const statement of buildRuleCreditsSql(d, config.models)) await engine.execute(statement);
  });
}
