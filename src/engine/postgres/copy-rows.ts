import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

// Lines are sent in batches of about this many characters: one CopyData message per row would
// spend more time framing than copying.
const BATCH_CHARS = 1 << 16;

async function* batches(lines: AsyncIterable<string> | Iterable<string>): AsyncIterable<string> {
  let batch = '';
  for await (const line of lines) {
    batch += line;
    if (batch.length >= BATCH_CHARS) {
      yield batch;
      batch = '';
    }
  }
  if (batch) yield batch;
}

/**
 * Streams COPY-format lines into `COPY ... FROM STDIN` with backpressure. If the lines fail
 * (bad input found mid-stream), the COPY is aborted on the server (CopyFail), the connection
 * stays usable, and the lines' own error is what rejects.
 */
export async function copyRows(
  client: pg.Client,
  copySql: string,
  lines: AsyncIterable<string> | Iterable<string>,
): Promise<void> {
  await pipeline(Readable.from(batches(lines)), client.query(copyFrom(copySql)));
}
