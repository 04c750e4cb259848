import { UserError } from '../../core/errors.js';
import type { Engine, Row } from '../../engine/engine.js';
import {
  personEdgesSql,
  personHistorySql,
  personIdentifiersSql,
  personRefusalsSql,
  personSql,
} from '../../engine/sql/explain-person-sql.js';

/** Everything that made a person: identifiers, the edges that joined them, refused merges. */
export interface PersonExplanation {
  readonly person: Row;
  readonly identifiers: readonly Row[];
  /** Deterministic (`same_record`) and `probabilistic` edges among its identifiers. */
  readonly edges: readonly Row[];
  /** Merges the guards refused that touch one of its identifiers. */
  readonly refused: readonly Row[];
}

/**
 * Explains a person id of the last run. An id retired by a merge is a user error that names the
 * id it was merged into, so an old id from a report still leads somewhere.
 */
export async function explainPerson(engine: Engine, personId: string): Promise<PersonExplanation> {
  const [person] = await engine.query(personSql(personId));
  if (person === undefined) {
    const [h] = await engine.query(personHistorySql(personId));
    if (h?.retired === 'merged')
      throw new UserError(`person ${personId} was merged into ${String(h.merged_into)}`);
    throw new UserError(`no person ${personId} in the warehouse`);
  }
  const [identifiers, edges, refused] = [
    await engine.query(personIdentifiersSql(personId)),
    await engine.query(personEdgesSql(personId)),
    await engine.query(personRefusalsSql(personId)),
  ];
  return { person, identifiers, edges, refused };
}
