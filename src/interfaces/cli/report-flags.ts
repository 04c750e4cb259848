import { UserError } from '../../core/errors.js';
import {
  ALL_FILTER_NAMES,
  type FilterName,
  type ReportFilter,
} from '../../engine/sql/metrics/conversation-filter-sql.js';
import type { ReportOption, ReportOptions } from '../../pipeline/reports/metric-report.js';
import { chosenFilter } from '../../pipeline/reports/report-filter.js';
import type { WarehouseFlags } from './warehouse.js';

/** The flags of `convrev report`, as commander hands them over (all text, absent unless given). */
export interface ReportFlags extends WarehouseFlags {
  readonly format: string;
  readonly out?: string;
  readonly model?: string;
  readonly by?: string;
  readonly days?: string;
  readonly definition?: string;
  readonly outcome?: string;
  readonly industry?: string;
  readonly volume?: string;
  readonly change?: string;
  readonly limit?: string;
  /** attribution only: every model side by side. */
  readonly compare?: boolean;
  readonly from?: string;
  readonly to?: string;
  readonly segment?: string;
  readonly channel?: string;
  readonly conversationType?: string;
  readonly valueKind?: string;
}

/** Each filter and the flag that sets it (commander names --conversation-type conversationType). */
export const FILTER_FLAGS: Readonly<Record<FilterName, keyof ReportFlags>> = {
  from: 'from',
  to: 'to',
  segment: 'segment',
  channel: 'channel',
  conversation_type: 'conversationType',
  outcome: 'outcome',
  value_kind: 'valueKind',
};

/**
 * The filter the flags give, unchecked. `--outcome` is the deal outcome option of the conversion
 * reports (`outcomeIsOption`) and a filter on conversions of the others.
 */
export function filterOf(flags: ReportFlags, outcomeIsOption = false): ReportFilter {
  const out: Partial<Record<FilterName, string>> = {};
  for (const name of ALL_FILTER_NAMES) {
    if (name === 'outcome' && outcomeIsOption) continue;
    const value = flags[FILTER_FLAGS[name]];
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}

/** Each report option and the flag that sets it. */
export const OPTION_FLAGS: Readonly<Record<ReportOption, keyof ReportFlags>> = {
  model: 'model',
  by: 'by',
  days: 'days',
  definition: 'definition',
  outcome: 'outcome',
  industry: 'industry',
  volume: 'volume',
  changes: 'change',
  limit: 'limit',
};

const list = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function numbers(flag: string, text: string, whole: boolean): number[] {
  return list(text).map((part) => {
    const n = Number(part);
    if (part === '' || !Number.isFinite(n) || (whole && !Number.isInteger(n)))
      throw new UserError(`--${flag} ${text}: "${part}" is not a ${whole ? 'whole ' : ''}number`);
    return n;
  });
}

function single(flag: string, text: string, whole: boolean): number {
  const [n, ...rest] = numbers(flag, text, whole);
  if (n === undefined || rest.length) throw new UserError(`--${flag} ${text}: give one number`);
  return n;
}

/**
 * The report options the flags ask for. A flag the report does not read is refused rather than
 * silently ignored: `--days` on a report without windows would otherwise look as if it applied.
 */
export function reportOptions(
  report: string,
  accepted: readonly ReportOption[],
  flags: ReportFlags,
  filters: readonly FilterName[] = [],
): ReportOptions {
  const given = (Object.keys(OPTION_FLAGS) as ReportOption[]).filter(
    (o) => flags[OPTION_FLAGS[o]] !== undefined,
  );
  // --outcome is also a filter on conversions: a report that takes that filter takes the flag.
  const refused = given.filter(
    (o) => !accepted.includes(o) && !(o === 'outcome' && filters.includes('outcome')),
  );
  if (refused.length) {
    const takes = accepted.map((o) => `--${OPTION_FLAGS[o]}`).join(', ') || 'no option flags';
    throw new UserError(
      `report ${report} does not take ${refused.map((o) => `--${OPTION_FLAGS[o]}`).join(', ')} (it takes ${takes})`,
    );
  }
  const filter = chosenFilter(report, filters, filterOf(flags, accepted.includes('outcome')));
  return {
    ...(Object.keys(filter).length ? { filter } : {}),
    ...(flags.model === undefined ? {} : { model: flags.model }),
    ...(flags.by === undefined ? {} : { by: list(flags.by) }),
    ...(flags.days === undefined ? {} : { days: numbers('days', flags.days, true) }),
    ...(flags.definition === undefined ? {} : { definition: flags.definition }),
    ...(flags.outcome === undefined || !accepted.includes('outcome')
      ? {}
      : { outcome: flags.outcome }),
    ...(flags.industry === undefined ? {} : { industry: flags.industry }),
    ...(flags.volume === undefined ? {} : { volume: single('volume', flags.volume, false) }),
    ...(flags.change === undefined ? {} : { changes: numbers('change', flags.change, false) }),
    ...(flags.limit === undefined ? {} : { limit: single('limit', flags.limit, true) }),
  };
}
