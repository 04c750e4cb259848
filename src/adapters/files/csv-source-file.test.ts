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
  dir = await mkdtemp(join(tmpdir(), 'convrev-csv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function csvSource(name: string, text: string, delimiter = ','): Promise<SourceConfig> {
  const path = join(dir, name);
  await writeFile(path, text);
  return {
    name: 'crm',
    kind: 'touchpoints',
    path,
    format: 'csv',
    mapping: {},
    constants: {},
    delimiter,
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

describe('CSV files', () => {
  it('strips a UTF-8 BOM and lower-cases and trims header names', async () => {
    const source = await csvSource(
      'bom.csv',
      '\uFEFFTouch ID, Touch Date ,CHANNEL\nt1,2024-01-01,chat\n',
    );
    const file = await openSourceFile(source);
    expect(file.columns).toEqual(['touch id', 'touch date', 'channel']);
    expect(await readAll(source)).toEqual([
      { line: 2, values: { 'touch id': 't1', 'touch date': '2024-01-01', channel: 'chat' } },
    ]);
  });

  it('keeps commas and line breaks inside quotes and numbers later rows by physical line', async () => {
    const text = 'id,note,amount\n1,"a, b",3\n2,"first\nsecond\nthird",4\n\n3,plain,\n';
    const rows = await readAll(await csvSource('quoted.csv', text));
    expect(rows).toEqual([
      { line: 2, values: { id: '1', note: 'a, b', amount: '3' } },
      { line: 3, values: { id: '2', note: 'first\nsecond\nthird', amount: '4' } },
      { line: 7, values: { id: '3', note: 'plain', amount: '' } },
    ]);
  });

  it('counts a CRLF inside a quoted field as one line break', async () => {
    const text = 'id,note\r\n1,"x\r\ny"\r\n\r\n2,z\r\n';
    const rows = await readAll(await csvSource('crlf.csv', text));
    expect(rows.map((r) => [r.line, r.values['note']])).toEqual([
      [2, 'x\r\ny'],
      [5, 'z'],
    ]);
  });

  it('reads a tab-separated file with the source delimiter', async () => {
    const source = await csvSource(
      'spend.tsv',
      'Day\tChannel\tAmount\n2024-01-01\t"paid, search"\t12.50\n',
      '\t',
    );
    expect(await readAll(source)).toEqual([
      { line: 2, values: { day: '2024-01-01', channel: 'paid, search', amount: '12.50' } },
    ]);
  });

  it('streams a large file with every row numbered', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `t${i},2024-01-01T00:00:00Z`);
    const rows = await readAll(await csvSource('big.csv', `id,at\n${lines.join('\n')}\n`));
    expect(rows.length).toBe(20_000);
    expect(rows.at(-1)).toEqual({
      line: 20_001,
      values: { id: 't19999', at: '2024-01-01T00:00:00Z' },
    });
  });

  it('reports an unclosed quote at the line where its record starts', async () => {
    const source = await csvSource(
      'unclosed.csv',
      'id,note\n1,"a\nb"\n2,"never closed\n3,x\n4,y\n',
    );
    const problem = await problemOf(readAll(source));
    expect(problem.code).toBe('malformed_csv');
    expect(problem.location).toEqual({ source: 'crm', file: source.path, row: 4, column: 'note' });
    expect(problem.message).toBe(
      'malformed CSV at line 4: Quote Not Closed: the parsing is finished with an opening quote',
    );
  });

  it('yields a ragged row as the problem of that row, with its line and text, and reads on', async () => {
    const source = await csvSource('count.csv', 'id,note\n1,ok\n\n2,too,many\n3\n4,last\n');
    const rows = await readAll(source);
    expect(rows.map((r) => [r.line, r.problem?.code ?? 'ok'])).toEqual([
      [2, 'ok'],
      [4, 'ragged_row'],
      [5, 'ragged_row'],
      [6, 'ok'],
    ]);
    expect(rows[1]).toEqual({
      line: 4,
      values: {},
      problem: {
        code: 'ragged_row',
        message: 'the record has 3 fields but the header has 2',
        location: { source: 'crm', file: source.path, row: 4 },
      },
      raw: '2,too,many',
    });
    expect(rows[3]?.values).toEqual({ id: '4', note: 'last' });
  });

  it('refuses a binary file with a description, never its bytes', async () => {
    const path = join(dir, 'binary.csv');
    await writeFile(
      path,
      Buffer.from([0x69, 0x64, 0x0a, 0x1b, 0x5b, 0x33, 0x31, 0x6d, 0x00, 0xff]),
    );
    const problem = await problemOf(
      openSourceFile({ ...(await csvSource('x.csv', 'a\n1\n')), path }),
    );
    expect(problem.code).toBe('binary_file');
    expect(problem.message).toBe(
      'the file is not UTF-8 CSV text: it holds a NUL byte at offset 8 (a binary file?)',
    );
    for (const [bytes, what] of [
      [[0x1f, 0x8b, 0x08, 0x00], 'it starts like a gzip archive (decompress it first)'],
      [
        [0x50, 0x4b, 0x03, 0x04, 0x14],
        'it starts like a ZIP archive or an .xlsx workbook (export it as CSV)',
      ],
      [[0xff, 0xfe, 0x69, 0x00], 'it starts with a UTF-16 byte-order mark (save it as UTF-8)'],
      [
        [0x69, 0x64, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a],
        'byte 6 is not valid UTF-8 (a binary file, or not UTF-8?)',
      ],
    ] as const) {
      await writeFile(path, Buffer.from(bytes));
      const p = await problemOf(openSourceFile({ ...(await csvSource('x.csv', 'a\n1\n')), path }));
      expect(p.message).toBe(`the file is not UTF-8 CSV text: ${what}`);
    }
  });

  it('names the column of a stray quote', async () => {
    const source = await csvSource('stray.csv', 'Id,Note\n1,ok\n2,say "hi"\n');
    const problem = await problemOf(readAll(source));
    expect(problem.location).toEqual({ source: 'crm', file: source.path, row: 3, column: 'Note' });
    expect(problem.message).toMatch(/^malformed CSV at line 3: Invalid Opening Quote/);
  });

  it('refuses an empty file, a blank file and a header without rows, naming the file', async () => {
    for (const [name, text, reason] of [
      ['empty.csv', '', 'is empty'],
      ['blank.csv', '\n\n', 'has no header line'],
      ['header.csv', 'id,note\n', 'has a header but no rows'],
    ] as const) {
      const source = await csvSource(name, text);
      const problem = await problemOf(openSourceFile(source));
      expect(problem.code).toBe('empty_file');
      expect(problem.message).toBe(`the file ${reason}`);
      expect(problem.location).toEqual({ source: 'crm', file: source.path });
    }
  });

  it('refuses two header names that are equal after lower-casing', async () => {
    const source = await csvSource('dup.csv', 'Email,id, email\na@x.io,1,b@x.io\n');
    const problem = await problemOf(openSourceFile(source));
    expect(problem.code).toBe('duplicate_column');
    expect(problem.location).toEqual({ source: 'crm', file: source.path, row: 1, column: 'email' });
    expect(problem.message).toBe(
      "columns 'Email' and ' email' are the same name after lower-casing and trimming",
    );
  });
});
