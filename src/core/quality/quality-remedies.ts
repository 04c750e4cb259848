import type { QualityResult } from './quality-result.js';

/** Why a check breaches and what a person does about it. */
export interface Remedy {
  readonly why: string;
  readonly fix: string;
}

/**
 * One remedy per check, so every breach a user sees says why it happened and what to fix. A
 * check whose detail already names its own (volume) keeps that one.
 */
export const QUALITY_REMEDIES: Readonly<Record<string, Remedy>> = {
  schema_violations: {
    why: 'records were refused by their contract and wait in dead letters',
    fix: 'see the reasons with `convrev deadletters list`, fix the source or its mapping, then `convrev deadletters replay`',
  },
  unique_ids: {
    why: 'one id names two records, so counts and joins double',
    fix: 'find the repeated ids in the source (a re-export, a bad key mapping) and make ids unique',
  },
  null_fields: {
    why: 'required fields are empty, so those rows cannot be joined or valued',
    fix: 'fill the field at the source or map the right column to it in the config',
  },
  referential_integrity: {
    why: 'rows point at records that were not loaded',
    fix: 'load the referenced input (accounts, persons, conversations) or correct the ids that point at nothing',
  },
  touches_in_window: {
    why: 'journey touches fall outside their conversion window: a derivation bug',
    fix: 'run `convrev run` into a fresh warehouse; if it persists, report it with the conversion ids',
  },
  match_rate: {
    why: 'too few records were matched to the persons or outcomes they belong to',
    fix: 'check that the sources share identifiers (email, phone, CRM contact id) and that they are mapped',
  },
  false_positive_linkage: {
    why: 'identifiers labelled as different people were merged into one person',
    fix: 'tighten identity matching (thresholds, shared-device rules) or correct the labelled pairs',
  },
  volume: {
    why: 'a day has far fewer records than the same weekday before',
    fix: 'check the source delivery for that day and ingest what is missing, or raise quality.volume.drop',
  },
  revenue_reconciliation: {
    why: 'credited value does not add up to the order amounts it was credited from',
    fix: 'run `convrev run` into a fresh warehouse; if it persists, report it with the model and day',
  },
  freshness: {
    why: 'the source has not delivered for longer than allowed',
    fix: 'check the export or collector feeding the source, or raise quality.freshness_hours',
  },
  lag: {
    why: 'events arrive long after they happened',
    fix: 'check the delivery pipeline of the source for delays, or raise quality.lag_hours',
  },
  drift: {
    why: 'a share moved sharply between the last two weeks of data',
    fix: 'check whether a source, mapping or campaign changed that week; if the change is real, accept it',
  },
};

/** A breach's detail with its why and fix appended, unless it already says them; passes unchanged. */
export function withRemedy(result: QualityResult): QualityResult {
  if (result.status === 'pass' || /\bFix: /.test(result.detail)) return result;
  const remedy = QUALITY_REMEDIES[result.check] ?? {
    why: 'the measured value is beyond its threshold',
    fix: `see the ${result.check} check in the README's quality table, or change its band under quality:`,
  };
  return { ...result, detail: `${result.detail}. Why: ${remedy.why}. Fix: ${remedy.fix}.` };
}
