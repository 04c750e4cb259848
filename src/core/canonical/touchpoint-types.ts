/** What kind of interaction a touchpoint is; every kind can earn credit. */
export const TOUCHPOINT_TYPES = ['conversation', 'marketing', 'sales', 'support'] as const;
export type TouchpointType = (typeof TOUCHPOINT_TYPES)[number];

export const CONVERSATION_CHANNELS = ['chat', 'bot', 'voice', 'sms', 'form'] as const;

export const CONVERSATION_TYPES = [
  'product_recommendation',
  'pre_purchase',
  'cart_recovery',
  'order_status',
  'return_exchange',
  'general_support',
  'proactive',
] as const;

/**
 * Outcomes a conversion definition may name in its short form (`conversions: [order]`); `custom`
 * needs an event type, so only the long form has it (core/attribution/conversion-definition.ts).
 */
export const CONVERSION_KINDS = [
  'order',
  'opportunity_created',
  'closed_won',
  'qualified_lead',
  'ticket_deflected',
] as const;
export type ConversionKind = (typeof CONVERSION_KINDS)[number];
