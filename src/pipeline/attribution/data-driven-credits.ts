import { setImmediate } from 'node:timers/promises';
import { attributionProblem, throwIfProblems } from '../../core/attribution/attribution-error.js';
import {
  dataDrivenAttribution,
  type DataDrivenResult,
} from '../../core/attribution/data-driven-attribution.js';
import type { DataDrivenModel } from '../../core/attribution/data-driven-model.js';
import { PATH_SEPARATOR } from '../../core/attribution/path-key.js';
import type { PathSummary } from '../../core/attribution/path-summary.js';
import { RawPaths } from '../../core/attribution/raw-paths.js';
import type { Engine, LoadColumn, LoadValue } from '../../engine/engine.js';

import {
  buildConversionPathsSql,
  buildDataDrivenCreditsSql,
  buildPathCountsSql,
  pathTokensSql,
} from '../../engine/sql/data-driven-sql.js';
import { sql } from '../../engine/sql/sql-statement.js';
import { collectGarbage, collectGarbageAbove } from '../collect-garbage.js';
import { refreshStatistics } from '../refresh-statistics.js';
import { withWriteSettings } from '../with-bulk-text-writes.js';

/** A raw path's counts, and its number in `conversion_paths` (null when nobody converted on it). */
export interface PathCounts extends PathSummary {
  readonly pathId: number | null;
}

/**
 * The data-driven models (Markov, path Shapley, coalition Shapley): journeys become raw channel
 * paths in SQL, counted per path with the non-converting journeys, read back (paths are few next
 * to touches), parsed and traced once for every model, run through each model in TypeScript, and
 * handed back as per-position shares of each raw converting path, which one SQL join turns
 * into credits of every model. Writes the models' transformed path summaries and channel results
 * too. Nothing to do when no such model is configured.
 */
export async function creditDataDrivenModels(
  engine: Engine,
  models: readonly DataDrivenModel[],
  lookbackDays: number,
): Promise<{ rows: number; detail: string }> {
  if (models.length === 0) return { rows: 0, detail: 'none configured' };
  let positions = 0;
  let detail = '';
  {
    // Read, parsed and traced once for every model; dropped before the credits join needs the
    // memory (nothing below holds the raw rows).
    const raw = await buildPathCounts(engine, lookbackDays);
    const paths = raw.filter((r) => r.conversions > 0).length;
    detail = `${models.map((m) => m.name).join(', ')}: ${raw.length} paths (${paths} converting)`;
    const parsed = new RawPaths(raw);
    for (const [i, model] of models.entries()) {
      positions += await writeModelResult(engine, model, parsed);
      // After the last model the full collection below does it.
      if (i < models.length - 1) collectDeadModelResults();
      // One model's math holds the event loop; the server's collector gets a turn between models.
      await setImmediate();
    }
  }
  // The raw and traced paths and every model's results are dead now: collected before the join,
  // whose engine memory would otherwise come on top of theirs.
  collectGarbage();
  await refreshStatistics(engine, ['data_driven_path_credits']);
  await writeModelCredits(engine, models);
  return { rows: positions, detail };
}

/**
 * Writes `conversion_paths` from the journeys and returns the raw path counts, converting and
 * not, sorted by path key (code-unit order, whatever order the engine returned them in).
 */
