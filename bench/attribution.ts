// `npm run bench:attribution`: the attribution stages at 10M touches and 1M conversions
// (BENCH_TOUCHES to change the scale; conversions are a tenth of it), built directly in DuckDB
// with SQL rather than through the demo generator, into the tables the stages read. Side by side
// in one run: a hand-written DuckDB SQL computing first, last and linear (the floor), and the
// pipeline's own attribution stages on the same tables: the journeys stage (digests, recompute
// list, journeys, fingerprints) on a first run and on a re-run with nothing changed, the credits
// of every rule model, and the data-driven stage. Wall time and peak RSS each, written to
// BENCHMARKS.md (section `attribution`). A benchmark, never a test.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  dataDrivenModelNamed,
  DEFAULT_PATH_TRANSFORMS,
  type DataDrivenModel,
} from '../src/core/attribution/data-driven-model.js';
import { defaultModel } from '../src/core/attribution/attribution-model.js';
import { shortFormDefinition } from '../src/core/attribution/conversion-definition.js';
import { MODEL_KINDS } from '../src/core/attribution/model-spec.js';
import { dataDrivenAttribution } from '../src/core/attribution/data-driven-attribution.js';
import { RawPaths } from '../src/core/attribution/raw-paths.js';
import type { AttributionConfig } from '../src/core/config/config.js';
import type { Engine } from '../src/engine/engine.js';
import { openEngine } from '../src/engine/open-engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { DATA_DRIVEN_TABLES } from '../src/engine/schema/data-driven-tables.js';
import {
  buildPathCounts,
  collectDeadModelResults,
  creditDataDrivenModels,
  writeModelCredits,
  writeModelRows,
} from '../src/pipeline/attribution/data-driven-credits.js';
import { creditRuleModels } from '../src/pipeline/attribution/credit-rule-models.js';
import { deriveJourneys } from '../src/pipeline/attribution/derive-journeys.js';
import { collectGarbage } from '../src/pipeline/collect-garbage.js';
import { recordAttributionSettings } from '../src/pipeline/attribution/record-attribution-settings.js';
import { refreshStatistics } from '../src/pipeline/refresh-statistics.js';
import { dataDrivenFloor, type FloorTimes } from './data-driven-floor.js';
import { RssSampler } from './rss-sampler.js';
import { machine, writeSection } from './write-benchmarks.js';

const touches = Number(process.env.BENCH_TOUCHES ?? 10_000_000);
const memoryLimit = process.env.BENCH_MEMORY_LIMIT ?? '1500MB';
const LOOKBACK = 90;
// Rounds of the like-for-like comparison (the floor and convrev, in turn first): the median
// of their ratios is reported.
const LIKE_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
// Persons hold 1 to 9 touches (5 on average); the first half of them convert once.
const persons = Math.round(touches / 5);
const CHANNELS = ['direct', 'organic', 'paid_search', 'email', 'social', 'chat', 'display', 'sms'];
const fmt = (n: number) => n.toLocaleString('en-US');
const floorParts = (t: FloorTimes | undefined) =>
  t === undefined
    ? ''
    : `converting paths ${t.paths.toFixed(2)}, path summary with the non-converting journeys ${t.summary.toFixed(2)}, stand-in shares written ${t.shares.toFixed(2)}, ${fmt(t.rows)} credits rows ${t.credits.toFixed(2)}`;
const dir = mkdtempSync(join(tmpdir(), 'convrev-bench-attribution-'));
const rss = new RssSampler();
rss.start();

interface Step {
  readonly name: string;
  readonly seconds: number;
  readonly rows: number;
  readonly mib: number;
}
const steps: Step[] = [];

async function timed(name: string, work: () => Promise<number>): Promise<Step> {
  rss.take();
  const t0 = performance.now();
  const rows = await work();
  const step = { name, seconds: (performance.now() - t0) / 1000, rows, mib: rss.take() };
  steps.push(step);
  console.log(
    `${name}: ${step.seconds.toFixed(2)} s, ${fmt(rows)} rows, ${step.mib.toFixed(0)} MiB`,
  );
  return step;
}

