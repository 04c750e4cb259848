// `npx tsx bench/attribution-math.ts`: the data-driven attribution math over 1M synthetic journeys,
// summarised to paths first (as the pipeline does). Prints timings; writes nothing.
// Goal (issue 5): Markov orders 1–3 and fractribution Shapley under 5 s each.
import { channelTotals } from '../src/core/attribution/channel-totals.js';
import { coalitionShapley, shapleyFromTable } from '../src/core/attribution/coalition-shapley.js';
import { markovAttribution } from '../src/core/attribution/markov-attribution.js';
import { pathShapleyCredits } from '../src/core/attribution/path-shapley.js';
import { summarisePaths, type PathJourney } from '../src/core/attribution/path-summary.js';
import {
  applyPathTransforms,
  type PathTransform,
} from '../src/core/attribution/path-transforms.js';
import { prng } from '../src/core/attribution/prng.test-support.js';

const JOURNEYS = Number(process.env.BENCH_JOURNEYS ?? 1_000_000);
const CHANNELS = [
  'Direct',
  'Organic_Search',
  'Paid_Search',
  'Email',
  'Social',
  'Display',
  'Referral',
  'Video',
  'Affiliate',
  'Chat',
];
const POPULARITY = [30, 25, 12, 10, 8, 5, 4, 3, 2, 6];
const LIFT: Record<string, number> = { Chat: 0.06, Email: 0.02, Paid_Search: 0.015, Video: 0.01 };

function generate(seed: number): PathJourney[][] {
  const rand = prng(seed);
  const total = POPULARITY.reduce((s, w) => s + w, 0);
  const pick = () => {
    let r = rand() * total;
    for (let i = 0; i < CHANNELS.length; i++) {
      r -= POPULARITY[i] ?? 0;
      if (r < 0) return CHANNELS[i] ?? 'Direct';
    }
    return 'Direct';
  };
  const raw: string[][] = [];
  const outcome: { converted: boolean; revenue: number }[] = [];
  for (let j = 0; j < JOURNEYS; j++) {
    const path: string[] = [pick()];
    while (path.length < 12 && rand() < 0.55)
      path.push(rand() < 0.35 ? (path[path.length - 1] ?? 'Direct') : pick());
    let p = 0.02;
    for (const c of new Set(path)) p += LIFT[c] ?? 0.003;
    const converted = rand() < p;
    raw.push(path);
    outcome.push({
      converted,
      revenue: converted ? Math.round((20 + 400 * rand() ** 2) * 100) / 100 : 0,
    });
  }
  const journeys = (transforms: readonly PathTransform[]) =>
    raw.map((path, j) => ({
      path: applyPathTransforms(path, transforms),
      ...(outcome[j] ?? { converted: false }),
    }));
  return [journeys([{ kind: 'exposure' }]), journeys([])];
}

/** Best and median of three runs: the machine is shared, the best run is the math's own cost. */
function time<T>(f: () => T): [T, number, number] {
  const seconds: number[] = [];
  let result: T | undefined;
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    result = f();
    seconds.push((performance.now() - t0) / 1000);
  }
  seconds.sort((a, b) => a - b);
  return [result as T, seconds[0] ?? NaN, seconds[1] ?? NaN];
}

const rows: string[] = [];
const report = (what: string, [best, median]: readonly [number, number], note = '') =>
  rows.push(
    `| ${what.padEnd(44)} | ${best.toFixed(3).padStart(6)} | ${median.toFixed(3).padStart(6)} | ${note} |`,
  );

const t0 = performance.now();
const [exposure, unique] = generate(42);
console.log(
  `${JOURNEYS.toLocaleString('en-US')} synthetic journeys over ${CHANNELS.length} channels, generated in ` +
    `${((performance.now() - t0) / 1000).toFixed(1)} s (not timed below). Seconds: best and median of 3.`,
);

for (const [name, journeys] of [
  ['exposure', exposure],
  ['unique', unique],
] as const) {
  const [summary, ...summarising] = time(() => summarisePaths(journeys ?? []));
  const conversions = summary.reduce((s, p) => s + p.conversions, 0);
  report(
    `[${name}] summarise journeys → path summary`,
    summarising,
    `${summary.length.toLocaleString('en-US')} paths, ${conversions.toLocaleString('en-US')} conversions`,
  );
  for (const order of [1, 2, 3]) {
    const [auto, ...seconds] = time(() => markovAttribution(summary, { order }));
    report(
      `[${name}] Markov order ${order} (auto: ${auto.solver})`,
      seconds,
      `${auto.states} states`,
    );
    if (order === 3) {
      const other = auto.solver === 'direct' ? 'iterative' : 'direct';
      const [forced, ...more] = time(() => markovAttribution(summary, { order, solver: other }));
      const gap = Math.max(
        ...auto.channels.map((c, i) =>
          Math.abs(c.removalEffect - (forced.channels[i]?.removalEffect ?? NaN)),
        ),
      );
      report(
        `[${name}] Markov order 3 (forced: ${other})`,
        more,
        `max removal-effect gap ${gap.toExponential(1)}`,
      );
    }
  }
  const [credits, ...shapley] = time(() => channelTotals(pathShapleyCredits(summary)));
  report(`[${name}] fractribution Shapley + channel totals`, shapley, `${credits.length} channels`);
  const [, ...coalition] = time(() => coalitionShapley(summary, { measure: 'revenue' }));
  report(`[${name}] exact coalition Shapley`, coalition, `2^${CHANNELS.length} coalitions`);
}

{
  const rand = prng(7);
  const table = Float64Array.from({ length: 2 ** 15 }, (_v, mask) => (mask === 0 ? 0 : rand()));
  const [, ...seconds] = time(() => shapleyFromTable(15, table));
  report('exact Shapley of a 15-player game', seconds, '2^15 coalitions');
}

console.log(`| step${' '.repeat(41)}|   best | median | notes |`);
console.log(`|${'-'.repeat(46)}|--------|--------|-------|`);
console.log(rows.join('\n'));
console.log(`node ${process.version} ${process.arch}`);
