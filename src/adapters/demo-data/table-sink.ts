import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';
import { csvLine, type Cell } from './csv-line.js';

export type SinkFormat = 'csv' | 'jsonl';

/** One output file: its columns in order, and how its export is dressed. */
export interface TableSpec {
  readonly file: string;
  readonly format: SinkFormat;
  readonly columns: readonly string[];
  /** The header as written when it differs from `columns` (some exporters capitalise). */
  readonly header?: readonly string[];
  /** Start with a UTF-8 byte-order mark, as spreadsheet tools write. */
  readonly bom?: boolean;
}

// Lines are batched into large writes: one stream.write per row costs more than the row itself.
const FLUSH_AT = 256 * 1024;

/**
 * A file written row by row with bounded memory: rows collect in a list of lines that goes to the
 * stream once large, and a full stream is awaited ('drain') before more is produced.
 */
export class TableSink {
  rows = 0;
  private parts: string[] = [];
  private size = 0;
  private failure: unknown = undefined;

  private constructor(
    readonly spec: TableSpec,
    private readonly stream: WriteStream,
  ) {
    stream.on('error', (error: unknown) => {
      this.failure = error;
    });
    if (spec.bom === true) this.push('\uFEFF');
    if (spec.format === 'csv') this.push(csvLine(spec.header ?? spec.columns));
  }

  static open(dir: string, spec: TableSpec): TableSink {
    return new TableSink(spec, createWriteStream(join(dir, spec.file), { encoding: 'utf8' }));
  }

  get path(): string {
    return String(this.stream.path);
  }

  write(row: Readonly<Record<string, Cell>>): void {
    const { columns } = this.spec;
    if (this.spec.format === 'csv') {
      this.push(csvLine(columns.map((c) => row[c])));
    } else {
      // JSON lines leave absent values out, as event collectors do.
      const record: Record<string, string | number | boolean> = {};
      for (const c of columns) {
        const value = row[c];
        if (value !== null && value !== undefined && value !== '') record[c] = value;
      }
      this.push(`${JSON.stringify(record)}\n`);
    }
    this.rows += 1;
  }

  get isFull(): boolean {
    return this.size >= FLUSH_AT;
  }

  async flush(): Promise<void> {
    this.throwIfFailed();
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
    this.throwIfFailed();
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await finished(this.stream);
    this.throwIfFailed();
  }

  /** Stops writing after a failure elsewhere; the partial file is left for inspection. */
  abort(): void {
    this.parts = [];
    this.stream.destroy();
  }

  private push(text: string): void {
    this.parts.push(text);
    this.size += text.length;
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) {
      throw new Error(`writing ${this.spec.file} failed`, { cause: this.failure });
    }
  }
}
