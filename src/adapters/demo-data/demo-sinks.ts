import { TableSink } from './table-sink.js';
import { DEMO_TABLES, type ColumnOf, type DemoTable } from './demo-tables.js';
import type { Cell } from './csv-line.js';

export type RowOf<T extends DemoTable> = Partial<Record<ColumnOf<T>, Cell>>;

/** The open output files of one run, written by table name with typed column names. */
export class DemoSinks {
  private constructor(private readonly sinks: Record<DemoTable, TableSink>) {}

  static open(dir: string): DemoSinks {
    const entries = (Object.keys(DEMO_TABLES) as DemoTable[]).map(
      (table) => [table, TableSink.open(dir, DEMO_TABLES[table])] as const,
    );
    return new DemoSinks(Object.fromEntries(entries) as Record<DemoTable, TableSink>);
  }

  write<T extends DemoTable>(table: T, row: RowOf<T>): void {
    this.sinks[table].write(row);
  }

  count(table: DemoTable): number {
    return this.sinks[table].rows;
  }

  /** Hands full buffers to their files, waiting where a file is behind. */
  async drain(): Promise<void> {
    for (const sink of Object.values(this.sinks)) {
      if (sink.isFull) await sink.flush();
    }
  }

  abort(): void {
    for (const sink of Object.values(this.sinks)) sink.abort();
  }

  /** Closes every file; returns file name → data rows written (headers not counted). */
  async close(): Promise<Record<string, number>> {
    const files: Record<string, number> = {};
    for (const sink of Object.values(this.sinks)) {
      await sink.close();
      files[sink.spec.file] = sink.rows;
    }
    return files;
  }
}