export async function buildPathCounts(engine: Engine, lookbackDays: number): Promise<PathCounts[]> {
  const d = engine.dialect;
  await checkChannelNames(engine);
  // Sorted so that the same touches always pack to the same numbers.
  const tokens = (await engine.query(pathTokensSql()))
    .map((r) => String(r.token))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  await engine.execute(buildConversionPathsSql(d, tokens));
  await refreshStatistics(engine, ['conversion_paths']);
  return (await engine.query(buildPathCountsSql(d, lookbackDays)))
    .map((r) => ({
      path: String(r.path),
      pathId: r.path_id === null || r.path_id === undefined ? null : Number(r.path_id),
      conversions: Number(r.conversions),
      nonConversions: Number(r.non_conversions),
      revenue: Number(r.revenue ?? 0),
    }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Between models, once their rows are in the warehouse: V8 lets the dead results of the models
 * before pile up by a factor of the live heap (the raw and traced paths, ~450 MB at 1M journeys),
 * and with the engine's buffers they took the stage past 2 GB. Past this much heap (a little
 * over the live paths) they are collected: a full collection costs some 0.3 s there. At 768 MiB
 * the 10M bench's stage still peaked at 2,115 MiB; at 512 MiB, 1,931 MiB, the models as fast.
 */
const MODEL_HEAP_BUDGET = 512 * 2 ** 20;

export function collectDeadModelResults(): void {
  collectGarbageAbove(MODEL_HEAP_BUDGET);
}

/** Runs one model on the raw path counts and writes its paths, channels and path credits. */
export function writeModelResult(
  engine: Engine,
  model: DataDrivenModel,
  raw: RawPaths,
): Promise<number> {
  return writeModelRows(engine, model, raw, dataDrivenAttribution(raw, model));
}

/** Writes a model's result (on `raw`): its paths, channels and path credits. */
export async function writeModelRows(
  engine: Engine,
  model: DataDrivenModel,
  raw: RawPaths,
  result: DataDrivenResult,
): Promise<number> {
  const idOf = pathIdsOf(raw);
  // Some 10⁵ paths: as columns, like the path credits below.
  const paths = result.paths;
  await engine.appendColumns('data_driven_paths', [
    new Array<string>(paths.length).fill(model.name),
    paths.map((p) => p.path),
    Int32Array.from(paths, (p) => p.conversions),
    Int32Array.from(paths, (p) => p.nonConversions),
    Float64Array.from(paths, (p) => p.revenue),
  ]);
  await engine.append(
    'data_driven_channels',
    result.channels.map((c): LoadValue[] => [
      model.name,
      c.channel,
      c.removalEffect,
      c.valueRemovalEffect,
      c.conversions,
      c.revenue,
    ]),
  );
  return engine.appendColumns('data_driven_path_credits', pathCreditColumns(model, result, idOf));
}

/** Turns the models' path credits into credits rows, one join for all of them. */
export async function writeModelCredits(
  engine: Engine,
  models: readonly DataDrivenModel[],
): Promise<void> {
  if (models.length === 0) return;
  await withWriteSettings(engine, engine.dialect.repeatedTextWrites, () =>
    engine.execute(
      buildDataDrivenCreditsSql(
        engine.dialect,
        models.map((m) => m.name),
      ),
    ),
  );
}

// Every model of a run reads the same raw paths: their ids are looked up once, not per model.
const pathIds = new WeakMap<RawPaths, ReadonlyMap<string, number | null>>();

function pathIdsOf(raw: RawPaths): ReadonlyMap<string, number | null> {
  let ids = pathIds.get(raw);
  if (ids === undefined) {
    ids = new Map((raw.rows as readonly PathCounts[]).map((r) => [r.path, r.pathId]));
    pathIds.set(raw, ids);
  }
  return ids;
}

/**
 * The model's path credits as columns (model, path id, position, fraction): a million rows at 1M
 * journeys, which the engine's row appender took a second to write, value by value. A position
 * earning nothing is not written: the credits join would drop it anyway.
 */
function pathCreditColumns(
  model: DataDrivenModel,
  result: DataDrivenResult,
  idOf: ReadonlyMap<string, number | null>,
): LoadColumn[] {
  let rows = 0;
  for (const shares of result.positionShares.values()) for (const s of shares) if (s > 0) rows++;
  const ids = new Int32Array(rows);
  const positions = new Int32Array(rows);
  const fractions = new Float64Array(rows);
  let at = 0;
  for (const [path, shares] of result.positionShares) {
    const id = idOf.get(path);
    // Only converting paths have shares, and every converting path has its number.
    if (id === null || id === undefined) throw new RangeError(`no path id for ${path}`);
    for (let i = 0; i < shares.length; i++) {
      const share = shares[i] ?? 0;
      if (share > 0) {
        ids[at] = id;
        positions[at] = i + 1;
        fractions[at++] = share;
      }
    }
  }
  return [new Array<string>(rows).fill(model.name), ids, positions, fractions];
}

/** A channel holding the path separator would split into two tokens and shift every position. */
async function checkChannelNames(engine: Engine): Promise<void> {
  const [row] = await engine.query(
    sql(
      `SELECT MIN(channel) AS channel FROM touchpoints WHERE strpos(channel, ${engine.dialect.quoteLiteral(PATH_SEPARATOR)}) > 0`,
    ),
  );
  if (row?.channel !== null && row?.channel !== undefined)
    throwIfProblems([
      attributionProblem(
        'path.channel_name',
        `channel ${JSON.stringify(String(row.channel))} contains "${PATH_SEPARATOR}", which the data-driven models use between the channels of a path: rename it`,
        'channel',
      ),
    ]);
}
