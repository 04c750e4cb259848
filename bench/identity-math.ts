// `npx tsx bench/identity-math.ts [all|match|numbered|keyed|reference]`: the pure identity math
// at scale, timed with peak RSS. Prints only; writes nothing. Goals (issue 4): 10M edges of
// deterministic stitching under 10 s; probabilistic matching of 50k records under 30 s.
// `all` runs each part in a child process of its own, so each peak RSS is that part's alone:
// the work is synchronous, so the kernel's high-water mark (maxRSS), not a timer, measures it.
import { spawnSync } from 'node:child_process';
import {
  DEFAULT_STITCH_GUARDS,
  REFUSAL_REASONS,
  compileStitchGuards,
} from '../src/core/identity/stitch-guards.js';
import { guardedStitch } from '../src/core/identity/guarded-stitch.js';
import { IdentityGraph } from '../src/core/identity/identity-graph.js';
import { UnionFind } from '../src/core/identity/union-find.js';
import { personRecordComparisons } from '../src/core/matching/person-record-config.js';
import {
  matchRecords,
  type MatchConfig,
  type MatchPhase,
} from '../src/core/matching/match-records.js';
import { scoreClusterPairs } from '../src/core/matching/pairwise-scores.js';
import { seededRandom } from '../src/core/matching/seeded-random.js';
import { TYPES, numberedGraph } from './identity-graph-generator.js';
import { DEFAULT_IDENTITY } from '../src/core/config/config.js';
import {
  profileMatchConfig,
  type PersonProfile,
} from '../src/core/matching/profile-match-config.js';

const part = process.argv[2] ?? 'all';
const EDGES = Number(process.env.BENCH_EDGES ?? 10_000_000);
const RECORDS = Number(process.env.BENCH_RECORDS ?? 50_000);
/** Peak resident memory of this process so far, MiB (Linux reports maxRSS in KiB). */
const peakRss = () => process.resourceUsage().maxRSS / 1024;
const seconds = (t0: number) => ((performance.now() - t0) / 1000).toFixed(2);
const fmt = (n: number) => n.toLocaleString('en-US');

// ---------- deterministic stitching ----------

function stitchGraph() {
  const t0 = performance.now();
  const graph = numberedGraph(EDGES);
  console.log(
    `\nDeterministic stitching: ${fmt(graph.edgeCount)} edges, ${fmt(graph.nodeCount)} identifiers (generated in ${seconds(t0)} s, RSS after generating ${peakRss().toFixed(0)} MiB)`,
  );
  return graph;
}

/** The production path: identifiers numbered by the warehouse, edges as integer arrays. */
function benchNumbered(): void {
  const graph = stitchGraph();
  const t0 = performance.now();
  const outcome = guardedStitch(graph, compileStitchGuards(DEFAULT_STITCH_GUARDS, TYPES));
  const time = seconds(t0);
  const refused = new Map<string, number>();
  for (const code of outcome.reason) {
    const why = REFUSAL_REASONS[code]!;
    if (code !== 0) refused.set(why, (refused.get(why) ?? 0) + 1);
  }
  console.log(
    `  numbered identifiers (guardedStitch): ${time} s, peak RSS ${peakRss().toFixed(0)} MiB`,
  );
  console.log(
    `    persons ${fmt(outcome.components)}, largest ${outcome.largest}, shared devices ${fmt(outcome.shared.reduce((s, x) => s + x, 0))}, refused ${[...refused].map(([r, n]) => `${r} ${fmt(n)}`).join(', ')}`,
  );
}

/** The convenience path: identifiers as strings, numbered here. */
function benchKeyed(): void {
  const graph = stitchGraph();
  const t0 = performance.now();
  const keyed = new IdentityGraph(TYPES);
  for (let e = 0; e < graph.edgeCount; e++) {
    const a = graph.left[e]!;
    const b = graph.right[e]!;
    keyed.addEdge(TYPES[graph.nodeType[a]!]!, `v${a}`, TYPES[graph.nodeType[b]!]!, `v${b}`);
  }
  const built = seconds(t0);
  const t1 = performance.now();
  const stitched = keyed.stitch(DEFAULT_STITCH_GUARDS);
  console.log(
    `  keyed identifiers (IdentityGraph): ${seconds(t0)} s (numbering ${built} s, stitching ${seconds(t1)} s), peak RSS ${peakRss().toFixed(0)} MiB`,
  );
  console.log(
    `    persons ${fmt(stitched.sizes.clusters)}, largest ${stitched.sizes.largest}, refused ${fmt(stitched.refused.length)}`,
  );
}

