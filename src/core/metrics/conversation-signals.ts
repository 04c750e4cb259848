/**
 * The conversation events the metrics read, by their namespaced type. A qualified lead and a
 * demo request are outcomes of the funnel; a resolution (from any channel's lifecycle:
 * `chat.conversation.resolved`, `voice.conversation.resolved`, …) marks a kept customer.
 */
export const LEAD_QUALIFIED_EVENT = 'chat.lead.qualified';
export const DEMO_REQUESTED_EVENT = 'chat.demo.requested';
export const RESOLVED_EVENT_SUFFIX = '.conversation.resolved';

/** The disposition of support conversations: the ones whose complaint can put revenue at risk. */
export const SUPPORT_DISPOSITION = 'support';
/** The disposition of conversations that showed buying intent. */
export const QUALIFIED_DISPOSITION = 'qualified';

/**
 * A customer's segment: the CRM account's segment when they are on one; otherwise whether they
 * had bought in the retention lookback before the conversation, or are not identified at all.
 */
export const CONSUMER_SEGMENTS = {
  anonymous: 'anonymous',
  returning: 'returning',
  new: 'new',
} as const;

/** Where the account stood when the conversation started, from its opportunities' dates. */
export const DEAL_STAGES = {
  noAccount: 'no_account',
  noOpportunity: 'no_opportunity',
  open: 'open_opportunity',
  customer: 'customer',
  lost: 'closed_lost',
} as const;
