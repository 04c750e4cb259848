/**
 * What counts as a conversation for conversation-to-deal conversion:
 * - `any`: every conversation;
 * - `two_way`: the person replied (a two-way exchange);
 * - `sales_handled`: a salesperson took part;
 * - `intent_qualified`: the exchange showed buying intent (disposition `qualified`).
 */
export const CONVERSATION_DEFINITIONS = [
  'any',
  'two_way',
  'sales_handled',
  'intent_qualified',
] as const;
export type ConversationDefinition = (typeof CONVERSATION_DEFINITIONS)[number];

/**
 * The outcome a conversation may convert to, and whose it is. A qualified lead (a
 * `chat.lead.qualified` event in any conversation of the person) and an order are the person's;
 * an opportunity created and a closed-won deal are the account's, so only conversations of
 * people on a CRM account can reach them.
 */
export const DEAL_OUTCOMES = [
  'qualified_lead',
  'opportunity_created',
  'closed_won',
  'order',
] as const;
export type DealOutcome = (typeof DEAL_OUTCOMES)[number];

export function outcomeLevel(outcome: DealOutcome): 'person' | 'account' {
  return outcome === 'qualified_lead' || outcome === 'order' ? 'person' : 'account';
}

export function isConversationDefinition(value: string): value is ConversationDefinition {
  return (CONVERSATION_DEFINITIONS as readonly string[]).includes(value);
}

export function isDealOutcome(value: string): value is DealOutcome {
  return (DEAL_OUTCOMES as readonly string[]).includes(value);
}
