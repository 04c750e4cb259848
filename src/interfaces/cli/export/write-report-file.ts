import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { extname, resolve } from 'node:path';
import { UserError } from '../../../core/errors.js';
import type { ColumnType, ExportFormat } from '../../../engine/dialect.js';
import type { Engine, Row, RowValue } from '../../../engine/engine.js';
import { createTableSql } from '../../../engine/schema/table-spec.js';
import type { ColumnSpec, TableSpec } from '../../../engine/schema/table-spec.js';
import { sql, type SqlStatement } from '../../../engine/sql/sql-statement.js';
import { loadRows } from '../../../pipeline/metrics/load-rows.js';
import { formatForMachines } from '../format/format-value.js';
import { csvCell, renderRows } from '../format/render-rows.js';

/** What a report offers an export: its rows, and where it has one, the SQL that yields them. */
export interface ExportSource {
  rows(): Promise<Row[]>;
  readonly statement?: SqlStatement | undefined;
  /** Column types where the report's table names them; others are inferred from the values. */
  readonly columns: readonly ColumnSpec[];
  /** Which columns a table shows as money, where their names do not tell (see formatForPeople). */
  readonly isMoney?: (column: string) => boolean;
}

export function exportFormatOf(file: string): ExportFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.parquet') return 'parquet';
  if (ext === '.csv') return 'csv';
  throw new UserError(`--out ${file}: give a .parquet or .csv file`);
}

function inferType(value: RowValue | undefined): ColumnType {
  if (typeof value === 'number' || typeof value === 'bigint') return 'double';
  if (typeof value === 'boolean') return 'boolean';
  if (value instanceof Date) return 'timestamp';
  return 'text';
}

function specFor(name: string, rows: readonly Row[], known: readonly ColumnSpec[]): TableSpec {
  const keys = rows[0] ? Object.keys(rows[0]) : known.map((c) => c.name);
  return {
    name,
    columns: keys.map(
      (key) =>
        known.find((c) => c.name === key) ?? {
          name: key,
          type: inferType(rows.find((r) => r[key] !== null && r[key] !== undefined)?.[key]),
        },
    ),
  };
}

/**
 * Writes a report to a .parquet or .csv file and returns how many rows it wrote (undefined when
 * the engine wrote them itself from SQL). Engines with the `copyToFile` capability write the file
 * (from the report's SQL, or from its rows staged in a temporary table); elsewhere CSV is written
 * here, as `--format csv` prints it, and Parquet is refused.
 */
export async function writeReportFile(
  engine: Engine,
  source: ExportSource,
  file: string,
): Promise<number | undefined> {
  const format = exportFormatOf(file);
  const path = resolve(file);
  const d = engine.dialect;
  if (d.copyToFile) {
    if (source.statement) {
      await engine.execute({
        ...source.statement,
        sql: d.copyToFile(source.statement.sql, path, format),
      });
      return undefined;
    }
    const rows = await source.rows();
    const table = specFor(`convrev_export_${process.pid}`, rows, source.columns);
    await engine.execute(
      sql(createTableSql(d, table).replace(/^CREATE TABLE/, 'CREATE TEMP TABLE')),
    );
    try {
      await engine.append(table.name, loadRows(table, rows));
      await engine.execute(
        sql(d.copyToFile(`SELECT * FROM ${d.quoteIdentifier(table.name)}`, path, format)),
      );
    } finally {
      await engine.execute(sql(`DROP TABLE ${d.quoteIdentifier(table.name)}`));
    }
    return rows.length;
  }
  if (format === 'parquet')
    throw new UserError(
      `--out ${file}: the ${d.name} warehouse cannot write Parquet; give a .csv file`,
    );
  if (!source.statement) {
    const rows = await source.rows();
    const out = createWriteStream(path);
    out.end(`${renderRows(rows, 'csv')}\n`);
    await once(out, 'finish');
    return rows.length;
  }
  return streamCsv(engine, source.statement, path);
}

async function streamCsv(engine: Engine, statement: SqlStatement, path: string): Promise<number> {
  const out = createWriteStream(path);
  let columns: string[] | undefined;
  let count = 0;
  for await (const chunk of engine.stream(statement)) {
    const lines: string[] = [];
    for (const row of chunk) {
      if (!columns) {
        columns = Object.keys(row);
        lines.push(columns.map(csvCell).join(','));
      }
      const cols = columns;
      lines.push(cols.map((c) => csvCell(formatForMachines(row[c]))).join(','));
      count += 1;
    }
    if (lines.length && !out.write(`${lines.join('\n')}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return count;
}
