import { pathKey } from './path-key.js';

/** Journeys that followed one path: the row the data-driven models read (fractribution's form). */
export interface PathSummary {
  /** `A > B > C`; '' for journeys with no eligible touch (unattributed). */
  readonly path: string;
  readonly conversions: number;
  readonly nonConversions: number;
  /** Revenue of the conversions on this path (0 when none). */
  readonly revenue: number;
}

/** One journey: a conversion with its revenue, or a customer who did not convert. */
export interface PathJourney {
  readonly path: readonly string[];
  readonly converted: boolean;
  /** Ignored for a journey that did not convert. */
  readonly revenue?: number | undefined;
}

/**
 * Journeys counted per path, sorted by path key (plain code-unit order) so that the same journeys
 * always give the same rows. The empty path is kept as '' so its conversions can be reported as
 * unattributed; the models skip it.
 */
export function summarisePaths(journeys: Iterable<PathJourney>): PathSummary[] {
  const byKey = new Map<string, { conversions: number; nonConversions: number; revenue: number }>();
  for (const j of journeys) {
    const key = pathKey(j.path);
    let row = byKey.get(key);
    if (!row) {
      row = { conversions: 0, nonConversions: 0, revenue: 0 };
      byKey.set(key, row);
    }
    if (j.converted) {
      row.conversions += 1;
      row.revenue += j.revenue ?? 0;
    } else row.nonConversions += 1;
  }
  return [...byKey]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, row]) => ({ path, ...row }));
}
