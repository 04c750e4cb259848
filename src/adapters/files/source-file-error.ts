import type { SourceConfig } from '../../core/config/config.js';
import { InputError } from '../../core/errors.js';

/** Machine codes of the problems a file reader reports. */
export type SourceFileProblemCode =
  | 'file_not_found'
  | 'unreadable_file'
  | 'empty_file'
  | 'binary_file'
  | 'malformed_csv'
  | 'malformed_json'
  | 'too_deep'
  | 'too_many_keys'
  | 'duplicate_column'
  | 'unreadable_parquet';

/** Builds the `InputError` of one problem, located at the source's file and, when known, a row and column. */
export function sourceFileError(
  source: SourceConfig,
  code: SourceFileProblemCode,
  message: string,
  where: { readonly row?: number; readonly column?: string } = {},
): InputError {
  return new InputError([
    { code, message, location: { source: source.name, file: source.path, ...where } },
  ]);
}

/** The OS error code (`ENOENT`, `EACCES`, …) of a Node I/O error, if it has one. */
export function errnoCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

/** An unexpected I/O failure met while streaming, as an `unreadable_file` problem. */
export function ioError(source: SourceConfig, error: unknown): InputError {
  const reason = error instanceof Error ? error.message : String(error);
  return sourceFileError(source, 'unreadable_file', `cannot read the file: ${reason}`);
}
