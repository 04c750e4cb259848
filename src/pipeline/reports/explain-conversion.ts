import {
  OUTCOME_DEFAULTS,
  type ConversionDefinition,
  type Cycle,
  type EligibleTouches,
  type IdentityLevel,
  type Outcome,
  type ValueKind,
} from '../../core/attribution/conversion-definition.js';
import { UserError } from '../../core/errors.js';
import type { Engine, Row, RowValue } from '../../engine/engine.js';
import {
  explainConversionSql,
  explainCreditsSql,
  explainDefinitionSql,
  explainExclusionsSql,
  previousConversionSql,
} from '../../engine/sql/explain-sql.js';

export interface ConversionExplanation {
  readonly conversion: Row;
  /** The journey in credit order, each touch with its link and its credit fraction per model. */
  readonly touches: readonly Row[];
  readonly models: readonly string[];
  /** The other touches of its person (or account), each with the reason it earned nothing. */
  readonly excluded: readonly Row[];
}

/** A conversion, its journey, each touch's credit under each model and why other touches earned none. */
export async function explainConversion(
  engine: Engine,
  conversionId: string,
): Promise<ConversionExplanation> {
  const [conversion] = await engine.query(explainConversionSql(conversionId));
  if (!conversion)
    throw new UserError(
      `no conversion with id "${conversionId}" (ids look like order:123 or closed_won:OPP-9)`,
    );
  const credits = await engine.query(explainCreditsSql(conversionId));
  const models = [
    ...new Set(credits.map((c) => String(c.model)).filter((m) => m !== 'null')),
  ].sort();
  const byTouch = new Map<string, Record<string, RowValue>>();
  for (const c of credits) {
    const id = String(c.touchpoint_id);
    const touch: Record<string, RowValue> = byTouch.get(id) ?? {
      position: c.position ?? null,
      occurred_at: c.occurred_at ?? null,
      touchpoint_id: id,
      touchpoint_type: c.touchpoint_type ?? null,
      channel: c.channel ?? null,
      campaign: c.campaign ?? null,
      direct: c.is_direct ?? null,
      link: c.link ?? null,
      milestone: milestone(c),
    };
    if (c.model !== null) touch[String(c.model)] = c.fraction ?? null;
    byTouch.set(id, touch);
  }
  return {
    conversion,
    touches: [...byTouch.values()],
    models,
    excluded: await exclusions(engine, conversion),
  };
}

function milestone(c: Row): string | null {
  const parts = [
    c.lead_milestone === true && 'lead',
    c.opportunity_milestone === true && 'opportunity',
  ];
  const named = parts.filter((p): p is string => typeof p === 'string');
  return named.length ? named.join(', ') : null;
}

async function exclusions(engine: Engine, conversion: Row): Promise<Row[]> {
  const id = String(conversion.conversion_id);
  const [stored] =
    conversion.definition === null
      ? []
      : await engine.query(explainDefinitionSql(String(conversion.definition)));
  if (!stored) return [];
  const def = definitionOf(stored);
  const key = def.level === 'account' ? 'account_id' : 'person_id';
  const keyValue = conversion[key];
  if (keyValue === null || keyValue === undefined) return [];
  let previousAt: Date | null = null;
  if (def.cycle === 'next_only') {
    const [previous] = await engine.query(
      previousConversionSql(engine.dialect, {
        id,
        definition: def.name,
        key,
        keyValue: String(keyValue),
      }),
    );
    if (previous?.occurred_at instanceof Date) previousAt = previous.occurred_at;
  }
  return engine.query(explainExclusionsSql(engine.dialect, id, def, previousAt));
}

function definitionOf(row: Row): ConversionDefinition {
  const value = String(row.value);
  const number = Number(value);
  return {
    name: String(row.name),
    outcome: String(row.outcome) as Outcome,
    ...(row.event_type === null ? {} : { eventType: String(row.event_type) }),
    value: value !== '' && Number.isFinite(number) ? { constant: number } : { field: value },
    valueKind: String(
      row.value_kind ?? OUTCOME_DEFAULTS[String(row.outcome) as Outcome].valueKind,
    ) as ValueKind,
    level: String(row.level) as IdentityLevel,
    lookbackDays: Number(row.lookback_days),
    cycle: String(row.cycle) as Cycle,
    eligible: JSON.parse(String(row.eligible)) as EligibleTouches,
  };
}
