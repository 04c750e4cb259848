import type { Command } from 'commander';
import { generateDemoData, SCALE_PRESETS } from '../../../adapters/demo-data/generate-demo-data.js';
import { UserError } from '../../../core/errors.js';

/** A scale given as a preset name (small, medium, large) or a number of touchpoints. */
export function parseScale(text: string): number {
  if (Object.hasOwn(SCALE_PRESETS, text)) return SCALE_PRESETS[text as keyof typeof SCALE_PRESETS];
  const n = Number(text.replaceAll('_', ''));
  if (!Number.isInteger(n) || n < 1000 || n > 10_000_000) {
    throw new UserError(
      `--scale ${text}: give small, medium, large or a whole number from 1000 to 10000000`,
    );
  }
  return n;
}

export function parseSeed(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 32 - 1)
    throw new UserError(`--seed ${text}: give a whole number from 0 to 4294967295`);
  return n;
}

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('write deterministic demo data (files, config and identity truth) to a folder')
    .option('--scale <n>', 'small, medium, large or a number of touchpoints', 'small')
    .option('--seed <n>', 'random seed', '42')
    .requiredOption('--out <dir>', 'folder to write')
    .action(async (flags: { scale: string; seed: string; out: string }) => {
      const summary = await generateDemoData({
        scale: parseScale(flags.scale),
        seed: parseSeed(flags.seed),
        outDir: flags.out,
      });
      for (const [file, rows] of Object.entries(summary.files))
        process.stdout.write(`${file.padEnd(28)}${String(rows).padStart(12)} rows\n`);
      process.stdout.write(`config: ${summary.configPath}\nidentity truth: ${summary.truthPath}\n`);
    });
}
