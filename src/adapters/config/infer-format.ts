import { extname } from 'node:path';
import type { SourceFormat } from '../../core/config/config.js';

const BY_EXTENSION: Readonly<Record<string, SourceFormat>> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.parquet': 'parquet',
};

/** The format a file's extension names (case-insensitive), or undefined when it names none. */
export function inferFormat(path: string): SourceFormat | undefined {
  return BY_EXTENSION[extname(path).toLowerCase()];
}

/** The delimiter of a CSV source that does not set one: a tab for .tsv files, else a comma. */
export function defaultDelimiter(path: string): string {
  return extname(path).toLowerCase() === '.tsv' ? '\t' : ',';
}
