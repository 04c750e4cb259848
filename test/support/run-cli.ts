import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real `convrev` command (bin/convrev.js, TypeScript source through tsx) in a child process; `env` adds to the environment. */
export function runCli(
  args: readonly string[],
  cwd = root,
  env: Readonly<Record<string, string>> = {},
): CliResult {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'convrev.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CONVREV_DEBUG: '', CONVREV_FROM_SOURCE: '1', ...env },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
