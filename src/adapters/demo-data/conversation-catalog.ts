import type {
  CONVERSATION_CHANNELS,
  CONVERSATION_TYPES,
} from '../../core/canonical/touchpoint-types.js';
import type { Brand } from './campaigns.js';

export type ConversationChannel = (typeof CONVERSATION_CHANNELS)[number];
export type ConversationType = (typeof CONVERSATION_TYPES)[number];
export type Disposition = 'qualified' | 'support' | 'wrong_person' | 'no_intent';

/** Types that sell; the rest serve customers after (or regardless of) a purchase. */
export const SALES_TYPES: ReadonlySet<ConversationType> = new Set([
  'product_recommendation',
  'pre_purchase',
  'cart_recovery',
  'proactive',
]);

// Intent labels the NLU assigns, per brand and conversation type.
const SHOP_INTENTS: Record<ConversationType, readonly string[]> = {
  product_recommendation: ['find_product', 'compare_products', 'gift_ideas', 'size_advice'],
  pre_purchase: ['shipping_time', 'stock_check', 'discount_code', 'payment_options'],
  cart_recovery: ['complete_checkout', 'payment_failed', 'shipping_cost'],
  order_status: ['track_order', 'delivery_delay', 'change_address'],
  return_exchange: ['return_item', 'exchange_size', 'refund_status'],
  general_support: ['account_help', 'warranty', 'store_hours'],
  proactive: ['browse_assist', 'promo_offer', 'back_in_stock'],
};

const SAAS_INTENTS: Record<ConversationType, readonly string[]> = {
  product_recommendation: ['plan_fit', 'feature_question', 'use_case_fit'],
  pre_purchase: ['pricing', 'security_review', 'integration_question', 'book_demo'],
  cart_recovery: ['trial_upgrade', 'checkout_help'],
  order_status: ['invoice_status', 'provisioning'],
  return_exchange: ['cancel_subscription', 'downgrade_plan'],
  general_support: ['technical_issue', 'billing_question', 'sso_setup'],
  proactive: ['book_demo', 'browse_assist', 'webinar_invite'],
};

const OFF_TOPIC: Record<Exclude<Disposition, 'qualified' | 'support'>, readonly string[]> = {
  wrong_person: ['job_application', 'vendor_pitch', 'wrong_number', 'press_inquiry'],
  no_intent: ['greeting', 'unknown', 'just_browsing'],
};

export function intentsFor(
  brand: Brand,
  type: ConversationType,
  disposition: Disposition,
): readonly string[] {
  if (disposition === 'wrong_person' || disposition === 'no_intent') return OFF_TOPIC[disposition];
  return (brand === 'shop' ? SHOP_INTENTS : SAAS_INTENTS)[type];
}

/** Bot flows by type; human conversations are named after the team that took them. */
const BOT_FLOWS: Record<Brand, Record<ConversationType, string>> = {
  shop: {
    product_recommendation: 'bot:product_finder',
    pre_purchase: 'bot:shopping_faq',
    cart_recovery: 'bot:cart_saver',
    order_status: 'bot:order_tracker',
    return_exchange: 'bot:returns_assistant',
    general_support: 'bot:help_center',
    proactive: 'bot:welcome_offer',
  },
  saas: {
    product_recommendation: 'bot:plan_advisor',
    pre_purchase: 'bot:pricing_assistant',
    cart_recovery: 'bot:trial_converter',
    order_status: 'bot:billing_helper',
    return_exchange: 'bot:retention_flow',
    general_support: 'bot:support_triage',
    proactive: 'bot:lead_qualifier',
  },
};

export function botFlow(brand: Brand, type: ConversationType): string {
  return BOT_FLOWS[brand][type];
}

export function teamFlow(brand: Brand, type: ConversationType, sales: boolean): string {
  if (brand === 'shop') return sales ? 'team:shop_stylists' : 'team:shop_care';
  if (type === 'general_support') return 'team:saas_support';
  return sales ? 'team:saas_sdr' : 'team:saas_success';
}

export function formFlow(brand: Brand, type: ConversationType): string {
  if (brand === 'saas') return SALES_TYPES.has(type) ? 'form:demo_request' : 'form:support_request';
  return SALES_TYPES.has(type) ? 'form:back_in_stock' : 'form:contact_us';
}

export function agentId(brand: Brand, n: number): string {
  return brand === 'shop'
    ? `agt_s${String(n).padStart(2, '0')}`
    : `agt_b${String(n).padStart(2, '0')}`;
}

/** The funnel stage a conversation of this type happens in. */
export function stageOf(type: ConversationType): string {
  switch (type) {
    case 'proactive':
      return 'awareness';
    case 'product_recommendation':
      return 'consideration';
    case 'pre_purchase':
      return 'decision';
    case 'cart_recovery':
      return 'checkout';
    case 'order_status':
    case 'return_exchange':
      return 'post_purchase';
    case 'general_support':
      return 'support';
  }
}
