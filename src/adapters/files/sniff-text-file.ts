import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';
import type { SourceConfig } from '../../core/config/config.js';
import { sourceFileError } from './source-file-error.js';

const SAMPLE_BYTES = 8192;

/**
 * Refuses a CSV or JSONL source whose first bytes are not UTF-8 text (a spreadsheet, a gzip, a
 * UTF-16 export), with a description of what it looks like instead. Parsing such a file would
 * yield a "header" of binary garbage, echoed into messages and terminals byte for byte.
 */
export async function sniffTextFile(source: SourceConfig): Promise<void> {
  const handle = await open(source.path, 'r');
  let sample: Buffer;
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    sample = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const what = binaryKind(sample);
  if (what !== null)
    throw sourceFileError(
      source,
      'binary_file',
      `the file is not UTF-8 ${source.format.toUpperCase()} text: ${what}`,
    );
}

/** What a sample looks like when it is not UTF-8 text, or null when it is. */
export function binaryKind(sample: Buffer): string | null {
  if (sample.length >= 2 && sample[0] === 0x1f && sample[1] === 0x8b)
    return 'it starts like a gzip archive (decompress it first)';
  if (sample.length >= 4 && sample.readUInt32BE(0) === 0x504b0304)
    return 'it starts like a ZIP archive or an .xlsx workbook (export it as CSV)';
  if (
    sample.length >= 2 &&
    ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff))
  )
    return 'it starts with a UTF-16 byte-order mark (save it as UTF-8)';
  const nul = sample.indexOf(0);
  if (nul >= 0) return `it holds a NUL byte at offset ${nul} (a binary file?)`;
  // A multi-byte character cut off by the end of the sample is not an error.
  const end = sample.length === SAMPLE_BYTES ? Math.max(0, sample.length - 4) : sample.length;
  const offset = firstInvalidUtf8(sample.subarray(0, end));
  return offset === null
    ? null
    : `byte ${offset} is not valid UTF-8 (a binary file, or not UTF-8?)`;
}

function firstInvalidUtf8(bytes: Buffer): number | null {
  if (isUtf8(bytes)) return null;
  // The first replacement character marks the first bad byte (a genuine U+FFFD before it could
  // only move the offset shown, never make valid text look invalid).
  const decoded = new TextDecoder('utf-8').decode(bytes);
  return Buffer.byteLength(decoded.slice(0, Math.max(0, decoded.indexOf('\uFFFD'))), 'utf8');
}
