import { describe, expect, it } from 'vitest';
import { basicRpc, comprehensiveRpc, rpcWaterfall, totalValue } from './rpc-components.js';

const values = { direct_sales: 100, cost_savings: 20, lead_capture: 30, retention: 50 };

describe('revenue per conversation', () => {
  it('basic RPC is attributed revenue over conversations: $150,000 over 20,000 is $7.50', () => {
    expect(basicRpc(150_000, 20_000)).toBe(7.5);
    expect(basicRpc(0, 20_000)).toBe(0);
    expect(basicRpc(150_000, 0)).toBeNull();
  });

  it('comprehensive RPC adds savings, lead value and retention: 200 over 10 is 20', () => {
    expect(totalValue(values)).toBe(200);
    expect(comprehensiveRpc(values, 10)).toBe(20);
    expect(comprehensiveRpc(values, 0)).toBeNull();
  });

  it('the waterfall stacks each component, then closes on the total', () => {
    expect(rpcWaterfall(values, 10)).toEqual([
      {
        step: 1,
        component: 'direct_sales',
        value: 100,
        perConversation: 10,
        cumulativePerConversation: 10,
        share: 0.5,
      },
      {
        step: 2,
        component: 'cost_savings',
        value: 20,
        perConversation: 2,
        cumulativePerConversation: 12,
        share: 0.1,
      },
      {
        step: 3,
        component: 'lead_capture',
        value: 30,
        perConversation: 3,
        cumulativePerConversation: 15,
        share: 0.15,
      },
      {
        step: 4,
        component: 'retention',
        value: 50,
        perConversation: 5,
        cumulativePerConversation: 20,
        share: 0.25,
      },
      {
        step: 5,
        component: 'total',
        value: 200,
        perConversation: 20,
        cumulativePerConversation: 20,
        share: 1,
      },
    ]);
  });

  it('with no conversations and no value every rate and share is undefined', () => {
    const zero = { direct_sales: 0, cost_savings: 0, lead_capture: 0, retention: 0 };
    for (const step of rpcWaterfall(zero, 0)) {
      expect(step.perConversation).toBeNull();
      expect(step.cumulativePerConversation).toBeNull();
      expect(step.share).toBeNull();
    }
  });
});