/** For comparison: the string UnionFind the pipeline stitches with today, without guards. */
function benchReference(): void {
  const graph = stitchGraph();
  const t0 = performance.now();
  const plain = new UnionFind();
  for (let e = 0; e < graph.edgeCount; e++)
    plain.union(`v${graph.left[e]!}`, `v${graph.right[e]!}`);
  const largest = plain.groups().reduce((m, g) => Math.max(m, g.length), 0);
  console.log(
    `  reference, string UnionFind without guards: ${seconds(t0)} s, peak RSS ${peakRss().toFixed(0)} MiB, largest person ${fmt(largest)} identifiers`,
  );
}

// ---------- probabilistic matching ----------

type Person = {
  readonly first_name: string | null;
  readonly surname: string | null;
  readonly dob: string | null;
  readonly city: string | null;
  readonly email: string | null;
};

const SYLLABLES =
  'ab al an ar be bo da de el en er ha il in ja ka la le li lo ma mi na ne no or ra re ri ro sa se sh ta te th to va wi'.split(
    ' ',
  );

/** Person records with fake_1000's kinds of noise: typos, swaps, nulls, shifted dates. */
function people(count: number, seed: number): { records: Person[]; truth: number[] } {
  const random = seededRandom(seed);
  const zipf = (n: number) => Math.min(n - 1, Math.floor(n ** random()) - 1);
  const word = (parts: number) =>
    Array.from({ length: parts }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]!).join(
      '',
    );
  const firsts = Array.from({ length: 400 }, () => word(2));
  const surnames = Array.from({ length: 6000 }, () => word(2 + Math.floor(random() * 2)));
  const cities = Array.from({ length: 80 }, () => word(3));
  const domains = Array.from({ length: 300 }, () => `${word(2)}.com`);
  const typo = (s: string) => {
    if (random() > 0.2 || s.length < 3) return s;
    const i = Math.floor(random() * (s.length - 1));
    return random() < 0.5
      ? s.slice(0, i) + s.slice(i + 1)
      : s.slice(0, i) + s[i + 1]! + s[i]! + s.slice(i + 2);
  };
  const maybe = (v: string) => (random() < 0.18 ? null : v);
  const records: Person[] = [];
  const truth: number[] = [];
  for (let p = 0; records.length < count; p++) {
    const first = firsts[zipf(firsts.length)]!;
    const last = surnames[zipf(surnames.length)]!;
    const born = new Date(Date.UTC(1940, 0, 1) + Math.floor(random() * 25_000) * 86_400_000);
    const city = cities[zipf(cities.length)]!;
    const email = `${first[0]!}${last}${Math.floor(random() * 100)}@${domains[Math.floor(random() * domains.length)]!}`;
    const copies = 1 + Math.floor(random() * 7);
    for (let c = 0; c < copies && records.length < count; c++) {
      const shifted =
        random() < 0.15
          ? new Date(born.getTime() + (random() < 0.5 ? -1 : 1) * 30 * 86_400_000)
          : born;
      const swap = random() < 0.05;
      records.push({
        first_name: maybe(typo(swap ? last : first)),
        surname: maybe(typo(swap ? first : last)),
        dob: maybe(shifted.toISOString().slice(0, 10)),
        city: maybe(typo(city)),
        email: maybe(typo(email)),
      });
      truth.push(p);
    }
  }
  return { records, truth };
}

// The comparisons identity evaluate uses on fake_1000; blocking tightened for 50k records.
const CONFIG: MatchConfig<Person> = {
  comparisons: personRecordComparisons(['first_name', 'surname', 'dob', 'city', 'email']),
  blocking: [
    {
      name: 'surname prefix + first initial',
      key: (r) =>
        r.surname && r.first_name ? `${r.surname.slice(0, 3)}|${r.first_name[0]!}` : null,
      fields: ['surname', 'first_name'],
    },
    { name: 'dob', key: (r) => r.dob, fields: ['dob'] },
    { name: 'email', key: (r) => r.email, fields: ['email'] },
    {
      name: 'city + first name',
      key: (r) => (r.city && r.first_name ? `${r.city}|${r.first_name}` : null),
      fields: ['city', 'first_name'],
    },
  ],
  threshold: 0.9,
  cannotLinkBelow: 0.001,
  uPairs: 1_000_000,
  seed: 1,
};

