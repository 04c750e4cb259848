import {
  ALL_FILTER_NAMES,
  type FilterName,
} from '../../engine/sql/metrics/conversation-filter-sql.js';
import { FILTER_FLAGS, type ReportFlags } from '../cli/report-flags.js';

type Query = Readonly<Record<string, string | undefined>>;

/** What a filtered answer says about its filters: those it applied, those it could not. */
export interface FilterNote {
  readonly applied: Partial<Record<FilterName, string>>;
  /** Filters asked for that the report has no notion of: its figures are not narrowed by them. */
  readonly ignored: FilterName[];
}

/**
 * The filters of a query split by what a report can apply: those go to its flags (the CLI's
 * --from, --segment, …), the others are named as ignored in the answer, so numbers that did not
 * follow a filter never pass for numbers that did.
 */
export function splitFilters(
  q: Query,
  accepted: readonly FilterName[],
  options: readonly string[] = [],
): { flags: Partial<ReportFlags>; note: FilterNote } {
  const flags: Record<string, string> = {};
  const applied: Partial<Record<FilterName, string>> = {};
  const ignored: FilterName[] = [];
  for (const name of ALL_FILTER_NAMES) {
    // A parameter the report reads as its own option (the conversion reports' outcome) is no filter.
    if (options.includes(name)) continue;
    const value = q[name];
    if (value === undefined) continue;
    if (accepted.includes(name)) {
      flags[FILTER_FLAGS[name]] = value;
      applied[name] = value;
    } else ignored.push(name);
  }
  return { flags, note: { applied, ignored } };
}
