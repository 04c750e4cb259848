import {
  outcomeLevel,
  type ConversationDefinition,
  type DealOutcome,
} from '../../../core/metrics/conversion-definitions.js';
import { QUALIFIED_DISPOSITION } from '../../../core/metrics/conversation-signals.js';
import type { Dialect } from '../../dialect.js';

/** An outcome a conversation can lead to, or the funnel's demo step. */
export type OutcomeKind = DealOutcome | 'meeting_or_demo';

/**
 * The instants an outcome happened, as a relation (key, at): key is the person for a qualified
 * lead, a demo request or an order, the account for an opportunity created or won.
 */
export function outcomeRelation(outcome: OutcomeKind): string {
  switch (outcome) {
    case 'qualified_lead':
      return `SELECT person_id AS key, qualified_lead_at AS at FROM conversation_facts WHERE qualified_lead_at IS NOT NULL AND person_id IS NOT NULL`;
    case 'meeting_or_demo':
      return `SELECT person_id AS key, demo_requested_at AS at FROM conversation_facts WHERE demo_requested_at IS NOT NULL AND person_id IS NOT NULL`;
    case 'order':
      return `SELECT person_id AS key, occurred_at AS at FROM conversions WHERE kind = 'order' AND person_id IS NOT NULL`;
    case 'opportunity_created':
      return `SELECT account_id AS key, created_at AS at FROM opportunities`;
    case 'closed_won':
      return `SELECT account_id AS key, closed_at AS at FROM opportunities WHERE is_won AND closed_at IS NOT NULL`;
  }
}

/** The conversation_facts (alias f) column an outcome is matched on. */
export function outcomeKey(outcome: OutcomeKind): string {
  return outcome !== 'meeting_or_demo' && outcomeLevel(outcome) === 'account'
    ? 'f.account_id'
    : 'f.person_id';
}

/** Which conversations count, as a condition on conversation_facts f. */
export function definitionSql(d: Dialect, definition: ConversationDefinition): string {
  switch (definition) {
    case 'any':
      return 'TRUE';
    case 'two_way':
      return 'f.two_way';
    case 'sales_handled':
      return 'f.sales_handled';
    case 'intent_qualified':
      return `COALESCE(f.disposition = ${d.quoteLiteral(QUALIFIED_DISPOSITION)}, FALSE)`;
  }
}

/**
 * The last instant the data shows (the latest conversation start): a conversation counts for a
 * window of N days only when N days have passed after it by then, so recent conversations do
 * not read as failures for lack of time.
 */
export const HORIZON_CTE =
  'horizon AS (SELECT MAX(started_at) AS data_end FROM conversation_facts)';
