import { readFileSync } from 'node:fs';

// package.json sits two levels above both src/interfaces and dist/interfaces.
const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export const VERSION = pkg.version;
