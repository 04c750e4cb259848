import { createReadStream } from 'node:fs';
import { CsvError, parse } from 'csv-parse';
import type { InfoRecord } from 'csv-parse';
import type { SourceConfig } from '../../core/config/config.js';
import type { InputError } from '../../core/errors.js';
import type { RawRow, SourceFile } from './open-source-file.js';
import { hasInnerBlankLine } from './inner-blank-line.js';
import { skipLines } from './skip-lines.js';
import { normalizeHeader } from './normalize-header.js';
import { ioError, sourceFileError } from './source-file-error.js';

interface NumberedRecord {
  /** Physical line of the record's first character (the header is line 1). */
  readonly line: number;
  readonly fields: readonly string[];
  /** The record's text as read, kept for a dead letter's payload. */
  readonly raw: string;
}

interface ParsedRecord {
  readonly record: string[];
  readonly raw: string;
}

/*
 * An unclosed quote makes the parser swallow the rest of the file as one field; this bound turns
 * that into an error at the record's line instead of reading a multi-GB file into memory.
 */
const MAX_RECORD_CHARS = 32 * 1024 * 1024;
const LINE_BREAK = /\r\n|\r|\n/g;
const EDGE_BREAKS = /^[\r\n]+|[\r\n]+$/g;

/** Reads the header and checks a first data row exists; the file is streamed again by `rows()`. */
export async function openCsvFile(source: SourceConfig): Promise<SourceFile> {
  let header: NumberedRecord | undefined;
  let hasRows = false;
  for await (const record of csvRecords(source)) {
    if (header) {
      hasRows = true;
      break;
    }
    header = record;
  }
  if (!header) throw sourceFileError(source, 'empty_file', 'the file has no header line');
  if (!hasRows) {
    throw sourceFileError(source, 'empty_file', 'the file has a header but no rows');
  }
  const columns = normalizeHeader(source, header.fields, header.line);
  const skipped = source.skipLines ?? 0;
  const headerOnOneLine =
    header.line === skipped + 1 && !header.fields.some((f) => /[\r\n]/.test(f));
  return {
    columns,
    nativeCsv: async () =>
      headerOnOneLine && !(await hasInnerBlankLine(source.path))
        ? { path: source.path, delimiter: source.delimiter, firstLine: skipped + 2 }
        : null,
    async *rows(): AsyncGenerator<RawRow> {
      let isHeader = true;
      for await (const { line, fields, raw } of csvRecords(source)) {
        if (isHeader) {
          isHeader = false;
          continue;
        }
        if (fields.length !== columns.length) {
          // A ragged row is that row's problem, not the file's: it is dead-lettered with its
          // line (or fails a strict run there) and the rows after it still load.
          yield {
            line,
            values: {},
            problem: {
              code: 'ragged_row',
              message: `the record has ${fields.length} fields but the header has ${columns.length}`,
              location: { source: source.name, file: source.path, row: line },
            },
            raw,
          };
          continue;
        }
        yield {
          line,
          values: Object.fromEntries(columns.map((c, i): [string, string] => [c, fields[i] ?? ''])),
        };
      }
    },
  };
}

/** Streams every record, header included, numbered with the line a person would look up. */
async function* csvRecords(source: SourceConfig): AsyncGenerator<NumberedRecord> {
  // csv-parse's own line counter counts CRLF inside quoted fields twice, so lines are counted
  // here, as the parser meets each record: it starts after the previous record's lines and the
  // empty lines skipped since. The stream buffers records, hence the queue of start lines.
  const skipped = source.skipLines ?? 0;
  let nextLine = 1 + skipped;
  let emptyLinesSeen = 0;
  let header: readonly string[] | undefined;
  const starts: number[] = [];
  const startOfNext = (emptyLines: number): number => nextLine + emptyLines - emptyLinesSeen;
  const parser = parse({
    bom: true,
    delimiter: source.delimiter,
    skip_empty_lines: true,
    relax_column_count: true,
    raw: true,
    max_record_size: MAX_RECORD_CHARS,
    // With `raw`, the parser hands on_record {record, raw}, which its types do not say.
    on_record: (output: string[], info: InfoRecord): string[] => {
      const fields = (output as unknown as ParsedRecord).record;
      const line = startOfNext(info.empty_lines);
      emptyLinesSeen = info.empty_lines;
      nextLine = line + 1 + fields.reduce((n, f) => n + (f.match(LINE_BREAK)?.length ?? 0), 0);
      header ??= fields;
      starts.push(line);
      return output;
    },
  });
  const input = createReadStream(source.path);
  input.on('error', (error) => parser.destroy(error));
  if (skipped > 0) input.pipe(skipLines(skipped)).pipe(parser);
  else input.pipe(parser);
  try {
    for await (const { record, raw } of parser as AsyncIterable<ParsedRecord>) {
      // The parser's raw text carries the empty lines skipped before the record and its ending.
      yield { line: starts.shift() ?? 0, fields: record, raw: raw.replace(EDGE_BREAKS, '') };
    }
  } catch (error: unknown) {
    if (!(error instanceof CsvError)) throw ioError(source, error);
    throw malformedCsv(source, error, startOfNext(parser.info.empty_lines), header);
  } finally {
    input.destroy();
    parser.destroy();
  }
}

function malformedCsv(
  source: SourceConfig,
  error: CsvError,
  line: number,
  header: readonly string[] | undefined,
): InputError {
  // The parser's own line number can be off (see above); ours replaces it.
  let reason = error.message.replace(/ (?:at|on) line \d+/, '');
  if (error.code === 'CSV_MAX_RECORD_SIZE') {
    reason = `${reason} (is a quote left unclosed?)`;
  }
  const index = error['column'];
  const column = typeof index === 'number' ? header?.[index]?.trim() : undefined;
  return sourceFileError(source, 'malformed_csv', `malformed CSV at line ${line}: ${reason}`, {
    row: line,
    ...(column === undefined ? {} : { column }),
  });
}
