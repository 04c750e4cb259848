import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { SourceConfig } from '../../core/config/config.js';
import type { FileDigest } from '../../pipeline/ingest/file-digest.js';
import { checkReadableFile } from './check-readable-file.js';

/**
 * SHA-256 of a source's file in one streamed pass (bounded memory, ~1 GB/s), and of its first
 * `prefixBytes` bytes on the way (a copy of the hash state taken there), for append-only sources.
 */
export async function digestSourceFile(
  source: SourceConfig,
  prefixBytes?: number,
): Promise<FileDigest> {
  await checkReadableFile(source);
  const hash = createHash('sha256');
  let bytes = 0;
  let prefix: { sha256: string; endsLine: boolean } | undefined;
  const takePrefix = (lastByte: number | undefined) => {
    prefix = { sha256: hash.copy().digest('hex'), endsLine: lastByte === 0x0a };
  };
  let lastByte: number | undefined;
  if (prefixBytes === 0) takePrefix(undefined);
  for await (const chunk of createReadStream(source.path)) {
    const buffer = chunk as Buffer;
    if (prefixBytes !== undefined && !prefix && bytes + buffer.length >= prefixBytes) {
      const cut = prefixBytes - bytes;
      hash.update(buffer.subarray(0, cut));
      takePrefix(cut > 0 ? buffer[cut - 1] : lastByte);
      hash.update(buffer.subarray(cut));
    } else hash.update(buffer);
    bytes += buffer.length;
    if (buffer.length) lastByte = buffer[buffer.length - 1];
  }
  return {
    bytes,
    sha256: hash.digest('hex'),
    ...(prefix ? { prefixSha256: prefix.sha256, prefixEndsLine: prefix.endsLine } : {}),
  };
}
