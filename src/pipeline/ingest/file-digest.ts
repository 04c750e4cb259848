import type { SourceConfig } from '../../core/config/config.js';

/** What a file's bytes are, as one streamed SHA-256 pass finds them. */
export interface FileDigest {
  readonly bytes: number;
  /** SHA-256 (hex) of the whole file. */
  readonly sha256: string;
  /** With a prefix length asked for and within the file: SHA-256 of its first that many bytes. */
  readonly prefixSha256?: string;
  /** Whether that prefix ends a line (its last byte is a newline): appended rows start after it. */
  readonly prefixEndsLine?: boolean;
}

/**
 * Digests a source's file. Adapters implement it (the pipeline never opens files itself); a caller
 * that passes none gets every file read in full on every run.
 */
export type DigestSourceFile = (source: SourceConfig, prefixBytes?: number) => Promise<FileDigest>;
