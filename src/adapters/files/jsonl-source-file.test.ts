import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../core/config/config.js';
import { InputError } from '../../core/errors.js';
import type { Problem } from '../../core/errors.js';
import { openSourceFile } from './open-source-file.js';
import type { RawRow } from './open-source-file.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'convrev-jsonl-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function jsonlSource(name: string, text: string): Promise<SourceConfig> {
  const path = join(dir, name);
  await writeFile(path, text);
  return {
    name: 'events',
    kind: 'conversation_events',
    path,
    format: 'jsonl',
    mapping: {},
    constants: {},
    delimiter: ',',
  };
}

async function readAll(source: SourceConfig): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const row of (await openSourceFile(source)).rows()) rows.push(row);
  return rows;
}

async function problemOf(work: Promise<unknown>): Promise<Problem> {
  const error: unknown = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  const problem = (error as InputError).problems[0];
  if (!problem) throw new Error('InputError without problems');
  return problem;
}

describe('JSONL files', () => {
  it('skips blank lines, numbers records by line and keeps nested values as they are', async () => {
    const text = [
      '\uFEFF{"Event_ID":"e1","occurred_at":"2024-01-01T10:00:00Z","confidence":0.9}',
      '',
      '   ',
      '{"event_id":"e2","properties":{"page":"/pricing","tags":["a","b"]},"two_way":true,"x":null}',
      '',
    ].join('\r\n');
    const source = await jsonlSource('events.jsonl', text);
    expect((await openSourceFile(source)).columns).toBeNull();
    expect(await readAll(source)).toEqual([
      { line: 1, values: { event_id: 'e1', occurred_at: '2024-01-01T10:00:00Z', confidence: 0.9 } },
      {
        line: 4,
        values: {
          event_id: 'e2',
          properties: { page: '/pricing', tags: ['a', 'b'] },
          two_way: true,
          x: null,
        },
      },
    ]);
  });

  it('refuses a line that is JSON but not an object, naming the line', async () => {
    const source = await jsonlSource('array.jsonl', '{"event_id":"e1"}\n\n["e2"]\n');
    const problem = await problemOf(readAll(source));
    expect(problem).toEqual({
      code: 'malformed_json',
      message: 'line 3 is an array, not a JSON object',
      location: { source: 'events', file: source.path, row: 3 },
    });
  });

  it('refuses a line that is not JSON, naming the line', async () => {
    const source = await jsonlSource('broken.jsonl', '{"event_id":"e1"}\n{"event_id": e2}\n');
    const problem = await problemOf(readAll(source));
    expect(problem.code).toBe('malformed_json');
    expect(problem.location).toEqual({ source: 'events', file: source.path, row: 2 });
    expect(problem.message).toMatch(/^line 2 is not valid JSON: /);
  });

  it('refuses a record whose keys collide after lower-casing', async () => {
    const source = await jsonlSource('dup.jsonl', '{"a":1}\n{"Email":"x","email":"y"}\n');
    const problem = await problemOf(readAll(source));
    expect(problem.code).toBe('duplicate_column');
    expect(problem.location).toEqual({
      source: 'events',
      file: source.path,
      row: 2,
      column: 'email',
    });
  });

  it('refuses a file of blank lines as empty', async () => {
    const source = await jsonlSource('blank.jsonl', '\n  \n\n');
    const problem = await problemOf(openSourceFile(source));
    expect(problem.code).toBe('empty_file');
    expect(problem.message).toBe('the file has no records');
  });
});
