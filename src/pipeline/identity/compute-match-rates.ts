import type { Engine } from '../../engine/engine.js';
import { buildMatchRatesSql, readMatchRatesSql } from '../../engine/sql/match-rates-sql.js';

export interface MatchRate {
  readonly rate: string;
  readonly matched: number;
  readonly total: number;
  /** matched / total; null when there is nothing to match. */
  readonly share: number | null;
}

/** Writes identity_match_rates for this run (after attribution) and returns the rates. */
export async function computeMatchRates(engine: Engine): Promise<MatchRate[]> {
  await engine.execute(buildMatchRatesSql(engine.dialect));
  return (await engine.query(readMatchRatesSql())).map((r) => ({
    rate: String(r.rate),
    matched: Number(r.matched),
    total: Number(r.total),
    share: r.share === null ? null : Number(r.share),
  }));
}

const LABEL: Readonly<Record<string, string>> = {
  conversations_on_contact: 'conversations on a CRM contact',
  orders_on_person: 'orders on a person',
  conversions_with_touch: 'conversions with a touch',
};

/** The stage line: `conversations on a CRM contact 41.2% (120/291), ...`. */
export function describeMatchRates(rates: readonly MatchRate[]): string {
  return rates
    .map(
      (r) =>
        `${LABEL[r.rate] ?? r.rate} ${r.share === null ? 'n/a' : `${(100 * r.share).toFixed(1)}%`} (${r.matched}/${r.total})`,
    )
    .join(', ');
}
