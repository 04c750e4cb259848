import type { KeyAuth } from '../../adapters/http/write-key-auth.js';
import type { Config } from '../../core/config/config.js';
import type { Engine } from '../../engine/engine.js';
import type { Serial } from '../../pipeline/ingest/serial.js';
import type { RunCache } from './run-cache.js';
import type { RunCoordinator } from './run-coordinator.js';

/** What every route module of the server gets: the warehouse, and the one queue to it. */
export interface ApiContext {
  readonly engine: Engine;
  /**
   * Runs warehouse work in turn with the collector's commits: the engine holds one connection,
   * and a read slipped into a commit's transaction would join it.
   */
  readonly serial: Serial;
  readonly authenticate: KeyAuth;
  /** Report answers, kept until the next pipeline run. */
  readonly reports: RunCache;
  /** The run config (`serve --config`); erasure recomputes under it. Null without one. */
  readonly config: Config | null;
  /** Runs the pipeline beside the collector (with a config); null without one. */
  readonly runs: RunCoordinator | null;
  /** The salt of privacy.hash_pii (CONVREV_PII_SALT), to find hashed identifiers. */
  readonly piiSalt?: string;
}
