import { EngineError, WarehouseLockedError } from '../../core/errors.js';

// DuckDB says "Could not set lock on file …: Conflicting lock is held in /usr/bin/node (PID 123)".
const LOCKED = /Could not set lock|Conflicting lock/;
const HOLDER = /\(PID (\d+)\)/;

/** Why a DuckDB file did not open: held by another process (a named error), or anything else. */
export function duckdbOpenError(path: string, cause: unknown): EngineError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  if (LOCKED.test(reason)) {
    const pid = HOLDER.exec(reason)?.[1];
    return new WarehouseLockedError(path, pid === undefined ? undefined : Number(pid), { cause });
  }
  return new EngineError(`cannot open DuckDB database ${path}: ${reason}`, '', { cause });
}
