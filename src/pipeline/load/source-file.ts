import type { Problem } from '../../core/errors.js';
import type { SourceConfig } from '../../core/config/config.js';

/** One record of an input file, keyed by lower-cased, trimmed column name. */
export interface RawRow {
  /** Where a person finds the record: the file line (CSV, JSONL) or 1-based row (Parquet). */
  readonly line: number;
  readonly values: Readonly<Record<string, unknown>>;
  /** Set instead of values when the record could not be read (lenient reading only). */
  readonly problem?: Problem;
  /** The record's text as read, when `problem` is set. */
  readonly raw?: string;
}

/** An opened input file. Adapters implement it; the load stage only reads through it. */
export interface SourceFile {
  /** Lower-cased column names, or null when the format has no header (JSONL). */
  readonly columns: readonly string[] | null;
  /**
   * Streams the records in file order; malformed input ends the stream with an InputError, or,
   * with `lenient` where the format allows it (JSONL), comes as a row carrying its problem.
   */
  rows(options?: { readonly lenient?: boolean }): AsyncIterable<RawRow>;
  /**
   * How the engine's own reader can read the file set-wise (CSV whose records' lines it can
   * count), or null when only `rows()` can: the load stage then goes record by record.
   */
  nativeCsv?(): Promise<NativeCsv | null>;
}

/** A CSV file the engine reads itself: its header on the line before `firstLine`, its records from there. */
export interface NativeCsv {
  readonly path: string;
  readonly delimiter: string;
  readonly firstLine: number;
}

export type OpenSourceFile = (source: SourceConfig) => Promise<SourceFile>;
