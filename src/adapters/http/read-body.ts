import { pipeline, Transform, type Readable } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';

/** A request body the collector refuses before storing anything: 413, 415 or 400. */
export class BodyError extends Error {
  constructor(
    readonly statusCode: 400 | 413 | 415,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

const tooLarge = (limit: number) =>
  new BodyError(
    413,
    'body_too_large',
    `the body is larger than ${limit} bytes; nothing was stored`,
  );

/**
 * A request body as text, decompressed when it says `Content-Encoding: gzip` or `deflate` (what
 * RudderStack's and other SDKs send). Streamed with a limit on both sides: the bytes received and
 * the bytes they decompress to each count against `limit`, and reading stops the moment either
 * passes it, so a zip bomb costs at most `limit` bytes of memory before its 413.
 */
export async function readBody(
  payload: Readable,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  limit: number,
): Promise<string> {
  const declared = Number(headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const encoding = String(headers['content-encoding'] ?? 'identity')
    .trim()
    .toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'identity' || encoding === ''
          ? null
          : undefined;
  if (decoder === undefined)
    throw new BodyError(
      415,
      'unsupported_encoding',
      `Content-Encoding ${encoding.slice(0, 40)} is not supported: send gzip, deflate or none`,
    );
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      received += chunk.length;
      done(received > limit ? tooLarge(limit) : null, chunk);
    },
  });
  const stream = decoder
    ? pipeline(payload, counter, decoder, () => undefined)
    : pipeline(payload, counter, () => undefined);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw tooLarge(limit);
      chunks.push(chunk);
    }
  } catch (error) {
    stream.destroy();
    if (error instanceof BodyError) throw error;
    if (decoder) throw new BodyError(400, 'bad_encoding', `the body is not valid ${encoding} data`);
    throw error;
  }
  return Buffer.concat(chunks).toString('utf8');
}
