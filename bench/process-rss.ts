import { readFileSync } from 'node:fs';

/**
 * Resident memory of another process on this machine (a PostgreSQL backend), in bytes, from
 * /proc; 0 when it cannot be read (the server is elsewhere, or not Linux).
 */
export function processRss(pid: number): () => number {
  return () => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kib = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
      return kib === undefined ? 0 : Number(kib) * 1024;
    } catch {
      return 0;
    }
  };
}
