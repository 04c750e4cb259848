import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { EngineConfig } from '../../core/config/config.js';
import { VERSION } from './version.js';

/**
 * What `convrev serve` leaves next to the DuckDB file it holds (`<db>.serve.json`), so other
 * convrev commands find it and go through its API instead of hitting the file's lock.
 */
export interface ServerState {
  readonly pid: number;
  /** The server's address, e.g. http://127.0.0.1:8080. */
  readonly url: string;
  readonly started_at: string;
  readonly version: string;
}

/** The state file of the warehouse at `dbPath`. */
export function serverStatePath(dbPath: string): string {
  return `${dbPath}.serve.json`;
}

/** Writes the state file (atomically: a reader sees the old one or the whole new one). */
export function writeServerState(dbPath: string, state: ServerState): void {
  const path = serverStatePath(dbPath);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temporary, path);
}

/** Removes the state file if it is this process's: another server may have taken over since. */
export function removeServerState(dbPath: string, pid = process.pid): void {
  if (readServerState(dbPath)?.pid === pid) rmSync(serverStatePath(dbPath), { force: true });
}

/**
 * The state of the server holding `dbPath`, or null when there is none. A state file whose
 * process is gone (a server killed before it could clean up) is stale: it is removed and
 * ignored.
 */
export function liveServerState(dbPath: string): ServerState | null {
  const state = readServerState(dbPath);
  if (!state) return null;
  if (alive(state.pid)) return state;
  rmSync(serverStatePath(dbPath), { force: true });
  return null;
}

function readServerState(dbPath: string): ServerState | null {
  let text: string;
  try {
    text = readFileSync(serverStatePath(dbPath), 'utf8');
  } catch {
    return null;
  }
  try {
    const value = JSON.parse(text) as Partial<ServerState>;
    if (typeof value.pid !== 'number' || typeof value.url !== 'string') return null;
    return {
      pid: value.pid,
      url: value.url,
      started_at: String(value.started_at ?? ''),
      version: String(value.version ?? ''),
    };
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Called by `convrev serve` once listening: on a DuckDB file, writes the state file and returns
 * what removes it on a clean stop. Elsewhere (PostgreSQL, `:memory:`) there is nothing to find.
 */
export function announceServer(engine: EngineConfig, url: string): () => void {
  if (engine.kind !== 'duckdb' || engine.path === ':memory:') return () => undefined;
  const path = engine.path;
  writeServerState(path, {
    pid: process.pid,
    url,
    started_at: new Date().toISOString(),
    version: VERSION,
  });
  return () => removeServerState(path);
}
