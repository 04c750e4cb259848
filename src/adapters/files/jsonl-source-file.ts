import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { SourceConfig } from '../../core/config/config.js';
import { InputError } from '../../core/errors.js';
import { screenJsonText } from '../../core/ingest/screen-json-text.js';
import { DEFAULT_INGEST_SETTINGS } from '../../pipeline/ingest/typed-record.js';
import type { RawRow, SourceFile } from './open-source-file.js';
import { normalizeHeader } from './normalize-header.js';
import { ioError, sourceFileError } from './source-file-error.js';

interface NumberedLine {
  readonly line: number;
  readonly text: string;
}

/** Checks the file has a non-blank line; records are parsed, one per line, by `rows()`. */
export async function openJsonlFile(source: SourceConfig): Promise<SourceFile> {
  const lines = jsonLines(source);
  const first = await lines.next();
  await lines.return(undefined);
  if (first.done === true) throw sourceFileError(source, 'empty_file', 'the file has no records');
  return {
    columns: null,
    async *rows(options = {}): AsyncGenerator<RawRow> {
      for await (const { line, text } of jsonLines(source)) {
        if (!options.lenient) {
          yield { line, values: parseRecord(source, line, text) };
          continue;
        }
        // One bad line spoils only itself: the ingest command dead-letters it and reads on.
        try {
          yield { line, values: parseRecord(source, line, text) };
        } catch (error: unknown) {
          if (!(error instanceof InputError)) throw error;
          yield {
            line,
            values: {},
            raw: text,
            ...(error.problems[0] ? { problem: error.problems[0] } : {}),
          };
        }
      }
    },
  };
}

/** Streams the non-blank lines of the file with their 1-based line numbers. */
async function* jsonLines(source: SourceConfig): AsyncGenerator<NumberedLine> {
  const input = createReadStream(source.path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const raw of lines) {
      line += 1;
      // Editors on Windows save UTF-8 with a byte-order mark; JSON.parse would reject it.
      const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (text.trim() !== '') yield { line, text };
    }
  } catch (error: unknown) {
    // The only failures here are the input stream's, which readline rethrows.
    throw ioError(source, error);
  } finally {
    lines.close();
    input.destroy();
  }
}

function parseRecord(source: SourceConfig, line: number, text: string): Record<string, unknown> {
  // Depth and key count are measured on the text before anything parses or walks the line.
  const limits = { ...DEFAULT_INGEST_SETTINGS, maxRecordBytes: Infinity };
  const [broken] = screenJsonText(text, limits);
  if (broken?.code === 'too_deep' || broken?.code === 'too_many_keys')
    throw sourceFileError(source, broken.code, `line ${line}: ${broken.message}`, { row: line });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error: unknown) {
    const reason = error instanceof Error ? error.message : String(error);
    throw sourceFileError(source, 'malformed_json', `line ${line} is not valid JSON: ${reason}`, {
      row: line,
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    throw sourceFileError(source, 'malformed_json', `line ${line} is ${kind}, not a JSON object`, {
      row: line,
    });
  }
  const keys = normalizeHeader(source, Object.keys(value), line);
  const values: unknown[] = Object.values(value);
  return Object.fromEntries(keys.map((key, i): [string, unknown] => [key, values[i]]));
}
