import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../core/config/config.js';
import { InputError } from '../../core/errors.js';
import type { Problem } from '../../core/errors.js';
import { quoteLiteral } from '../../engine/quote.js';
import { openSourceFile } from './open-source-file.js';
import type { RawRow } from './open-source-file.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'convrev-parquet-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes a Parquet file of the query's result and returns a source reading it. */
async function parquetSource(name: string, select: string): Promise<SourceConfig> {
  const path = join(dir, name);
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  try {
    const connection = await instance.connect();
    await connection.run(`COPY (${select}) TO ${quoteLiteral(path)} (FORMAT parquet)`);
    connection.closeSync();
  } finally {
    instance.closeSync();
  }
  return source(path);
}

function source(path: string): SourceConfig {
  return {
    name: 'orders',
    kind: 'orders',
    path,
    format: 'parquet',
    mapping: {},
    constants: {},
    delimiter: ',',
  };
}

async function readAll(s: SourceConfig): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const row of (await openSourceFile(s)).rows()) rows.push(row);
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

describe('Parquet files', () => {
  it('streams rows in file order with JS values, timestamps as Dates and nulls kept', async () => {
    const s = await parquetSource(
      "o'rders.parquet",
      `SELECT * FROM (VALUES
         ('o1', TIMESTAMP '2024-03-01 09:30:00', 120.5, 'shoes', DATE '2024-03-01'),
         ('o2', TIMESTAMP '2024-03-02 10:00:00.250', NULL, NULL, NULL)
       ) AS t("Order_ID", "Placed At", amount, product_category, day)`,
    );
    expect((await openSourceFile(s)).columns).toEqual([
      'order_id',
      'placed at',
      'amount',
      'product_category',
      'day',
    ]);
    expect(await readAll(s)).toEqual([
      {
        line: 1,
        values: {
          order_id: 'o1',
          'placed at': new Date('2024-03-01T09:30:00Z'),
          amount: 120.5,
          product_category: 'shoes',
          day: new Date('2024-03-01T00:00:00Z'),
        },
      },
      {
        line: 2,
        values: {
          order_id: 'o2',
          'placed at': new Date('2024-03-02T10:00:00.250Z'),
          amount: null,
          product_category: null,
          day: null,
        },
      },
    ]);
  });

  it('numbers rows across DuckDB chunks', async () => {
    const s = await parquetSource('many.parquet', 'SELECT i AS n FROM range(5000) t(i) ORDER BY i');
    const rows = await readAll(s);
    expect(rows.length).toBe(5000);
    expect(rows[4999]).toEqual({ line: 5000, values: { n: 4999n } });
    expect(rows.every((r) => r.values['n'] === BigInt(r.line - 1))).toBe(true);
  });

  it('refuses a Parquet file without rows', async () => {
    const s = await parquetSource('empty.parquet', 'SELECT 1 AS n WHERE false');
    const problem = await problemOf(openSourceFile(s));
    expect(problem).toEqual({
      code: 'empty_file',
      message: 'the file has no rows',
      location: { source: 'orders', file: s.path },
    });
  });

  it('reports a file that is not Parquet', async () => {
    const path = join(dir, 'text.parquet');
    await writeFile(path, 'order_id,amount\no1,3\n');
    const problem = await problemOf(openSourceFile(source(path)));
    expect(problem.code).toBe('unreadable_parquet');
    expect(problem.location).toEqual({ source: 'orders', file: path });
    expect(problem.message).toMatch(/^cannot read the file as Parquet: .+/);
  });
});
