import { CommanderError } from 'commander';
import { EngineError, UserError, WarehouseLockedError } from '../../core/errors.js';
import { lockedLine } from './warehouse.js';

/**
 * Exit codes: 0 ok, 1 internal failure, 2 user error (input, config, flags), 3 warehouse error,
 * 4 ingest finished but dead-lettered some records (they are kept: convrev deadletters list),
 * 5 a data-quality check failed under --strict (`convrev run --strict`, `convrev quality --strict`;
 * the run's results are committed, the breach is in quality_results).
 */
export const EXIT = {
  ok: 0,
  internal: 1,
  user: 2,
  warehouse: 3,
  deadLettered: 4,
  qualityBreach: 5,
} as const;

/**
 * The one place the CLI turns a failure into a line and an exit code. People get one clear line;
 * a stack trace only when CONVREV_DEBUG is set.
 */
export function handleError(error: unknown, stderr: NodeJS.WriteStream = process.stderr): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.user;
  const debug = process.env.CONVREV_DEBUG
    ? `\n${error instanceof Error ? (error.stack ?? '') : ''}`
    : '';
  // A file held by another process is the user's to resolve: one line on what to do.
  if (error instanceof WarehouseLockedError) {
    stderr.write(`convrev: ${lockedLine(error)}${debug}\n`);
    return EXIT.user;
  }
  if (error instanceof UserError) {
    stderr.write(`convrev: ${error.message}${debug}\n`);
    return EXIT.user;
  }
  if (error instanceof EngineError) {
    stderr.write(`convrev: warehouse error: ${error.message.split('\n')[0] ?? ''}${debug}\n`);
    return EXIT.warehouse;
  }
  stderr.write(
    `convrev: internal error: ${error instanceof Error ? error.message : String(error)}${debug || '\n(set CONVREV_DEBUG=1 for the stack trace)'}\n`,
  );
  return EXIT.internal;
}
