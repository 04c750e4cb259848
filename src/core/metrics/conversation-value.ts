/**
 * The estimated (non-sales) value components of one conversation. The metrics stage computes
 * them in SQL over every conversation; these are the reference the SQL is tested against.
 */
export interface ConversationSignals {
  /** Help-desk tickets of the conversation that the bot resolved without an agent. */
  readonly deflectedTickets: number;
  /**
   * The conversation captured a new lead: its `chat.lead.qualified` event is the person's first
   * (qualifying the same person again is not another lead).
   */
  readonly newLead: boolean;
  /** The person belongs to a CRM account, so the lead can become a deal. */
  readonly onAccount: boolean;
  /** A support conversation with negative sentiment (a complaint) that was resolved. */
  readonly resolvedComplaint: boolean;
  /** The customer's order and closed-won revenue in the retention lookback before it. */
  readonly customerValue: number;
}

export interface ValueParameters {
  readonly agentCostPerTicket: number;
  readonly leadCloseRate: number;
  readonly averageDealValue: number;
  readonly consumerLeadValue: number;
  readonly retentionSaveRate: number;
}

/** Support cost avoided: each deflected ticket would have cost an agent's handling. */
export function costSavings(s: ConversationSignals, p: ValueParameters): number {
  return s.deflectedTickets * p.agentCostPerTicket;
}

/**
 * Expected pipeline of a captured lead: close rate × average deal value for a lead on an account
 * (it can become a deal); a flat value for a consumer lead, whose purchases count as direct sales.
 */
export function leadCaptureValue(s: ConversationSignals, p: ValueParameters): number {
  if (!s.newLead) return 0;
  return s.onAccount ? p.leadCloseRate * p.averageDealValue : p.consumerLeadValue;
}

/** Revenue kept: the share of an at-risk customer's value a resolved complaint saves. */
export function retentionValue(s: ConversationSignals, p: ValueParameters): number {
  return s.resolvedComplaint ? p.retentionSaveRate * s.customerValue : 0;
}