async function count(engine: Engine, table: string, where = 'TRUE'): Promise<number> {
  const [r] = await engine.query(sql(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`));
  return Number(r?.n ?? 0);
}

/** A uniform number in [0, 1) from a hash of the expression: deterministic, no RNG state. */
const uniform = (expr: string) => `(CAST(hash(${expr}) % 1000003 AS DOUBLE) / 1000003)`;

async function build(engine: Engine): Promise<number> {
  const channelList = `[${CHANNELS.map((c) => `'${c}'`).join(', ')}]`;
  // A person's conversion (or, for non-converters, reference) instant; touches fall up to 120
  // days before it, so about a quarter lie outside the 90-day window. Channels are skewed (the
  // square of a uniform picks low indices more often) and half of a person's touches come back
  // to their own usual channel, so paths repeat as real ones do.
  await engine.execute(
    sql(`CREATE TEMP TABLE bench_persons AS
SELECT p, 1 + CAST(hash(p) % 9 AS INTEGER) AS n,
       TIMESTAMP '2026-01-01' + to_days(CAST(120 + p % 60 AS INTEGER)) + to_seconds(CAST(hash(p, 'at') % 86400 AS BIGINT)) AS ref_at
FROM range(${persons}) t(p)`),
  );
  await engine.execute(
    sql(`INSERT INTO touchpoints
SELECT 'tp' || p || '-' || k, 'bench', 'marketing',
       ${channelList}[1 + CAST(floor(${CHANNELS.length} * pow(CASE WHEN ${uniform("p, k, 'stay'")} < 0.5 THEN ${uniform("p, 'home'")} ELSE ${uniform("p, k, 'ch'")} END, 2)) AS INTEGER)],
       NULL, NULL, ref_at - to_seconds(CAST(hash(p, k) % (120 * 86400) AS BIGINT)), NULL, 'p' || p, NULL
FROM (SELECT p, ref_at, unnest(range(n)) AS k FROM bench_persons)`),
  );
  await engine.execute(
    sql(`INSERT INTO conversions
SELECT 'order:' || p, 'order', 'person', 10 + CAST(hash(p, 'v') % 490 AS DOUBLE), ref_at, 'p' || p,
       NULL, NULL, NULL, 'bench', CAST(p AS INTEGER), 'order'
FROM bench_persons WHERE p < ${Math.round(persons / 2)}`),
  );
  return count(engine, 'touchpoints');
}

/** The floor: first, last and linear in one hand-written statement, person-level only. */
const FLOOR_SQL = `CREATE TABLE floor_credits AS
WITH j AS (
  SELECT c.conversion_id, t.touchpoint_id, c.value,
         ROW_NUMBER() OVER (PARTITION BY c.conversion_id ORDER BY t.occurred_at, t.touchpoint_id) AS pos,
         COUNT(*) OVER (PARTITION BY c.conversion_id) AS n
  FROM conversions c JOIN touchpoints t ON t.person_id = c.person_id
  WHERE t.occurred_at <= c.occurred_at AND t.occurred_at >= c.occurred_at - INTERVAL ${LOOKBACK} DAY
)
SELECT conversion_id, touchpoint_id, 'first_touch' AS model, 1.0::DOUBLE AS fraction, value FROM j WHERE pos = 1
UNION ALL
SELECT conversion_id, touchpoint_id, 'last_touch', 1.0::DOUBLE, value FROM j WHERE pos = n
UNION ALL
SELECT conversion_id, touchpoint_id, 'linear', 1.0 / n, value / n FROM j`;

try {
  const engine = await openEngine({
    kind: 'duckdb',
    path: join(dir, 'bench.duckdb'),
    memoryLimit,
    threads: 2,
  });
  const built = await timed('build tables (SQL, generate_series)', () => build(engine));
  const conversions = await count(engine, 'conversions');
  const dataDriven = ['markov', 'markov_2', 'markov_3', 'shapley_path', 'shapley_coalition'].map(
    (name) => dataDrivenModelNamed(name) as DataDrivenModel,
  );
  const config: AttributionConfig = {
    lookbackDays: LOOKBACK,
    models: MODEL_KINDS.map(defaultModel),
    conversions: [shortFormDefinition('order', LOOKBACK)],
    dataDriven,
  };
  await recordAttributionSettings(engine, config);

  const floor = await timed('(a) floor: hand-written SQL, first/last/linear', async () => {
    await engine.execute(sql(FLOOR_SQL));
    return count(engine, 'floor_credits');
  });
  // The journeys stage as the pipeline runs it; the first run recomputes everything.
  const journeys = await timed('(b) journeys stage, first run (all recomputed)', async () => {
    await deriveJourneys(engine, config);
    return count(engine, 'journeys');
  });
  // The credits stage as the pipeline runs it (one statement for every plain rule model): first
  // with first/last/linear alone (like for like with the floor), then with every rule model.
  const like = ['first_touch', 'last_touch', 'linear'];
  const likeModels = config.models.filter((m) => like.includes(m.name));
  const likeStep = await timed('(b) credits stage: first/last/linear', async () => {
    await creditRuleModels(engine, { ...config, models: likeModels });
    return count(engine, 'credits');
  });
  const likeRows = likeStep.rows;
  await engine.execute(sql('DELETE FROM credits'));
  const allStep = await timed(
    `(b) credits stage: all ${config.models.length} rule models`,
    async () => {
      await creditRuleModels(engine, config);
      return count(engine, 'credits');
    },
  );
  const allSeconds = allStep.seconds;
  if (floor.rows !== likeRows)
    throw new Error(
      `floor wrote ${floor.rows} credit rows, convrev ${likeRows}: not the same work`,
    );
  // The same work with the same answers: every floor credit row is one of convrev's.
  const [diff] = await engine.query(
    sql(`SELECT COUNT(*) AS n FROM (
  SELECT conversion_id, touchpoint_id, model, ROUND(fraction, 9) AS f FROM floor_credits
  EXCEPT SELECT conversion_id, touchpoint_id, model, ROUND(fraction, 9) FROM credits WHERE model IN ('first_touch', 'last_touch', 'linear')
) x`),
  );
  if (Number(diff?.n) !== 0)
    throw new Error(`${Number(diff?.n)} floor credits differ from convrev's`);
  const rerun = await timed('(b) re-run, nothing changed: journeys stage', async () => {
    const outcome = await deriveJourneys(engine, config);
    return outcome.recomputed;
  });
  const rerunCredits = await timed('(b) re-run, nothing changed: credits stage', async () => {
    const before = await count(engine, 'credits');
    await creditRuleModels(engine, config);
    return (await count(engine, 'credits')) - before;
  });
  if (rerun.rows !== 0 || rerunCredits.rows !== 0)
    throw new Error(`a re-run with nothing changed recomputed ${rerun.rows} journeys`);

  // The like-for-like comparison again, in rounds of the floor and convrev's first run (its
  // journeys and credits emptied, untimed, and its settings forgotten, so it recomputes
  // everything): this machine's speed drifts within a run (the floor once took 9.4 s and 6.4 s in
  // one run), so the ratio is the median of the rounds', each taken side by side.
  const rounds = [{ floor: floor.seconds, convrev: journeys.seconds + likeStep.seconds }];
  for (let round = 2; round <= LIKE_ROUNDS; round++) {
    for (const statement of ['DROP TABLE floor_credits', 'DELETE FROM attribution_fingerprints'])
      await engine.execute(sql(statement));
    for (const table of ['journeys', 'credits']) await engine.execute(sql(`DELETE FROM ${table}`));
    const floorRound = () =>
      timed(`(a) floor, round ${round}`, async () => {
        await engine.execute(sql(FLOOR_SQL));
        return count(engine, 'floor_credits');
      });
    // Every other round convrev goes first, so that neither side always follows the other.
    const f1 = round % 2 === 1 ? await floorRound() : undefined;
    const j = await timed(`(b) journeys stage, first run, round ${round}`, async () => {
      await deriveJourneys(engine, config);
      return count(engine, 'journeys');
    });
    const c = await timed(`(b) credits stage: first/last/linear, round ${round}`, async () => {
      await creditRuleModels(engine, { ...config, models: likeModels });
      return count(engine, 'credits');
    });
    const f = f1 ?? (await floorRound());
    rounds.push({ floor: f.seconds, convrev: j.seconds + c.seconds });
  }
  const median = (values: readonly number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  const likeRatio = median(rounds.map((r) => r.convrev / r.floor));
  const floorSeconds = median(rounds.map((r) => r.floor));

  // The data-driven stage (creditDataDrivenModels' steps, timed one by one).
  let raw: Awaited<ReturnType<typeof buildPathCounts>> = [];
  const paths = await timed('(c) paths: conversion paths and path counts (SQL)', async () => {
    raw = await buildPathCounts(engine, LOOKBACK);
    return raw.length;
  });
  const converting = raw.filter((r) => r.conversions > 0).length;
  const rawPaths = raw.length;
  // Every model here has the default transforms: one parse and trace serves them all.
  let parsed = new RawPaths([]);
  const prepared = await timed('(c) raw paths parsed and traced (shared)', () => {
    parsed = new RawPaths(raw);
    return Promise.resolve(parsed.transformed(DEFAULT_PATH_TRANSFORMS).traced.length);
  });
  const modelSteps: Step[] = [];
  const mathSteps: Step[] = [];
  // The model's math (from the path summary to every converting path's position shares) and the
  // writing of its rows, timed apart. As in the stage: past a heap budget, the dead results of
  // the models before are collected (inside the step it follows, so its time counts).
  for (const model of dataDriven) {
    let result: ReturnType<typeof dataDrivenAttribution> | undefined;
    const math = await timed(`(c) ${model.name}: the model's math`, () => {
      result = dataDrivenAttribution(parsed, model);
      return Promise.resolve(result.positionShares.size);
    });
    mathSteps.push(math);
    const written = await timed(
      `(c) ${model.name}: its paths and path credits written`,
      async () => {
        const rows = await writeModelRows(engine, model, parsed, result!);
        result = undefined;
        collectDeadModelResults();
        return rows;
      },
    );
    modelSteps.push({ ...written, seconds: math.seconds + written.seconds });
  }
  // As in the stage: the raw and traced paths are let go, and the dead results collected, before
  // the join.
  parsed = new RawPaths([]);
  raw = [];
  collectGarbage();
  await refreshStatistics(engine, ['data_driven_path_credits']);
  const ddCredits = await timed(
    '(c) credits rows of every data-driven model (one SQL join)',
    async () => {
      await writeModelCredits(engine, dataDriven);
      return count(
        engine,
        'credits',
        `model IN (${dataDriven.map((m) => `'${m.name}'`).join(', ')})`,
      );
    },
  );
  const [states] = await engine.query(
    sql("SELECT COUNT(*) AS n FROM data_driven_channels WHERE model = 'markov'"),
  );
  // The data-driven floor: the warehouse's part of any data-driven model, in plain SQL.
  let floorTimes: FloorTimes | undefined;
  const ddFloor = await timed(
    '(e) data-driven floor: hand-written SQL, stand-in model',
    async () => {
      floorTimes = await dataDrivenFloor(engine, LOOKBACK);
      return floorTimes.rows;
    },
  );
  // Each model configured alone, through the whole stage as the pipeline runs it (paths, parse
  // and trace, model, path credits, credits join): what the goal of under 5 s per model is
  // about. The tables of the run before are emptied first, untimed, as a run's start does.
  const aloneSteps: Step[] = [];
  for (const model of dataDriven) {
    for (const table of DATA_DRIVEN_TABLES) await engine.execute(sql(`DELETE FROM ${table.name}`));
    await engine.execute(
      sql(
        `DELETE FROM credits WHERE model IN (${dataDriven.map((m) => `'${m.name}'`).join(', ')})`,
      ),
    );
    collectGarbage();
    aloneSteps.push(
      await timed(`(d) ${model.name} alone: whole data-driven stage`, async () => {
        await creditDataDrivenModels(engine, [model], LOOKBACK);
        return count(engine, 'credits', `model = '${model.name}'`);
      }),
    );
  }
  const sumOf = (list: readonly Step[]) => list.reduce((sum, m) => sum + m.seconds, 0);
  await engine.close();

  const all7 = journeys.seconds + allSeconds;
  // The goal's 2 GB is the rule-based run's (floor, journeys, credits); the data-driven stage,
  // which holds the raw paths and every model's results in JavaScript besides, is shown apart.
  const peakOf = (list: readonly Step[]) => Math.max(...list.map((s) => s.mib));
  const rulePeak = peakOf(
    steps.filter((s) => s.name.startsWith('(a)') || s.name.startsWith('(b)')),
  );
  const dataDrivenPeak = peakOf(
    steps.filter((s) => s.name.startsWith('(c)') || s.name.startsWith('(d)')),
  );
  const shared = paths.seconds + prepared.seconds + ddCredits.seconds;
  const ddTotal = shared + sumOf(modelSteps);
  const row = (s: Step) =>
    `| ${s.name} | ${s.seconds.toFixed(2)} | ${fmt(s.rows)} | ${s.mib.toFixed(0)} |`;
  const body = `## Attribution at ${fmt(built.rows)} touches (\`npm run bench:attribution\`)

Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}; DuckDB memory_limit ${memoryLimit}, threads 2; load average ${loadavg()[0]?.toFixed(1)} when done (other work shares the machine).
Tables built directly in DuckDB with SQL: ${fmt(built.rows)} touches of ${fmt(persons)} persons over ${CHANNELS.length} channels (skewed; half of a person's touches on their usual channel), ${fmt(conversions)} conversions (orders of half the persons, definition \`order\`), lookback ${LOOKBACK} days: ${fmt(journeys.rows)} journey rows, ${fmt(rawPaths)} distinct raw paths (${fmt(converting)} converting), ${Number(states?.n)} channels.
convrev runs the pipeline's own stages: the journeys stage (per-key input digests, recompute list, stale deletes, the journeys of the definition with W-shaped milestones, fingerprints) and the credits stage (one statement for every rule model without custom weights), once with first/last/linear alone, whose credits are checked equal to the floor's, and once with all rule models. The like-for-like comparison runs in ${rounds.length} rounds, each the floor and convrev's first run side by side, in turn first (journeys and credits emptied and settings forgotten, untimed, before each later round); the ratio is the median of the rounds' ratios, since this machine's speed drifts within a run.

| comparison | convrev s | floor s | ratio | goal |
|---|---:|---:|---:|---:|
| journeys (first run) + first/last/linear (like for like; median of ${rounds.length} rounds) | ${rounds.map((r) => r.convrev.toFixed(2)).join(' / ')} | ${rounds.map((r) => r.floor.toFixed(2)).join(' / ')} | **${likeRatio.toFixed(2)}×** (${rounds.map((r) => `${(r.convrev / r.floor).toFixed(2)}×`).join(', ')}) | ≤ 1.5× |
| journeys (first run) + all ${config.models.length} rule models, against the median floor | ${all7.toFixed(2)} | ${floorSeconds.toFixed(2)} | **${(all7 / floorSeconds).toFixed(2)}×** | — |
| re-run, nothing changed (journeys + credits stages) | ${(rerun.seconds + rerunCredits.seconds).toFixed(2)} | — | — | — |

**Peak RSS of the rule-based part (floor, journeys, credits) ${rulePeak.toFixed(0)} MiB** (goal < 2,048); of the data-driven stage ${dataDrivenPeak.toFixed(0)} MiB.

| step | wall s | rows | peak RSS MiB |
|---|---:|---:|---:|
${steps.map(row).join('\n')}

Data-driven stage over ${fmt(conversions)} journeys (goal: Markov of orders 1 to 3 and path Shapley under 5 s each). A data-driven model is two kinds of work. **The warehouse's part**, the same for every model: each conversion's channel path, the non-converting journeys' paths, the path summary read back, and a credits row for every journey touch. Its floor, hand-written SQL doing that part plainly around a stand-in model (linear shares), took **${ddFloor.seconds.toFixed(2)} s** (${floorParts(floorTimes)}). **The model's own part**, its math from the path summary to the share of each position of each converting path: the parse and trace of the raw paths (${prepared.seconds.toFixed(2)} s, shared by models with the same transforms), then the model itself. Writing its paths and path credits to the warehouse is timed apart.

| model | the model's own part: parse and trace + the model's math, s | goal | its rows written s | alone, the whole stage s | the whole stage as a multiple of the warehouse floor + the model's own part |
|---|---:|---:|---:|---:|---:|
${mathSteps
  .map((m, i) => {
    const name = m.name.replace('(c) ', '').replace(": the model's math", '');
    const own = prepared.seconds + m.seconds;
    const written = (modelSteps[i]?.seconds ?? NaN) - m.seconds;
    const alone = aloneSteps[i]?.seconds ?? NaN;
    return `| ${name} | **${own.toFixed(2)}** | < 5 | ${written.toFixed(2)} | ${alone.toFixed(2)} | ${(alone / (ddFloor.seconds + own)).toFixed(2)}× |`;
  })
  .join('\n')}

With all ${dataDriven.length} models in one run the stage took ${ddTotal.toFixed(2)} s: the path step (${paths.seconds.toFixed(2)} s), the parse and trace (${prepared.seconds.toFixed(2)} s) and the credits join (${ddCredits.seconds.toFixed(2)} s, every model's rows at once) run once for all of them. "Alone" is \`creditDataDrivenModels\` with that one model, the tables of the run before emptied first (credits rows and peak RSS: ${aloneSteps.map((s) => `${s.name.replace('(d) ', '').replace(' alone: whole data-driven stage', '')} ${fmt(s.rows)} rows, ${s.mib.toFixed(0)} MiB`).join('; ')}).
`;
  writeSection(join(process.cwd(), 'BENCHMARKS.md'), 'attribution', body);
  console.log(body);
} finally {
  rss.stop();
  rmSync(dir, { recursive: true, force: true });
}
