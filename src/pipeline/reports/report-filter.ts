import {
  isOutcome,
  isValueKind,
  OUTCOMES,
  VALUE_KINDS,
} from '../../core/attribution/conversion-definition.js';
import { UserError } from '../../core/errors.js';
import {
  ALL_FILTER_NAMES,
  type FilterName,
  type ReportFilter,
} from '../../engine/sql/metrics/conversation-filter-sql.js';

/** The longest filter value taken: no segment, channel or type name is longer. */
export const MAX_FILTER_LENGTH = 200;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

// Control characters cannot be in a name the warehouse holds, and NUL would end SQL text early.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function checkedDay(name: FilterName, value: string): string {
  const t = Date.parse(`${value}T00:00:00Z`);
  if (!DAY.test(value) || !Number.isFinite(t) || new Date(t).toISOString().slice(0, 10) !== value)
    throw new UserError(`--${name} ${value.slice(0, 40)}: give a day as yyyy-mm-dd`);
  return value;
}

function checkedText(name: FilterName, value: string): string {
  if (value.length === 0 || value.length > MAX_FILTER_LENGTH)
    throw new UserError(`--${flagOf(name)}: give 1 to ${MAX_FILTER_LENGTH} characters`);
  if (CONTROL.test(value))
    throw new UserError(`--${flagOf(name)}: control characters are not allowed`);
  return value;
}

/** The CLI flag of a filter (conversation_type is --conversation-type). */
export function flagOf(name: FilterName): string {
  return name.replaceAll('_', '-');
}

/** The filters given, without the empty ones. */
export function givenFilters(filter: ReportFilter | undefined): FilterName[] {
  return ALL_FILTER_NAMES.filter((n) => filter?.[n] !== undefined);
}

/**
 * The filter checked: days are real yyyy-mm-dd days with `from` not after `to`, other values
 * 1 to 200 characters without control characters. A value that passes is still only ever
 * rendered through the dialect's quoting; this keeps odd input a clear user error.
 */
export function checkedFilter(filter: ReportFilter | undefined): ReportFilter {
  const out: Partial<Record<FilterName, string>> = {};
  for (const name of givenFilters(filter)) {
    const value = filter?.[name] ?? '';
    out[name] =
      name === 'from' || name === 'to' ? checkedDay(name, value) : checkedText(name, value);
  }
  if (out.outcome !== undefined && !isOutcome(out.outcome))
    throw new UserError(
      `--outcome ${out.outcome.slice(0, 40)}: give one of ${OUTCOMES.join(', ')}`,
    );
  if (out.value_kind !== undefined && !isValueKind(out.value_kind))
    throw new UserError(
      `--value-kind ${out.value_kind.slice(0, 40)}: give one of ${VALUE_KINDS.join(', ')}`,
    );
  if (out.from !== undefined && out.to !== undefined && out.from > out.to)
    throw new UserError(`--from ${out.from} is after --to ${out.to}`);
  return out;
}

/**
 * The filter a report can apply, checked; a filter it has no notion of is refused, never
 * silently dropped (the API lists those as ignored before it asks).
 */
export function chosenFilter(
  report: string,
  accepted: readonly FilterName[],
  filter: ReportFilter | undefined,
): ReportFilter {
  const refused = givenFilters(filter).filter((n) => !accepted.includes(n));
  if (refused.length) {
    const takes = accepted.map((n) => `--${flagOf(n)}`).join(', ') || 'no filters';
    throw new UserError(
      `report ${report} cannot be filtered by ${refused.map((n) => `--${flagOf(n)}`).join(', ')} (it takes ${takes})`,
    );
  }
  return checkedFilter(filter);
}

/** Whether any filter is given. */
export const isFiltered = (filter: ReportFilter | undefined): boolean =>
  givenFilters(filter).length > 0;
