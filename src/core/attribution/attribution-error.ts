import { describeProblem, UserError, type Problem } from '../errors.js';

/**
 * Attribution math was asked for something it cannot compute as asked: a model parameter out of
 * range, a path token it cannot represent, a system it cannot solve. Problems name the field.
 */
export class AttributionError extends UserError {
  override readonly name = 'AttributionError';
  constructor(
    readonly problems: readonly Problem[],
    options?: { cause?: unknown },
  ) {
    super(problems.map(describeProblem).join('; '), options);
  }
}

/** Throws an AttributionError when validation found anything. */
export function throwIfProblems(problems: readonly Problem[]): void {
  if (problems.length > 0) throw new AttributionError(problems);
}

/** A single problem, for the many one-line checks of the math. */
export function attributionProblem(code: string, message: string, field?: string): Problem {
  return field === undefined ? { code, message } : { code, message, location: { field } };
}
