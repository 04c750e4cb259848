import { describe, expect, it } from 'vitest';
import { AttributionError } from './attribution-error.js';
import {
  conversationRevenueShare,
  DEFAULT_CONVERSATION_TIERS,
  MINUTE_MS,
  validateConversationTiers,
} from './conversation-revenue-tiers.js';
import { DAY_MS } from './lookback-window.js';
import { deflectedTicketValue, leadValue } from './outcome-value.js';

describe('conversationRevenueShare at the tier boundaries', () => {
  const start = Date.UTC(2026, 2, 1, 10);
  const end = start + 20 * MINUTE_MS;
  const share = (purchaseAt: number) =>
    conversationRevenueShare({ startedAt: start, endedAt: end }, purchaseAt);

  it('earns nothing from a purchase before the conversation', () => {
    expect(share(start - 1)).toBe(0);
  });
  it('earns 100 % during the session, both ends included', () => {
    expect(share(start)).toBe(1);
    expect(share(end)).toBe(1);
  });
  it('earns 90 % up to exactly 30 minutes after the end', () => {
    expect(share(end + 1)).toBe(0.9);
    expect(share(end + 30 * MINUTE_MS)).toBe(0.9);
  });
  it('earns 60 % from just past 30 minutes to exactly 24 hours', () => {
    expect(share(end + 30 * MINUTE_MS + 1)).toBe(0.6);
    expect(share(end + DAY_MS)).toBe(0.6);
  });
  it('earns 30 % from just past 24 hours to exactly 7 days', () => {
    expect(share(end + DAY_MS + 1)).toBe(0.3);
    expect(share(end + 7 * DAY_MS)).toBe(0.3);
  });
  it('earns nothing later', () => {
    expect(share(end + 7 * DAY_MS + 1)).toBe(0);
  });

  it('takes configured tiers', () => {
    const tiers = { duringSession: 0.8, afterEnd: [{ withinMs: 60 * MINUTE_MS, share: 0.5 }] };
    const s = (at: number) =>
      conversationRevenueShare({ startedAt: start, endedAt: end }, at, tiers);
    expect(s(end)).toBe(0.8);
    expect(s(end + 60 * MINUTE_MS)).toBe(0.5);
    expect(s(end + 60 * MINUTE_MS + 1)).toBe(0);
  });

  it('refuses bad tables and conversations that end before they start', () => {
    expect(validateConversationTiers(DEFAULT_CONVERSATION_TIERS)).toEqual([]);
    const bad = {
      duringSession: 1.5,
      afterEnd: [
        { withinMs: DAY_MS, share: 0.5 },
        { withinMs: DAY_MS, share: -1 },
      ],
    };
    expect(validateConversationTiers(bad).map((p) => p.location?.field)).toEqual([
      'duringSession',
      'afterEnd[1]',
      'afterEnd[1]',
    ]);
    expect(() => conversationRevenueShare({ startedAt: start, endedAt: end }, end, bad)).toThrow(
      AttributionError,
    );
    expect(() => conversationRevenueShare({ startedAt: end, endedAt: start }, end)).toThrow(
      /ends before/,
    );
  });
});

describe('outcome values', () => {
  it('values leads as leads × close rate × average deal', () => {
    // 40 leads × 25 % × 12,000 = 120,000.
    expect(leadValue({ leads: 40, closeRate: 0.25, averageDealValue: 12_000 })).toBe(120_000);
    expect(() => leadValue({ leads: 1, closeRate: 1.2, averageDealValue: 1 })).toThrow(/closeRate/);
  });
  it('values deflected tickets at the support cost saved', () => {
    // 30 tickets × 6.5 = 195.
    expect(deflectedTicketValue({ deflectedTickets: 30, costPerTicket: 6.5 })).toBe(195);
    expect(() => deflectedTicketValue({ deflectedTickets: -1, costPerTicket: 1 })).toThrow(
      AttributionError,
    );
  });
});
