import { UserError } from '../../core/errors.js';
import { normalizeIdentifier } from '../../core/identity/normalize-identifier.js';
import { IDENTIFIER_FIELDS, type IdentifierType } from '../../core/canonical/source-kinds.js';
import { matchRecords } from '../../core/matching/match-records.js';
import {
  PERSON_FIELD_ALIASES,
  PERSON_RECORD_FIELDS,
  personRecordMatchConfig,
} from '../../core/matching/person-record-config.js';
import type { MatchRecord } from '../../core/matching/record-comparator.js';
import type { Engine } from '../../engine/engine.js';
import { sql } from '../../engine/sql/sql-statement.js';
import { scoreClustering, type IdentityEvaluation } from './score-clustering.js';

/** A labelled file's rows: lower-cased column name → cell text. */
export type LabelledRow = Readonly<Record<string, unknown>>;

const text = (v: unknown): string | null => {
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'bigint') return null;
  const s = String(v).trim();
  return s === '' ? null : s;
};

function column(rows: readonly LabelledRow[], name: string, what: string): void {
  if (rows.length > 0 && !Object.hasOwn(rows[0]!, name))
    throw new UserError(
      `${what} column "${name}" is not in the file (columns: ${Object.keys(rows[0]!).join(', ')})`,
    );
}

/**
 * Matches standalone person records (no warehouse) with the unsupervised person-record model and
 * scores the clusters against the file's truth column. The truth never reaches the matcher.
 */
export function evaluateRecords(
  rows: readonly LabelledRow[],
  options: { readonly idColumn: string; readonly truthColumn: string; readonly threshold?: number },
): IdentityEvaluation {
  column(rows, options.idColumn, 'id');
  column(rows, options.truthColumn, 'truth');
  const columns = rows.length > 0 ? Object.keys(rows[0]!) : [];
  const fieldOf = new Map<string, string>();
  for (const c of columns) {
    const f = PERSON_FIELD_ALIASES[c] ?? c;
    if ((PERSON_RECORD_FIELDS as readonly string[]).includes(f) && !fieldOf.has(f))
      fieldOf.set(f, c);
  }
  if (fieldOf.size === 0)
    throw new UserError(
      `no comparable column (expected some of ${PERSON_RECORD_FIELDS.join(', ')})`,
    );
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const id = text(r[options.idColumn]);
    if (id === null)
      throw new UserError(`row ${i + 2}: no value in id column "${options.idColumn}"`);
    if (seen.has(id)) throw new UserError(`row ${i + 2}: id ${id} appears twice`);
    seen.add(id);
    if (text(r[options.truthColumn]) === null)
      throw new UserError(`row ${i + 2}: no value in truth column "${options.truthColumn}"`);
  });
  const records: MatchRecord[] = rows.map((r) =>
    Object.fromEntries([...fieldOf].map(([f, c]) => [f, text(r[c])?.toLowerCase() ?? null])),
  );
  const run = matchRecords(
    records,
    personRecordMatchConfig([...fieldOf.keys()], {
      ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
    }),
  );
  const truth = rows.map((r) => text(r[options.truthColumn])!);
  return scoreClustering(Array.from(run.clustering.clusterOf), truth, [
    `compared ${[...fieldOf.keys()].join(', ')}; ${run.candidates.length} candidate pairs, EM ${run.em.converged ? 'converged' : 'did not converge'} in ${run.em.iterations} iterations`,
  ]);
}

export interface WarehouseTruthOptions {
  readonly truthColumn: string;
  /** Columns holding the identifier's type and value (the demo's identity_truth.csv). */
  readonly typeColumn?: string;
  readonly valueColumn: string;
  /** The type of every value when the file has no type column. */
  readonly idType?: string;
}

/**
 * Scores the warehouse's persons against a truth file of identifiers and their true person
 * (the demo generator's identity_truth.csv, or any file with an identifier column and a label).
 * Identifiers the warehouse does not hold count as persons of their own; an identifier listed
 * under two true persons (a shared browser) is scored with its first label.
 */
export async function evaluateWarehouse(
  engine: Engine,
  rows: readonly LabelledRow[],
  options: WarehouseTruthOptions,
): Promise<IdentityEvaluation> {
  column(rows, options.valueColumn, 'identifier');
  column(rows, options.truthColumn, 'truth');
  if (options.typeColumn !== undefined) column(rows, options.typeColumn, 'identifier type');
  const personOf = new Map<string, string>();
  for await (const chunk of engine.stream(
    sql('SELECT identifier_type, identifier_value, person_id FROM identifiers'),
  ))
    for (const r of chunk)
      personOf.set(
        `${String(r.identifier_type)}:${String(r.identifier_value)}`,
        String(r.person_id),
      );
  const labelOf = new Map<string, string>();
  let ambiguous = 0;
  let skipped = 0;
  rows.forEach((r, i) => {
    const type =
      options.typeColumn === undefined ? (options.idType ?? 'email') : text(r[options.typeColumn]);
    const raw = text(r[options.valueColumn]);
    const label = text(r[options.truthColumn]);
    if (type === null || raw === null || label === null) {
      skipped++;
      return;
    }
    if (!(IDENTIFIER_FIELDS as readonly string[]).includes(type))
      throw new UserError(
        `row ${i + 2}: unknown identifier type "${type}" (one of ${IDENTIFIER_FIELDS.join(', ')})`,
      );
    const value = normalizeIdentifier(type as IdentifierType, raw);
    if (value === null) {
      skipped++;
      return;
    }
    const key = `${type}:${value}`;
    const before = labelOf.get(key);
    if (before === undefined) labelOf.set(key, label);
    else if (before !== label) ambiguous++;
  });
  const keys = [...labelOf.keys()].sort();
  let missing = 0;
  const predicted = keys.map((k) => {
    const p = personOf.get(k);
    if (p === undefined) missing++;
    return p ?? `missing:${k}`;
  });
  const notes = [
    `${keys.length} identifiers scored`,
    ...(missing > 0
      ? [`${missing} not in the warehouse (each counted as a person of its own)`]
      : []),
    ...(ambiguous > 0 ? [`${ambiguous} listed under two true persons (first label kept)`] : []),
    ...(skipped > 0 ? [`${skipped} rows without an identifier or label skipped`] : []),
  ];
  return scoreClustering(
    predicted,
    keys.map((k) => labelOf.get(k)!),
    notes,
  );
}
