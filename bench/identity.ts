// `npm run bench:identity`: the identity benchmark of issue 4, written to BENCHMARKS.md. Runs the
// parts of bench/identity-math.ts each in a child process of its own (so each peak RSS is that
// part's alone) and records what they print. Goals: deterministic stitching of 10M edges under
// 10 s; probabilistic matching of 50k records (blocking, EM, scoring, clustering) under 30 s.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { machine, writeSection } from './write-benchmarks.js';

const math = join(import.meta.dirname, 'identity-math.ts');
const warehouse = join(import.meta.dirname, 'identity-warehouse.ts');
// The stage's own path first, then the pure math it is compared with.
const PARTS = [
  [warehouse],
  [math, 'numbered'],
  [math, 'keyed'],
  [math, 'match'],
  [math, 'profiles'],
];
const outputs: string[] = [];
for (const args of PARTS) {
  const child = spawnSync(process.execPath, [...process.execArgv, ...args], {
    encoding: 'utf8',
    env: process.env,
    maxBuffer: 16 * 2 ** 20,
  });
  process.stdout.write(child.stdout);
  if (child.status !== 0) {
    process.stderr.write(child.stderr);
    process.exitCode = child.status ?? 1;
  }
  outputs.push(child.stdout.trim());
}
const body = [
  '## Identity resolution (`npm run bench:identity`)',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}; each part in a process of its own, peak RSS from the kernel's high-water mark. Goals (issue 4): deterministic stitching of 10M edges under 10 s; probabilistic matching of 50k records — blocking, u from random pairs, EM, scoring with term frequencies, guarded clustering — under 30 s. "warehouse-numbered" is the path the identity stage takes since the numbered graph (bench/identity-warehouse.ts): the warehouse numbers the identifiers, edges come back as integer pairs, the guarded stitch runs over Int32Arrays, persons go back as integers and are joined to text in SQL, with stable person ids and merge_audit — each run in one transaction that also emptied the run's tables, as convrev run does, and timed without writing the run's edges (the stage's SQL finds them in the landing tables; here they are copied from a table of integer pairs, timed apart): a first run on an empty warehouse (the full path, also as a multiple of the floor: hand-written SQL on the same edges that numbers the distinct identifiers in no particular order, reads the edges as integer pairs and writes each identifier with an integer person, around the same stitch — no junk values, key order, stable ids, shared devices or audit), a re-run on the same graph and a run after a batch of 1% more edges, each joining a new email to an existing identifier (both incremental: the run's edges are compared with the kept graph and only the touched persons, closed under refused merges, are re-stitched); "numbered" is the guarded stitch alone over integer-numbered identifiers; "keyed" the IdentityGraph the stage used before (string identifiers numbered in TypeScript as they arrive, then the same stitch; the stage also read every identifier and edge as row objects and wrote results row by row, not timed here); "profiles" the stage's own matcher at the identity.matching defaults.`,
  '',
  '```',
  ...outputs,
  '```',
].join('\n');
writeSection(join(import.meta.dirname, '..', 'BENCHMARKS.md'), 'identity', body);
