import type { Prng } from './prng.js';

export type Brand = 'shop' | 'saas';
export type MarketingChannel =
  'email' | 'paid_search' | 'paid_social' | 'organic' | 'webinar' | 'event';

/** A campaign and the days (of the demo year, inclusive) it runs. */
export interface Campaign {
  readonly index: number;
  readonly brand: Brand;
  readonly channel: MarketingChannel;
  readonly name: string;
  readonly from: number;
  readonly to: number;
  /** What one attributable touch costs (a click, a send, a registration), for the spend file. */
  readonly costPerTouch: number;
  /** Spend that runs whether or not anyone touches (booths, platform fees), per 100k of scale. */
  readonly dailyBase: number;
}

type CampaignDef = Omit<Campaign, 'index'>;
const c = (
  brand: Brand,
  channel: MarketingChannel,
  name: string,
  from: number,
  to: number,
  costPerTouch: number,
  dailyBase = 0,
): CampaignDef => ({ brand, channel, name, from, to, costPerTouch, dailyBase });

// prettier-ignore
const DEFS: readonly CampaignDef[] = [
  c('shop', 'paid_search', 'shop_search_brand', 0, 364, 0.55),
  c('shop', 'paid_search', 'shop_search_generic', 0, 364, 1.35),
  c('shop', 'paid_search', 'shop_search_holiday', 300, 364, 1.9),
  c('shop', 'paid_social', 'shop_social_retargeting', 0, 364, 0.7),
  c('shop', 'paid_social', 'shop_social_spring', 59, 150, 0.95),
  c('shop', 'paid_social', 'shop_social_summer', 151, 242, 0.9),
  c('shop', 'paid_social', 'shop_social_bfcm', 314, 340, 1.4),
  c('shop', 'email', 'shop_newsletter_weekly', 0, 364, 0.02, 4),
  c('shop', 'email', 'shop_email_spring_sale', 74, 95, 0.03),
  c('shop', 'email', 'shop_email_black_friday', 325, 334, 0.03),
  c('shop', 'email', 'shop_email_winback', 0, 364, 0.04),
  c('shop', 'organic', 'shop_content_blog', 0, 364, 0),
  c('saas', 'paid_search', 'saas_search_brand', 0, 364, 3.2),
  c('saas', 'paid_search', 'saas_search_competitor', 31, 364, 8.5),
  c('saas', 'paid_social', 'saas_linkedin_abm', 0, 364, 11, 20),
  c('saas', 'paid_social', 'saas_linkedin_webinar_promo', 15, 300, 7.5),
  c('saas', 'email', 'saas_nurture_sequence', 0, 364, 0.12, 6),
  c('saas', 'email', 'saas_product_updates', 0, 364, 0.05),
  c('saas', 'webinar', 'saas_webinar_q1_roi', 20, 89, 35, 15),
  c('saas', 'webinar', 'saas_webinar_q2_ai_agents', 110, 179, 35, 15),
  c('saas', 'webinar', 'saas_webinar_q3_attribution', 200, 269, 35, 15),
  c('saas', 'webinar', 'saas_webinar_q4_planning', 290, 359, 35, 15),
  c('saas', 'event', 'saas_event_cx_summit', 128, 134, 220, 900),
  c('saas', 'event', 'saas_event_roadshow', 248, 265, 160, 300),
  c('saas', 'organic', 'saas_content_guides', 0, 364, 0),
];

export const CAMPAIGNS: readonly Campaign[] = DEFS.map((def, index) => ({ ...def, index }));

const BY_CHANNEL = new Map<string, Campaign[]>();
for (const campaign of CAMPAIGNS) {
  const key = `${campaign.brand}/${campaign.channel}`;
  BY_CHANNEL.set(key, [...(BY_CHANNEL.get(key) ?? []), campaign]);
}

/** A campaign of the brand's channel running on `day`, or undefined when none runs. */
export function pickCampaign(
  rng: Prng,
  brand: Brand,
  channel: MarketingChannel,
  day: number,
): Campaign | undefined {
  const running = (BY_CHANNEL.get(`${brand}/${channel}`) ?? []).filter(
    (k) => k.from <= day && day <= k.to,
  );
  return running.length === 0 ? undefined : rng.pick(running);
}

/**
 * The campaign of the channel whose run is nearest to `day`, and the day to move the touch to,
 * when it lies within `maxShift` days: webinars and events happen on their own dates.
 */
export function nearestCampaign(
  brand: Brand,
  channel: MarketingChannel,
  day: number,
  maxShift: number,
): { readonly campaign: Campaign; readonly day: number } | undefined {
  let best: { campaign: Campaign; day: number } | undefined;
  for (const campaign of BY_CHANNEL.get(`${brand}/${channel}`) ?? []) {
    const at = Math.min(campaign.to, Math.max(campaign.from, day));
    if (Math.abs(at - day) > maxShift) continue;
    if (best === undefined || Math.abs(at - day) < Math.abs(best.day - day))
      best = { campaign, day: at };
  }
  return best;
}
