import type { FieldSpec, IdentifierType } from '../../../core/canonical/source-kinds.js';
import type { CanonicalValue } from '../../../core/values/parse-value.js';
import { quoteIdentifier, quoteLiteral } from '../../quote.js';
import { fieldParseSql, type CellSql } from './field-parse-sql.js';
import { jsNumberText, jsTrim } from './js-text-sql.js';
import { normaliseSql } from './normalise-sql.js';
import { sql, type SqlStatement } from '../sql-statement.js';

/** Where one canonical field comes from in a file. */
export type FieldSource =
  | {
      readonly from: 'column';
      readonly index: number;
      readonly shown: string;
      /** The source's `values` map for the field: trimmed cell → text to parse instead. */
      readonly values?: Readonly<Record<string, string>>;
    }
  | { readonly from: 'constant'; readonly value: CanonicalValue }
  | { readonly from: 'absent'; readonly shown: string };

/** Everything the set-wise checks of one file need to know, decided once from its header. */
export interface CheckPlan {
  readonly kind: string;
  readonly fields: readonly FieldSpec[];
  readonly sources: readonly FieldSource[];
  /** Lower-cased header names, in file order (the dead-letter payload's keys). */
  readonly columns: readonly string[];
  readonly identifiers: ReadonlyMap<string, IdentifierType>;
  readonly allowed: ReadonlyMap<string, readonly string[]>;
  readonly idField: string | null;
  readonly sourceName: string;
  readonly file: string;
  /** The line of the first record (after the header). */
  readonly firstLine: number;
  readonly defaultCountryCode?: string;
}

const cell = (i: number) => `c${i}`;

/**
 * Rows staged inside a transaction have row ids from 2^55 up, hence `n` counts from the least.
 * The table `checked` of one staged file (`raw`, columns c0…): per record its ordinal `n`, the
 * physical `line` a person opens, each field's canonical value f0… (text, epoch ms, double,
 * boolean), the contract's reasons when it breaks it (parse problems first; the normalise step
 * only on records that parse, as on the per-record path), its fingerprint `hash` (SHA-256 of
 * the JSON of [kind, values], as prepare-record.ts takes it) and its `key`.
 */
