import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceConfig, SourceFormat } from '../../core/config/config.js';
import { InputError } from '../../core/errors.js';
import type { OpenSourceFile } from '../../pipeline/load/source-file.js';
import { normalizeColumnName, openSourceFile } from './open-source-file.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'convrev-open-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const source = (path: string, format: SourceFormat): SourceConfig => ({
  name: 'web',
  kind: 'touchpoints',
  path,
  format,
  mapping: {},
  constants: {},
  delimiter: ',',
});

async function errorOf(work: Promise<unknown>): Promise<InputError> {
  const error: unknown = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof InputError))
    throw new Error(`expected an InputError, got ${String(error)}`);
  return error;
}

describe('openSourceFile', () => {
  it('reports a missing file in every format, naming source and file', async () => {
    for (const format of ['csv', 'jsonl', 'parquet'] as const) {
      const path = join(dir, `missing.${format}`);
      const error = await errorOf(openSourceFile(source(path, format)));
      expect(error.problems).toEqual([
        {
          code: 'file_not_found',
          message: 'the file does not exist',
          location: { source: 'web', file: path },
        },
      ]);
      expect(error.message).toBe(`source web, file ${path}: the file does not exist`);
    }
  });

  it('reports a directory given as a file', async () => {
    const error = await errorOf(openSourceFile(source(dir, 'csv')));
    expect(error.problems[0]?.code).toBe('unreadable_file');
    expect(error.problems[0]?.message).toBe('the path is not a regular file');
  });

  it('implements the load stage port', () => {
    // A compile-time check: the pipeline declares the reader it needs, this module provides it.
    const open: OpenSourceFile = openSourceFile;
    expect(open).toBe(openSourceFile);
  });

  it('normalizes column names the way readers key values', () => {
    expect(normalizeColumnName('  Touch Date ')).toBe('touch date');
  });
});
