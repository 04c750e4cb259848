import type { Engine, Row } from '../../engine/engine.js';
import { valueKindOrder } from '../../engine/sql/report-sql.js';
import { sql } from '../../engine/sql/sql-statement.js';

/** One model's headline figures of one value kind, as the summary stage stored them. */
export interface ModelSummary {
  readonly model: string;
  /** revenue, pipeline or savings: each kind is its own row, never added to another. */
  readonly valueKind: string;
  readonly conversions: number;
  readonly attributedConversions: number;
  readonly unattributedConversions: number;
  readonly totalValue: number;
  readonly attributedValue: number;
  readonly unattributedValue: number;
  readonly conversations: number;
  readonly conversationValue: number;
  /** Null when there were no conversations: a rate over nothing is undefined, not zero. */
  readonly revenuePerConversation: number | null;
}

/** The summary table as stored, one row per model and value kind, for reports. */
export function summaryRows(engine: Engine): Promise<Row[]> {
  return engine.query(
    sql(
      `SELECT * FROM attribution_summary ORDER BY ${engine.dialect.byteOrder('model')}, ${valueKindOrder('value_kind')}`,
    ),
  );
}

export async function readSummary(engine: Engine): Promise<ModelSummary[]> {
  const rows = await summaryRows(engine);
  return rows.map((r) => ({
    model: String(r.model),
    valueKind: String(r.value_kind),
    conversions: Number(r.conversions),
    attributedConversions: Number(r.attributed_conversions),
    unattributedConversions: Number(r.unattributed_conversions),
    totalValue: Number(r.total_value),
    attributedValue: Number(r.attributed_value),
    unattributedValue: Number(r.unattributed_value),
    conversations: Number(r.conversations),
    conversationValue: Number(r.conversation_value),
    revenuePerConversation:
      r.revenue_per_conversation === null ? null : Number(r.revenue_per_conversation),
  }));
}
