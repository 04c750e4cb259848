import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The folder of a reference fixture in ../shared/fixtures, or null when it (or one of `files`)
 * is absent. Conformance suites skip visibly then, except in CI, where the fixtures are always
 * beside the project: there an absent fixture is a failing test, never a silent skip.
 */
export function sharedFixture(
  suite: string,
  folder: string,
  files: readonly string[] = [],
): string | null {
  const dir = join(projectRoot, '..', 'shared', 'fixtures', folder);
  if (existsSync(dir) && files.every((f) => existsSync(join(dir, f)))) return dir;
  const why = `its fixture is absent (looked in ${dir})`;
  if (process.env.CI === 'true')
    describe(suite, () => {
      it('has its fixture in CI', () => {
        throw new Error(`${why}; CI must provide ../shared/fixtures beside the project`);
      });
    });
  else console.warn(`Skipping ${suite}: ${why}.`);
  return null;
}
