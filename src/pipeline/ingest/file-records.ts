import type { SourceConfig } from '../../core/config/config.js';
import type { Problem } from '../../core/errors.js';
import type { DeadLetterCode, DeadLetterReason } from '../../core/ingest/dead-letter-reason.js';
import { jsonText } from '../../core/ingest/json-text.js';
import { deadLetter } from '../../core/ingest/step-result.js';
import { fieldsOf } from '../../core/canonical/source-kinds.js';
import type { CanonicalValue } from '../../core/values/parse-value.js';
import { RowMapper } from '../load/row-mapper.js';
import type { RawRow } from '../load/source-file.js';
import type { BatchItem } from './ingest-batch.js';
import type { IngestEnvironment } from './ingest-environment.js';
import { prepareRecord } from './prepare-record.js';

const ROW_PROBLEM_CODES: ReadonlySet<string> = new Set(['too_deep', 'too_many_keys', 'ragged_row']);

// The field parser's problem codes, as dead-letter reasons.
const CODES: Readonly<Record<string, DeadLetterCode>> = {
  missing_required: 'missing_required_field',
  bad_timestamp: 'bad_timestamp',
  bad_date: 'bad_timestamp',
  not_a_number: 'wrong_type',
  bad_boolean: 'wrong_type',
  negative_amount: 'out_of_range',
  out_of_range: 'out_of_range',
  bad_value: 'invalid_value',
};

/**
 * Turns the rows of one source file into batch items: the mapping and the field parser (the
 * kind's contract on text cells), then the same normalise and fingerprint steps as every other
 * transport. Reasons name source, file, line and column.
 */
export class FileRecords {
  private readonly mapper: RowMapper;
  private readonly fieldNames: readonly string[];

  constructor(
    private readonly source: SourceConfig,
    columns: readonly string[] | null,
    private readonly env: IngestEnvironment,
  ) {
    this.mapper = new RowMapper(source, columns);
    this.fieldNames = fieldsOf(source.kind).map((f) => f.name);
  }

  /** Problems of the header alone (a mapped or required column missing): the file cannot load. */
  get headerProblems(): readonly Problem[] {
    return this.mapper.headerProblems;
  }

  /** Whether the source's `where` filter keeps the row. */
  keeps(row: RawRow): boolean {
    return this.mapper.keeps(row);
  }

  item(row: RawRow, receivedAt: number): BatchItem {
    const raw = () => row.raw ?? rawText(row.values);
    const normalise = this.env.normalise;
    if (row.problem) {
      const reason = {
        ...this.where(row.line),
        // A line over the depth or key limit, or a ragged CSV row, says so; any other unreadable
        // line is malformed.
        code: ROW_PROBLEM_CODES.has(row.problem.code)
          ? (row.problem.code as DeadLetterCode)
          : 'malformed_record',
        message: row.problem.message,
      };
      return { result: deadLetter([reason]), raw, normalise };
    }
    const mapped = this.mapper.map(row);
    if (!mapped.ok)
      return {
        result: deadLetter(mapped.problems.map((p) => this.fromProblem(p))),
        raw,
        normalise,
      };
    const fields: Record<string, CanonicalValue> = {};
    this.fieldNames.forEach((name, i) => (fields[name] = mapped.values[i] ?? null));
    const result = prepareRecord(
      { kind: this.source.kind, fields, sentAt: null, fromDevice: false },
      { receivedAt, sourceName: this.source.name, sourceLine: row.line },
      this.env.normalise,
    );
    if (result.status !== 'dead_letter') return { result, raw, normalise };
    const located = result.reasons.map((r) => ({
      ...r,
      ...this.where(row.line),
      ...(r.field ? { column: this.source.mapping[r.field] ?? r.field } : {}),
    }));
    return { result: deadLetter(located), raw, normalise };
  }

  private where(line: number) {
    return { source: this.source.name, file: this.source.path, line };
  }

  private fromProblem(p: Problem): DeadLetterReason {
    const l = p.location ?? {};
    return {
      code: CODES[p.code] ?? 'invalid_value',
      message: p.message,
      ...(l.field === undefined ? {} : { field: l.field }),
      ...this.where(l.row ?? 0),
      ...(l.column === undefined ? {} : { column: l.column }),
    };
  }
}

/** A dead letter's reason as the Problem a strict run reports (source, file, row, column). */
export function reasonProblem(r: DeadLetterReason): Problem {
  return {
    code: r.code,
    message: r.message,
    location: {
      ...(r.source === undefined ? {} : { source: r.source }),
      ...(r.file === undefined ? {} : { file: r.file }),
      ...(r.line === undefined ? {} : { row: r.line }),
      ...(r.column === undefined ? {} : { column: r.column }),
      ...(r.field === undefined ? {} : { field: r.field }),
    },
  };
}

/**
 * A file row as JSON text, written without recursion (a JSONL row may nest deeper than the stack
 * allows); Parquet's bigints become strings, its Dates ISO text.
 */
function rawText(values: Readonly<Record<string, unknown>>): string {
  return jsonText(values);
}
