import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const root = join(import.meta.dirname, '..', '..');

export interface CollectorProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Resolves with the exit code or signal once the process has ended. */
  readonly exited: Promise<string>;
}

/** Starts `convrev serve` on a free loopback port and resolves once it listens. */
export function startCollector(
  args: readonly string[],
  timeoutMs = 60_000,
): Promise<CollectorProcess> {
  return startListening('serve', args, timeoutMs);
}

/** Starts a listening convrev command (`serve`, `collect`) on a free loopback port. */
export async function startListening(
  command: string,
  args: readonly string[],
  timeoutMs = 60_000,
): Promise<CollectorProcess> {
  const child = spawn(
    process.execPath,
    [join(root, 'bin', 'convrev.js'), command, '--host', '127.0.0.1', '--port', '0', ...args],
    {
      cwd: root,
      env: { ...process.env, CONVREV_FROM_SOURCE: '1', CONVREV_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(String(signal ?? code))),
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // a process nobody holds must not outlive the test
      reject(new Error(`${command} did not start: ${stderr}`));
    }, timeoutMs);
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      const m = /^listening on (\S+)/.exec(line);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited (${how}) before listening: ${stderr}`));
    });
  });
  return { child, url, exited };
}
