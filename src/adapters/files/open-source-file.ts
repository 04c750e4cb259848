import type { SourceConfig } from '../../core/config/config.js';
import type { SourceFile } from '../../pipeline/load/source-file.js';
import { openCsvFile } from './csv-source-file.js';
import { openJsonlFile } from './jsonl-source-file.js';
import { openParquetFile } from './parquet-source-file.js';
import { checkReadableFile } from './check-readable-file.js';
import { sniffTextFile } from './sniff-text-file.js';

export type { RawRow, SourceFile } from '../../pipeline/load/source-file.js';

/**
 * Opens a source's file: checks it exists and is non-empty, reads its header (CSV) or schema
 * (Parquet), and returns a reader that streams its records without loading the file into memory.
 * Throws `InputError` (codes `file_not_found`, `unreadable_file`, `empty_file`, `binary_file`, `malformed_csv`,
 * `malformed_json`, `duplicate_column`, `unreadable_parquet`) naming source, file and line.
 */
export async function openSourceFile(source: SourceConfig): Promise<SourceFile> {
  await checkReadableFile(source);
  if (source.format !== 'parquet') await sniffTextFile(source);
  switch (source.format) {
    case 'csv':
      return openCsvFile(source);
    case 'jsonl':
      return openJsonlFile(source);
    case 'parquet':
      return openParquetFile(source);
  }
}

export { normalizeColumnName } from './normalize-column-name.js';
