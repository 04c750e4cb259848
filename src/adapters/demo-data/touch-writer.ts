import { nearestCampaign, pickCampaign, type Brand, type MarketingChannel } from './campaigns.js';
import type {
  ConversationRequest,
  ConversationWriter,
  WrittenConversation,
} from './conversation-writer.js';
import { dayIndex, DAY_MS, isoNaive, isoUtc } from './demo-clock.js';
import type { DemoPerson } from './demo-person.js';
import type { DemoSinks } from './demo-sinks.js';
import type { Prng } from './prng.js';
import type { SpendLedger } from './spend-ledger.js';

export type WebChannel = 'organic' | 'direct' | 'referral';
export type SalesChannel = 'outbound_call' | 'email_sequence';

/** Who a marketing touch names: the cookie of the click, the address of an email, the CRM contact. */
export interface MarketingAudience {
  readonly device?: string;
  readonly email?: boolean;
  readonly crmContact?: boolean;
}

/**
 * Writes the touchpoints that can earn credit, each kind to its own file with its own ids
 * (mt_, so_, wt_; conversations are cnv_), and counts them per brand: the count is what the
 * scale option budgets.
 */
export class TouchWriter {
  readonly counts: Record<Brand, number> = { shop: 0, saas: 0 };
  private marketingIds = 0;
  private salesIds = 0;
  private webIds = 0;

  constructor(
    private readonly rng: Prng,
    private readonly sinks: DemoSinks,
    private readonly spend: SpendLedger,
    private readonly conversations: ConversationWriter,
  ) {}

  get total(): number {
    return this.counts.shop + this.counts.saas;
  }

  /**
   * A marketing touch; returns when it happened. Webinars and events are held on their own
   * dates, so such a touch moves to the nearest one within ten days, or becomes an email.
   */
  marketing(
    brand: Brand,
    channel: MarketingChannel,
    at: number,
    person: DemoPerson,
    who: MarketingAudience,
  ): number {
    let when = at;
    let used = channel;
    let campaign = undefined as ReturnType<typeof pickCampaign>;
    if (channel === 'webinar' || channel === 'event') {
      const near = nearestCampaign(brand, channel, dayIndex(at), 10);
      if (near === undefined) used = 'email';
      else {
        campaign = near.campaign;
        when += (near.day - dayIndex(at)) * DAY_MS;
      }
    }
    campaign ??= pickCampaign(this.rng, brand, used, dayIndex(when));
    if (campaign !== undefined) this.spend.record(campaign, dayIndex(when));
    const ids = person.identifiers(
      { device: who.device, email: who.email === true, crmContactId: who.crmContact === true },
      this.rng,
    );
    this.marketingIds += 1;
    this.sinks.write('marketing_touches', {
      marketing_touchpoint_id: `mt_${String(this.marketingIds).padStart(8, '0')}`,
      channel_name: used,
      campaign: campaign?.name,
      contact_id: ids.crm_contact_id,
      anonymous_id: ids.anonymous_id,
      email: ids.email,
      marketing_touchpoint_date: isoNaive(when, 'T'),
    });
    this.counts[brand] += 1;
    return when;
  }

  /** A sales rep's call or sequence email; the CRM logs only the contact. */
  sales(channel: SalesChannel, at: number, person: DemoPerson): void {
    const ids = person.identifiers({ crmContactId: true }, this.rng);
    this.salesIds += 1;
    this.sinks.write('sales_outreach', {
      sales_touchpoint_id: `so_${String(this.salesIds).padStart(8, '0')}`,
      channel_name: channel,
      contact_id: ids.crm_contact_id,
      sales_touchpoint_date: isoNaive(at, ' '),
    });
    this.counts.saas += 1;
  }

  /** A site visit from web analytics: the cookie, and the login when the visitor signed in. */
  web(
    brand: Brand,
    channel: WebChannel,
    at: number,
    person: DemoPerson,
    device: string,
    loggedIn: boolean,
  ): void {
    const ids = person.identifiers({ device, userId: loggedIn }, this.rng);
    this.webIds += 1;
    this.sinks.write('web_touches', {
      touchpoint_id: `wt_${String(this.webIds).padStart(8, '0')}`,
      occurred_at: isoUtc(at),
      touchpoint_type: 'marketing',
      channel,
      campaign: channel === 'referral' ? `${brand}_partner_referrals` : undefined,
      source: `${brand}_web`,
      event_type: 'page_view',
      ...ids,
    });
    this.counts[brand] += 1;
  }

  conversation(req: ConversationRequest): WrittenConversation {
    this.counts[req.brand] += 1;
    return this.conversations.write(req);
  }
}
