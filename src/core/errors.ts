/** Where a problem was found; every field that is known is filled in. */
export interface Location {
  readonly source?: string;
  readonly file?: string;
  readonly row?: number;
  readonly column?: string;
  readonly field?: string;
}

/** An expected outcome, reported as a value: a code machines can match and a sentence for people. */
export interface Problem {
  readonly code: string;
  readonly message: string;
  readonly location?: Location;
}

export function describeLocation(l: Location | undefined): string {
  if (!l) return '';
  const parts = [
    l.source && `source ${l.source}`,
    l.file && `file ${l.file}`,
    l.row !== undefined && `row ${l.row}`,
    l.column && `column ${l.column}`,
    l.field && l.column !== l.field && `field ${l.field}`,
  ].filter(Boolean);
  return parts.join(', ');
}

export function describeProblem(p: Problem): string {
  const where = describeLocation(p.location);
  return where ? `${where}: ${p.message}` : p.message;
}

/** The user asked for something that cannot be done as asked (bad flag, bad config). */
export class UserError extends Error {
  override readonly name: string = 'UserError';
}

/** A configuration file is invalid; problems name the path inside it. */
export class ConfigError extends UserError {
  override readonly name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly problems: readonly Problem[],
  ) {
    super(`config ${file}: ${problems.map(describeProblem).join('; ')}`);
  }
}

/** Input data could not be loaded; problems name source, file, row and column. */
export class InputError extends UserError {
  override readonly name = 'InputError';
  constructor(readonly problems: readonly Problem[]) {
    const first = problems.slice(0, 5).map(describeProblem).join('; ');
    const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
    super(`${first}${more}`);
  }
}

/** The warehouse refused a statement; carries the SQL for whoever debugs it. */
export class EngineError extends Error {
  override readonly name: string = 'EngineError';
  constructor(
    message: string,
    readonly sql: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The warehouse file is held by another process (DuckDB lets one process open a file for
 * writing). `holderPid` is the holder's process id when the engine names it.
 */
export class WarehouseLockedError extends EngineError {
  override readonly name = 'WarehouseLockedError';
  constructor(
    readonly path: string,
    readonly holderPid: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(
      `the warehouse ${path} is held by another process${holderPid === undefined ? '' : ` (pid ${holderPid})`}`,
      '',
      options,
    );
  }
}