function benchMatch(): void {
  const { records, truth } = people(RECORDS, 7);
  console.log(
    `\nProbabilistic matching: ${fmt(records.length)} records of ${fmt(new Set(truth).size)} people`,
  );
  const phases: { phase: MatchPhase | 'compile'; at: number }[] = [
    { phase: 'compile', at: performance.now() },
  ];
  const t0 = performance.now();
  const run = matchRecords(records, {
    ...CONFIG,
    onPhase: (phase) => phases.push({ phase, at: performance.now() }),
  });
  const total = seconds(t0);
  const peak = peakRss();
  phases.push({ phase: 'clustering', at: performance.now() });
  const timing = phases
    .slice(0, -1)
    .map((p, i) => `${p.phase} ${((phases[i + 1]!.at - p.at) / 1000).toFixed(2)}`);
  const f1 = scoreClusterPairs(run.clustering.clusterOf, truth);
  console.log(
    `  total ${total} s, peak RSS ${peak.toFixed(0)} MiB; phases (s): ${timing.join(', ')}`,
  );
  console.log(
    `  candidates ${fmt(run.candidates.length)} (${run.blocking.map((b) => `${b.rule} ${fmt(b.pairs)}${b.oversizeBlocks.length ? `, ${b.oversizeBlocks.length} oversize blocks skipped` : ''}`).join('; ')})`,
  );
  console.log(
    `  EM ${run.em.iterations} iterations${run.em.converged ? '' : ' (not converged)'}, prior λ ${run.model.lambda.toExponential(3)}, links ${fmt(run.rawMatches.length)}, refused by guard ${fmt(run.clustering.refused.length)}`,
  );
  console.log(
    `  clusters ${fmt(run.clustering.clusters.length)}, largest ${Math.max(...run.clustering.clusters.map((c) => c.length))}; against the generator's truth: precision ${f1.precision.toFixed(3)}, recall ${f1.recall.toFixed(3)}, F1 ${f1.f1.toFixed(3)}`,
  );
}

/** The pipeline's matcher (profileMatchConfig at the default settings) over 50k person profiles. */
function benchProfiles(): void {
  const { records, truth } = people(RECORDS, 11);
  const profiles: PersonProfile[] = records.map((r, i) => ({
    first_name: r.first_name,
    last_name: r.surname,
    email: r.email,
    phone: i % 3 === 0 ? null : `+1415${String((truth[i]! * 7919) % 10_000_000).padStart(7, '0')}`,
    company: r.city,
    crm_contact_id: i % 4 === 0 ? `c${i}` : null,
    user_id: null,
  }));
  const t0 = performance.now();
  const run = matchRecords(profiles, profileMatchConfig(DEFAULT_IDENTITY.matching));
  const total = seconds(t0);
  const f1 = scoreClusterPairs(run.clustering.clusterOf, truth);
  console.log(
    `\nPipeline profile matching (identity.matching defaults): ${fmt(profiles.length)} profiles, a quarter on CRM contacts`,
  );
  console.log(
    `  total ${total} s, peak RSS ${peakRss().toFixed(0)} MiB; candidates ${fmt(run.candidates.length)}, links ${fmt(run.rawMatches.length)}, refused ${fmt(run.clustering.refused.length)}, largest cluster ${Math.max(...run.clustering.clusters.map((c) => c.length))}, F1 ${f1.f1.toFixed(3)}`,
  );
}

const parts: Record<string, () => void> = {
  match: benchMatch,
  profiles: benchProfiles,
  numbered: benchNumbered,
  keyed: benchKeyed,
  reference: benchReference,
};
const run = parts[part];
if (run) run();
else if (part === 'all') {
  console.log(
    `identity math benchmark, node ${process.version}, ${fmt(EDGES)} edges, ${fmt(RECORDS)} records`,
  );
  for (const name of Object.keys(parts)) {
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, name], {
      stdio: 'inherit',
      env: process.env,
    });
    if (child.status !== 0) process.exitCode = child.status ?? 1;
  }
} else {
  console.error(`unknown part ${part}: use all, ${Object.keys(parts).join(', ')}`);
  process.exitCode = 2;
}