export function checkedRowsSql(plan: CheckPlan, raw: string, checked: string): SqlStatement {
  const cells = plan.columns.map((_, i) => cell(i));
  const breaks = cells.length
    ? cells
        .map(
          (c) =>
            `CASE WHEN strpos(${c}, chr(10)) > 0 OR strpos(${c}, chr(13)) > 0 THEN len(regexp_extract_all(${c}, '\\r\\n|\\r|\\n')) ELSE 0 END`,
        )
        .join(' + ')
    : '0';
  const parses = plan.fields.map((f) => fieldParseSql(f, plan.allowed.get(f.name)));
  const cellOf = (i: number): string => {
    const s = plan.sources[i] as FieldSource;
    if (s.from !== 'column') return 'CAST(NULL AS VARCHAR)';
    const entries = Object.entries(s.values ?? {});
    if (!entries.length) return cell(s.index);
    const whens = entries.map(([k, v]) => `WHEN ${quoteLiteral(k)} THEN ${quoteLiteral(v)}`);
    return `(CASE ${jsTrim(cell(s.index))} ${whens.join(' ')} ELSE ${cell(s.index)} END)`;
  };
  // Each field's cell trimmed once; its blank test and parse read that.
  const trims = plan.fields.map((_, i) => `${jsTrim(cellOf(i))} AS t${i}`);
  const cellSql = (i: number): CellSql => ({ raw: cellOf(i), trimmed: `t${i}` });
  const prepared = parses.flatMap((p, i) => (p.prepare ? [`${p.prepare(`t${i}`)} AS m${i}`] : []));
  const parsed = plan.fields.flatMap((f, i) => {
    const s = plan.sources[i] as FieldSource;
    if (s.from === 'constant') return [`${constantSql(f, s.value)} AS v${i}`, `NULL AS p${i}`];
    const p = parses[i] as ReturnType<typeof fieldParseSql>;
    return [
      `${p.value(cellSql(i), `m${i}`)} AS v${i}`,
      `${p.problem(cellSql(i), `m${i}`)} AS p${i}`,
    ];
  });
  const anyParse = plan.fields.map((_, i) => `p${i} IS NOT NULL`).join(' OR ');
  // Reasons are built only for the records that have some: most have none.
  const anyNormalise = plan.fields.map((_, i) => `q${i} IS NOT NULL`).join(' OR ');
  const normalised = plan.fields.flatMap((f, i) => {
    if (f.type !== 'text') return [`v${i} AS f${i}`, `NULL AS q${i}`];
    const n = normaliseSql(
      f.name,
      `v${i}`,
      plan.identifiers.get(f.name) ?? null,
      plan.defaultCountryCode,
    );
    return [
      `CASE WHEN v${i} IS NULL OR parse_failed THEN v${i} ELSE ${n.value} END AS f${i}`,
      `CASE WHEN v${i} IS NULL OR parse_failed THEN NULL ELSE ${n.problem} END AS q${i}`,
    ];
  });
  const located = (p: string, i: number) => {
    const f = plan.fields[i] as FieldSpec;
    const s = plan.sources[i] as FieldSource;
    const column = s.from === 'constant' ? '(constant)' : s.shown;
    return `CASE WHEN ${p}${i} IS NOT NULL THEN {'code': ${p}${i}.code, 'message': ${p}${i}.message, 'field': ${quoteLiteral(f.name)}, 'source': ${quoteLiteral(plan.sourceName)}, 'file': ${quoteLiteral(plan.file)}, 'line': line, 'column': ${quoteLiteral(column)}} END`;
  };
  const reasons = (p: string) =>
    `list_filter([${plan.fields.map((_, i) => located(p, i)).join(', ')}], x -> x IS NOT NULL)`;
  const json = plan.fields
    .map((f, i) => `coalesce(${valueJson(f, `f${i}`)}, 'null')`)
    .join(" || ',' || ");
  const hash = `sha256('[' || ${quoteLiteral(JSON.stringify(plan.kind))} || ',[' || ${json} || ']]')`;
  const idIndex =
    plan.idField === null ? -1 : plan.fields.findIndex((f) => f.name === plan.idField);
  const payload = `json_object(${plan.columns.map((c, i) => `${quoteLiteral(c)}, coalesce(${cell(i)}, '')`).join(', ')})`;
  const key = idIndex >= 0 ? `f${idIndex}` : `'sha256:' || hash`;
  return sql(`CREATE TEMP TABLE ${quoteIdentifier(checked)} AS
WITH cells AS (
  SELECT rowid - (SELECT min(rowid) FROM ${quoteIdentifier(raw)}) + 1 AS n, ${[...cells, `${breaks} AS br`].join(', ')} FROM ${quoteIdentifier(raw)}
), lined AS (
  SELECT *, ${plan.firstLine - 1} + n + coalesce(sum(br) OVER (ORDER BY n ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS line FROM cells
), prepared AS (
  SELECT *${trims.map((p) => `, ${p}`).join('')} FROM lined
), matched AS (
  SELECT *${prepared.map((p) => `, ${p}`).join('')} FROM prepared
), parsed AS (
  SELECT n, line, ${[...cells, ...parsed].join(', ')} FROM matched
), flagged AS (
  SELECT *, (${anyParse}) AS parse_failed FROM parsed
), normalised AS (
  SELECT n, line, parse_failed, ${[...cells, ...normalised, ...plan.fields.map((_, i) => `p${i}`)].join(', ')} FROM flagged
), judged AS (
  SELECT *, CASE WHEN parse_failed THEN ${reasons('p')} WHEN ${anyNormalise} THEN ${reasons('q')} END AS reasons FROM normalised
), hashed AS (
  SELECT n, line, ${plan.fields.map((_, i) => `f${i}`).join(', ')},
    reasons,
    CASE WHEN reasons IS NOT NULL THEN ${payload} END AS payload,
    CASE WHEN reasons IS NULL THEN ${hash} END AS hash
  FROM judged
)
SELECT *, CASE WHEN reasons IS NULL THEN ${key} END AS key FROM hashed`);
}

function constantSql(field: FieldSpec, value: CanonicalValue): string {
  if (value === null) return 'NULL';
  if (field.type === 'timestamp' || field.type === 'date')
    return `CAST(${Number(value)} AS BIGINT)`;
  if (field.type === 'amount' || field.type === 'number') return `CAST(${Number(value)} AS DOUBLE)`;
  return quoteLiteral(value);
}

/** The JSON text of a canonical value, as JSON.stringify writes it; NULL for null. */
function valueJson(field: FieldSpec, v: string): string {
  switch (field.type) {
    case 'text':
      return `CAST(to_json(${v}) AS VARCHAR)`;
    case 'timestamp':
    case 'date':
      return `CAST(${v} AS VARCHAR)`;
    case 'amount':
    case 'number':
      return jsNumberText(v);
    case 'boolean':
      return `CASE WHEN ${v} THEN 'true' WHEN NOT ${v} THEN 'false' END`;
  }
}
