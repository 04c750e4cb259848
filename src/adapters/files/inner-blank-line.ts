import { createReadStream } from 'node:fs';

const BLANK = [Buffer.from('\n\n'), Buffer.from('\r\r'), Buffer.from('\n\r\n')];

/**
 * Whether the file has an empty line before its last record. The engine's CSV reader skips
 * empty lines without counting them, so such a file's line numbers cannot be told set-wise;
 * trailing empty lines do not matter. Searches with Buffer.indexOf (native speed, bounded memory).
 */
export async function hasInnerBlankLine(path: string): Promise<boolean> {
  let tail = Buffer.alloc(0);
  let blankAt = -1;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    const buffer = tail.length ? Buffer.concat([tail, chunk]) : chunk;
    if (blankAt < 0) {
      const found = BLANK.map((b) => buffer.indexOf(b)).filter((i) => i >= 0);
      blankAt = found.length ? Math.min(...found) : -1;
    } else blankAt = 0;
    if (blankAt >= 0 && hasContent(buffer, blankAt)) return true;
    tail = Buffer.from(buffer.subarray(Math.max(0, buffer.length - 2)));
  }
  return false;
}

function hasContent(buffer: Buffer, from: number): boolean {
  for (let i = from; i < buffer.length; i++)
    if (buffer[i] !== 0x0a && buffer[i] !== 0x0d) return true;
  return false;
}
