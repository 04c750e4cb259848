import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { CliResult } from './run-cli.js';

const root = join(import.meta.dirname, '..', '..');

/**
 * `convrev` in a child process without blocking this one: for tests that serve something (a
 * webhook receiver) to the command while it runs.
 */
export function runCliAsync(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'convrev.js'), ...args], {
      cwd: root,
      env: { ...process.env, CONVREV_DEBUG: '', CONVREV_FROM_SOURCE: '1', ...env },
    });
    let [stdout, stderr] = ['', ''];
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
