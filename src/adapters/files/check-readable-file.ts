import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { SourceConfig } from '../../core/config/config.js';
import { errnoCode, ioError, sourceFileError } from './source-file-error.js';

/**
 * Fails early, before any parser starts, for the mistakes users make most: a wrong path, a
 * directory, a zero-byte export. Parsers would report these as confusing format errors.
 */
export async function checkReadableFile(source: SourceConfig): Promise<void> {
  let info: Stats;
  try {
    info = await stat(source.path);
  } catch (error: unknown) {
    const code = errnoCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw sourceFileError(source, 'file_not_found', 'the file does not exist');
    }
    throw ioError(source, error);
  }
  if (!info.isFile()) {
    throw sourceFileError(source, 'unreadable_file', 'the path is not a regular file');
  }
  if (info.size === 0) throw sourceFileError(source, 'empty_file', 'the file is empty');
}
