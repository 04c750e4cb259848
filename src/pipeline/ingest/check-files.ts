import type { SourceConfig } from '../../core/config/config.js';
import { describeProblem, InputError, type Problem } from '../../core/errors.js';
import { WITHHELD_CODES } from '../../core/ingest/dead-letter-reason.js';
import type { OpenSourceFile } from '../load/source-file.js';
import { FileRecords, reasonProblem } from './file-records.js';
import type { IngestEnvironment } from './ingest-environment.js';

/** The problems of one source: the first `problems` (up to the limit) and how many there are. */
export interface SourceProblems {
  readonly source: string;
  readonly file: string;
  readonly problems: readonly Problem[];
  readonly total: number;
}

/** Problems listed per source; the rest are counted. */
export const PROBLEMS_PER_SOURCE = 20;

/**
 * Reads every source's file the way a run would (open, header against the mapping, every row
 * through the mapping, the field parser and the kind's contract) and collects every problem of
 * every source, writing nothing. Only sources with problems are returned, in config order.
 */
export async function checkFiles(
  sources: readonly SourceConfig[],
  open: OpenSourceFile,
  env: IngestEnvironment,
  limit = PROBLEMS_PER_SOURCE,
): Promise<SourceProblems[]> {
  const found: SourceProblems[] = [];
  for (const source of sources) {
    const problems: Problem[] = [];
    let total = 0;
    const add = (list: readonly Problem[]) => {
      for (const p of list) if (problems.length < limit) problems.push(p);
      total += list.length;
    };
    try {
      const file = await open(source);
      const records = new FileRecords(source, file.columns, env);
      add(records.headerProblems);
      if (!records.headerProblems.length) {
        const receivedAt = Date.now();
        for await (const row of file.rows({ lenient: true })) {
          const { result } = records.item(row, receivedAt);
          if (
            result.status === 'dead_letter' &&
            !result.reasons.every((r) => WITHHELD_CODES.has(r.code))
          )
            add(result.reasons.map(reasonProblem));
        }
      }
    } catch (error) {
      // A file that cannot be opened, or a reader that cannot go on past a malformed record.
      if (!(error instanceof InputError)) throw error;
      add(error.problems);
    }
    if (total) found.push({ source: source.name, file: source.path, problems, total });
  }
  return found;
}

/** Every problem of every source, grouped by source; its problems are all of them, flattened. */
export class SourceProblemsError extends InputError {
  constructor(readonly sources: readonly SourceProblems[]) {
    super(sources.flatMap((s) => s.problems));
    this.message = describeSourceProblems(sources);
  }
}

/**
 * One problem: its one line (source, file, row, column, message). Several: a line per source
 * with its count, then a line per problem listed, then the count of those not listed.
 */
export function describeSourceProblems(sources: readonly SourceProblems[]): string {
  const total = sources.reduce((n, s) => n + s.total, 0);
  const only = sources[0]?.problems[0];
  if (total === 1 && only) return describeProblem(only);
  const lines = [
    `${total} problem${total === 1 ? '' : 's'} in ${sources.length} source${sources.length === 1 ? '' : 's'}:`,
  ];
  for (const s of sources) {
    lines.push(`source ${s.source} (${s.file}): ${s.total} problem${s.total === 1 ? '' : 's'}`);
    for (const p of s.problems) lines.push(`  ${describeProblem(p)}`);
    if (s.total > s.problems.length) lines.push(`  … and ${s.total - s.problems.length} more`);
  }
  return lines.join('\n');
}

/**
 * A strict load stops at the first bad source; this turns its error into the problems of every
 * source (the check reads them all), keeping the error's own problems where the check cannot
 * see them (ids that contradict each other across records). Any other error comes back as is.
 */
export async function problemsOfEverySource(
  error: unknown,
  sources: readonly SourceConfig[],
  open: OpenSourceFile,
  env: IngestEnvironment,
): Promise<unknown> {
  if (!(error instanceof InputError) || error instanceof SourceProblemsError) return error;
  const found = await checkFiles(sources, open, env);
  const bySource = new Map(found.map((s) => [s.source, s]));
  for (const p of error.problems) {
    const name = p.location?.source;
    if (name === undefined || bySource.has(name)) continue;
    const own = error.problems.filter((q) => q.location?.source === name);
    bySource.set(name, {
      source: name,
      file: p.location?.file ?? sources.find((s) => s.name === name)?.path ?? '',
      problems: own.slice(0, PROBLEMS_PER_SOURCE),
      total: own.length,
    });
  }
  if (!bySource.size) return error;
  const order = sources.map((s) => s.name);
  return new SourceProblemsError(
    [...bySource.values()].sort((a, b) => order.indexOf(a.source) - order.indexOf(b.source)),
  );
}
