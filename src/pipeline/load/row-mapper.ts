import { fieldsOf, type FieldSpec } from '../../core/canonical/source-kinds.js';
import { TOUCHPOINT_TYPES } from '../../core/canonical/touchpoint-types.js';
import type { SourceConfig } from '../../core/config/config.js';
import type { Problem } from '../../core/errors.js';
import { parseFormattedNumber } from '../../core/values/number-format.js';
import {
  columnsOf,
  evaluate,
  parseExpression,
  type Expr,
} from '../../core/values/row-expression.js';
import { parseValue, type CanonicalValue } from '../../core/values/parse-value.js';
import { closestMatch } from '../../core/text/closest-match.js';
import type { RawRow } from './source-file.js';
import { sourceTimes, type SourceTimes } from './source-times.js';
import { unmappedProperties } from './unmapped-properties.js';

interface FieldPlan {
  readonly field: FieldSpec;
  /** Lower-cased column the value comes from, when it is not a constant. */
  readonly column: string | null;
  /** The column name as the user wrote it, for messages. */
  readonly shownColumn: string;
  readonly constant: CanonicalValue | undefined;
  /** A derived field's expression over the row's columns. */
  readonly expr?: Expr;
}

export type MappedRow = { ok: true; values: CanonicalValue[] } | { ok: false; problems: Problem[] };

const ALLOWED: Record<string, ReadonlySet<string>> = { touchpoint_type: new Set(TOUCHPOINT_TYPES) };

/**
 * Maps a source's rows onto the canonical fields of its kind: where each field comes from is
 * decided once per file, then every row is parsed against it. This is the record-kind contract
 * applied to text cells (the contract's JSON Schema is derived from the same field specs).
 * Problems name source, file, line, column and field.
 */
export class RowMapper {
  private readonly plans: FieldPlan[];

  constructor(
    private readonly source: SourceConfig,
    columns: readonly string[] | null,
  ) {
    const missing: Problem[] = [];
    this.plans = fieldsOf(source.kind).map((field) => {
      const constantRaw = source.constants[field.name];
      if (constantRaw !== undefined) {
        const parsed = parseValue(field, constantRaw);
        return {
          field,
          column: null,
          shownColumn: '(constant)',
          constant: parsed.ok ? parsed.value : null,
        };
      }
      const derived = source.derived?.[field.name];
      if (derived !== undefined) {
        return {
          field,
          column: null,
          shownColumn: '(derived)',
          constant: undefined,
          expr: parseExpression(derived),
        };
      }
      const mapped = source.mapping[field.name];
      const column = (mapped ?? field.name).trim().toLowerCase();
      const absent = columns !== null && !columns.includes(column);
      if (absent && (mapped !== undefined || field.required)) {
        missing.push(
          this.problem(
            'missing_column',
            `column "${mapped ?? field.name}" for field ${field.name} is not in the header (columns: ${columns.map(shownColumn).join(', ')})`,
            undefined,
            mapped ?? field.name,
            field.name,
          ),
        );
      }
      return {
        field,
        column: absent ? null : column,
        shownColumn: mapped ?? field.name,
        constant: undefined,
      };
    });
    this.filter = source.where === undefined ? null : parseExpression(source.where);
    const reads: [string, Expr | null][] = [
      ['where', this.filter],
      ...this.plans.map((p): [string, Expr | null] => [`derived.${p.field.name}`, p.expr ?? null]),
    ];
    for (const [what, expr] of reads) {
      for (const column of expr === null || columns === null ? [] : columnsOf(expr)) {
        if (columns?.includes(column)) continue;
        const hint = closestMatch(column, columns ?? []);
        const guess = hint === undefined ? '' : ` Did you mean "${shownColumn(hint)}"?`;
        missing.push(
          this.problem(
            'missing_column',
            `${what} reads column "${column}", which is not in the header.${guess}`,
            undefined,
            column,
            what,
          ),
        );
      }
    }
    this.headerProblems = missing;
    this.times = sourceTimes(source);
    this.propertiesAt = this.plans.findIndex((p) => p.field.name === 'properties');
    this.used = new Set(this.plans.flatMap((p) => (p.column === null ? [] : [p.column])));
  }

  /** The source's timestamp_format / timezone, or null for ISO-8601 (UTC without an offset). */
  private readonly times: SourceTimes | null;
  /** The source's where filter: a row it does not hold for is not offered. */
  private readonly filter: Expr | null;
  /** Where the kind's properties field is (-1: the kind has none, unmapped columns are dropped). */
  private readonly propertiesAt: number;
  /** The columns the mapping reads: every other column is kept in properties. */
  private readonly used: ReadonlySet<string>;

