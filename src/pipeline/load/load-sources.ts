import type { SourceKind } from '../../core/canonical/source-kinds.js';
import type { SourceConfig } from '../../core/config/config.js';
import { InputError, type Problem } from '../../core/errors.js';
import type { Engine, LoadValue } from '../../engine/engine.js';
import { landingTableName } from '../../engine/schema/table-spec.js';
import { duplicateIdsSql, ID_FIELDS } from '../../engine/sql/load-sql.js';
import { RowMapper } from './row-mapper.js';
import type { OpenSourceFile } from './source-file.js';

// Past this many problems a file is plainly broken; listing more helps nobody.
const MAX_PROBLEMS = 50;

/** Loads every source into its landing table; any bad row fails the whole load with its location. */
export async function loadSources(
  engine: Engine,
  sources: readonly SourceConfig[],
  open: OpenSourceFile,
  onSource?: (source: SourceConfig, rows: number) => void,
): Promise<number> {
  let total = 0;
  for (const source of sources) {
    const rows = await loadSource(engine, source, open);
    onSource?.(source, rows);
    total += rows;
  }
  const kinds = new Set(sources.map((s) => s.kind));
  for (const kind of kinds) await assertUniqueIds(engine, kind);
  return total;
}

async function loadSource(
  engine: Engine,
  source: SourceConfig,
  open: OpenSourceFile,
): Promise<number> {
  const file = await open(source);
  const mapper = new RowMapper(source, file.columns);
  if (mapper.headerProblems.length) throw new InputError(mapper.headerProblems);
  const problems: Problem[] = [];
  async function* mapped(): AsyncIterable<readonly LoadValue[]> {
    for await (const row of file.rows()) {
      const result = mapper.map(row);
      if (!result.ok) {
        problems.push(...result.problems);
        if (problems.length >= MAX_PROBLEMS) throw new InputError(problems);
        continue;
      }
      yield [...result.values, source.name, row.line];
    }
  }
  const loaded = await engine.append(landingTableName(source.kind), mapped());
  if (problems.length) throw new InputError(problems);
  if (loaded === 0) {
    throw new InputError([
      {
        code: 'empty_file',
        message: 'the file holds no records',
        location: { source: source.name, file: source.path },
      },
    ]);
  }
  return loaded;
}

async function assertUniqueIds(engine: Engine, kind: SourceKind): Promise<void> {
  if (!ID_FIELDS[kind]) return;
  const rows = await engine.query(duplicateIdsSql(engine.dialect, kind));
  if (!rows.length) return;
  throw new InputError(
    rows.map((r) => ({
      code: 'duplicate_id',
      message: `${ID_FIELDS[kind]} ${String(r.id)} appears ${String(r.n)} times (sources ${String(r.first_source)}..${String(r.last_source)}, rows ${String(r.first_line)}..${String(r.last_line)})`,
      location: {
        source: String(r.first_source),
        row: Number(r.first_line),
        field: ID_FIELDS[kind] ?? '',
      },
    })),
  );
}
