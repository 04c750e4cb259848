import { describe, expect, it } from 'vitest';
import { channelReport, channelTotals } from './channel-totals.js';
import { pathRuleCredits } from './path-rule-credits.js';
import { pathShapleyCredits } from './path-shapley.js';
import { frequencyTokenChannel } from './path-transforms.js';

const row = (path: string, conversions: number, nonConversions: number, revenue = 0) => ({
  path,
  conversions,
  nonConversions,
  revenue,
});
const creditsOf = (rows: ReturnType<typeof pathShapleyCredits>, path: string) =>
  Object.fromEntries(
    rows.find((r) => r.path === path)?.credits.map((c) => [c.channel, c.fraction]) ?? [],
  );

describe('fractribution path Shapley', () => {
  const summary = [
    row('A', 1, 3, 10),
    row('B', 1, 1, 20),
    row('A > B', 3, 1, 90),
    row('B > A > B', 1, 1, 40),
    row('C > D', 0, 5),
  ];
  const credits = pathShapleyCredits(summary);

  it('splits a two-touch path by normalised counterfactual marginals', () => {
    // p(A > B) = 3/4, p(B) = 1/2, p(A) = 1/4. Marginal A = 3/4 − p(B) = 1/4; B = 3/4 − p(A) = 1/2.
    // Normalised: A = 1/3, B = 2/3.
    const c = creditsOf(credits, 'A > B');
    expect(c.A).toBeCloseTo(1 / 3, 15);
    expect(c.B).toBeCloseTo(2 / 3, 15);
  });

  it('adds up a repeated channel and looks counterfactuals up as they are', () => {
    // p(B > A > B) = 1/2. Without position 0: A > B → 3/4 → marginal max(0, −1/4) = 0. Without
    // position 1: B > B, never seen → 0 → 1/2. Without position 2: B > A, never seen → 1/2.
    // Normalised 0, 1/2, 1/2 → B = 0 + 1/2 = 1/2, A = 1/2.
    const c = creditsOf(credits, 'B > A > B');
    expect(c.B).toBeCloseTo(0.5, 15);
    expect(c.A).toBeCloseTo(0.5, 15);
  });

  it('gives a one-touch path everything and an all-zero path to the last touch', () => {
    expect(creditsOf(credits, 'A')).toEqual({ A: 1 });
    // p(C > D) = 0: every marginal is 0, so D (last) gets 1 and C is listed with 0.
    expect(creditsOf(credits, 'C > D')).toEqual({ C: 0, D: 1 });
  });

  it('credits sum to 1 on every path and leave the empty path uncredited', () => {
    for (const r of pathShapleyCredits([...summary, row('', 2, 0, 5)]))
      expect(r.credits.reduce((s, c) => s + c.fraction, 0)).toBeCloseTo(r.path === '' ? 0 : 1, 14);
    expect(() => pathShapleyCredits([row('A', 1, 0), row('A', 1, 0)])).toThrow(/twice/);
  });

  it('totals channels and ROAS', () => {
    const totals = channelTotals(credits);
    // A: 1 (A) + 1/3 × 3 (A > B) + 1/2 × 1 (B > A > B) = 2.5 conversions;
    // revenue 10 + 90/3 + 40/2 = 60. B: 1 + 2 + 0.5 = 3.5; 20 + 60 + 20 = 100. C, D: 0.
    const byChannel = Object.fromEntries(totals.map((t) => [t.channel, t]));
    expect(totals.map((t) => t.channel)).toEqual(['A', 'B', 'C', 'D']);
    expect(byChannel.A?.conversions).toBeCloseTo(2.5, 14);
    expect(byChannel.A?.revenue).toBeCloseTo(60, 12);
    expect(byChannel.B?.conversions).toBeCloseTo(3.5, 14);
    expect(byChannel.B?.revenue).toBeCloseTo(100, 12);
    expect(byChannel.D).toEqual({ channel: 'D', conversions: 0, revenue: 0 });
    const report = channelReport(totals, (c) => (c === 'D' ? 0 : 50));
    expect(report[0]?.roas).toBeCloseTo(60 / 50, 14);
    expect(report[3]?.roas).toBeNull();
  });

  it('merges frequency tokens into channels when asked', () => {
    const freq = pathRuleCredits([row('A(2) > B(1)', 1, 0, 8)], 'last_touch');
    expect(channelTotals(freq, frequencyTokenChannel)).toEqual([
      { channel: 'A', conversions: 0, revenue: 0 },
      { channel: 'B', conversions: 1, revenue: 8 },
    ]);
  });
});

describe('path rule credits', () => {
  it('last touch lists the other channels with 0', () => {
    const [r] = pathRuleCredits([row('A > B > A', 1, 0)], 'last_touch');
    expect(r?.credits).toEqual([
      { channel: 'A', fraction: 1 },
      { channel: 'B', fraction: 0 },
    ]);
    const [l] = pathRuleCredits([row('A > B > A', 1, 0)], 'linear');
    expect(l?.credits.map((c) => c.fraction)).toEqual([2 / 3, 1 / 3]);
  });
});