  /** Problems found in the header alone: a mapped or required column the file does not have. */
  readonly headerProblems: readonly Problem[];

  /** Whether the source's `where` keeps the row (always, without one). */
  keeps(row: RawRow): boolean {
    return this.filter === null || evaluate(this.filter, row.values) === true;
  }

  map(row: RawRow): MappedRow {
    const values: CanonicalValue[] = [];
    const problems: Problem[] = [];
    // The currency code an amount cell carried (`1.234,50 EUR`), for an empty currency field.
    let currency: string | null = null;
    for (const plan of this.plans) {
      if (plan.constant !== undefined) {
        values.push(plan.constant);
        continue;
      }
      let raw = plan.expr
        ? evaluate(plan.expr, row.values)
        : this.valueOf(plan, plan.column === null ? null : row.values[plan.column]);
      if (this.times && plan.field.type === 'timestamp' && typeof raw === 'string' && raw.trim()) {
        const ms = this.times.parse(raw);
        if (ms === null) {
          const message = `${raw.trim()} does not match ${this.times.expected}`;
          problems.push(
            this.problem('bad_timestamp', message, row.line, plan.shownColumn, plan.field.name),
          );
          values.push(null);
          continue;
        }
        raw = new Date(ms);
      }
      const numbers = this.source.numberFormat;
      const type = plan.field.type;
      if (
        numbers &&
        (type === 'amount' || type === 'number') &&
        typeof raw === 'string' &&
        raw.trim()
      ) {
        const formatted = parseFormattedNumber(raw, numbers);
        if (!formatted.ok) {
          problems.push(
            this.problem(
              'not_a_number',
              formatted.message,
              row.line,
              plan.shownColumn,
              plan.field.name,
            ),
          );
          values.push(null);
          continue;
        }
        raw = formatted.value;
        currency ??= formatted.currencyCode;
      }
      const parsed = parseValue(plan.field, raw);
      if (!parsed.ok) {
        problems.push(
          this.problem(parsed.code, parsed.message, row.line, plan.shownColumn, plan.field.name),
        );
        values.push(null);
        continue;
      }
      values.push(this.refine(plan, parsed.value, row.line, problems));
    }
    const currencyAt = this.plans.findIndex((p) => p.field.name === 'currency');
    if (currency !== null && currencyAt >= 0 && values[currencyAt] === null)
      values[currencyAt] = currency;
    if (this.propertiesAt >= 0 && problems.length === 0) {
      const own = values[this.propertiesAt];
      values[this.propertiesAt] = unmappedProperties(
        typeof own === 'string' ? own : null,
        row.values,
        this.used,
      );
    }
    return problems.length ? { ok: false, problems } : { ok: true, values };
  }

  /** The source's `values` map applied to a cell: matched trimmed and exactly, else the cell as is. */
  private valueOf(plan: FieldPlan, raw: unknown): unknown {
    const map = this.source.values?.[plan.field.name];
    if (map === undefined || typeof raw !== 'string') return raw;
    const key = raw.trim();
    return Object.hasOwn(map, key) ? map[key] : raw;
  }

  private refine(
    plan: FieldPlan,
    value: CanonicalValue,
    line: number,
    problems: Problem[],
  ): CanonicalValue {
    const name = plan.field.name;
    // Identifiers are normalised by the ingest step, the same for files and JSON.
    if (typeof value !== 'string') return value;
    const allowed = ALLOWED[name];
    if (allowed && !allowed.has(value)) {
      problems.push(
        this.problem(
          'bad_value',
          `${value} is not one of ${[...allowed].join(', ')}`,
          line,
          plan.shownColumn,
          name,
        ),
      );
    }
    return value;
  }

  private problem(
    code: string,
    message: string,
    row: number | undefined,
    column: string,
    field: string,
  ): Problem {
    return {
      code,
      message,
      location: {
        source: this.source.name,
        file: this.source.path,
        ...(row === undefined ? {} : { row }),
        column,
        field,
      },
    };
  }
}

// Header names come from the file: control characters and very long names are shown escaped and
// cut, so a message never writes raw bytes to a terminal or a log.
function shownColumn(name: string): string {
  // eslint-disable-next-line no-control-regex -- escaping control characters is the point
  const safe = name.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, (c) =>
    c === '\ufffd' ? '?' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return safe.length > 60 ? `${safe.slice(0, 60)}…` : safe;
}
