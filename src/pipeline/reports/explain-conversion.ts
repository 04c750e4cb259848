import { UserError } from '../../core/errors.js';
import type { Engine, Row, RowValue } from '../../engine/engine.js';
import { explainConversionSql, explainCreditsSql } from '../../engine/sql/explain-sql.js';

export interface ConversionExplanation {
  readonly conversion: Row;
  /** The journey in credit order, each touch with its credit fraction per model. */
  readonly touches: readonly Row[];
  readonly models: readonly string[];
}

/** A conversion, its journey and each touch's credit under each model: the audit trail of a figure. */
export async function explainConversion(
  engine: Engine,
  conversionId: string,
): Promise<ConversionExplanation> {
  const [conversion] = await engine.query(explainConversionSql(conversionId));
  if (!conversion)
    throw new UserError(
      `no conversion with id "${conversionId}" (ids look like order:123 or closed_won:OPP-9)`,
    );
  const credits = await engine.query(explainCreditsSql(conversionId));
  const models = [
    ...new Set(credits.map((c) => String(c.model)).filter((m) => m !== 'null')),
  ].sort();
  const byTouch = new Map<string, Record<string, RowValue>>();
  for (const c of credits) {
    const id = String(c.touchpoint_id);
    const touch: Record<string, RowValue> = byTouch.get(id) ?? {
      position: c.position ?? null,
      occurred_at: c.occurred_at ?? null,
      touchpoint_id: id,
      touchpoint_type: c.touchpoint_type ?? null,
      channel: c.channel ?? null,
      campaign: c.campaign ?? null,
      direct: c.is_direct ?? null,
    };
    if (c.model !== null) touch[String(c.model)] = c.fraction ?? null;
    byTouch.set(id, touch);
  }
  return { conversion, touches: [...byTouch.values()], models };
}
