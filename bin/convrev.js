#!/usr/bin/env node
// Runs the compiled CLI when built, else the TypeScript source through tsx (development checkout).
// CONVREV_FROM_SOURCE=1 forces the source, so tests never exercise a stale dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'interfaces', 'cli', 'main.js');
if (existsSync(built) && !process.env.CONVREV_FROM_SOURCE) {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'src', 'interfaces', 'cli', 'main.ts')).href);
}
