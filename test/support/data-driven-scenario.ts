import { dataDrivenModelNamed } from '../../src/core/attribution/data-driven-model.js';
import type { DataDrivenModel } from '../../src/core/attribution/data-driven-model.js';
import { memoryConfig } from './memory-sources.js';

/** The data-driven models every scenario of this file runs. */
export const DATA_DRIVEN_TEST_MODELS: readonly DataDrivenModel[] = [
  'markov',
  'markov_2',
  'markov_value',
  'shapley_path',
  'shapley_coalition',
].map((name) => dataDrivenModelNamed(name) as DataDrivenModel);

/**
 * Four shoppers and two channels, small enough to work by hand (docs/models.md): p1 touches A
 * then B and orders 100; p2 touches A only; p3 touches B and orders 50; p4 touches B only.
 * Converting paths A > B and B, non-converting A and B.
 */
export function dataDrivenScenario(models: readonly DataDrivenModel[] = DATA_DRIVEN_TEST_MODELS) {
  const touch = (id: string, day: string, channel: string, email: string) => ({
    touchpoint_id: id,
    occurred_at: `2026-03-0${day}T10:00:00Z`,
    channel,
    email,
  });
  const scenario = memoryConfig(
    {
      marketing: {
        kind: 'touchpoints',
        constants: { touchpoint_type: 'marketing' },
        rows: [
          touch('t1a', '1', 'A', 'p1@x.example'),
          touch('t1b', '2', 'B', 'p1@x.example'),
          touch('t2a', '1', 'A', 'p2@x.example'),
          touch('t3b', '1', 'B', 'p3@x.example'),
          touch('t4b', '1', 'B', 'p4@x.example'),
        ],
      },
      orders: {
        kind: 'orders',
        rows: [
          {
            order_id: 'o1',
            placed_at: '2026-03-03T10:00:00Z',
            amount: '100',
            email: 'p1@x.example',
          },
          {
            order_id: 'o3',
            placed_at: '2026-03-02T10:00:00Z',
            amount: '50',
            email: 'p3@x.example',
          },
        ],
      },
    },
    { conversions: ['order'], lookback_days: 30 },
  );
  const { attribution } = scenario.config;
  return {
    ...scenario,
    config: { ...scenario.config, attribution: { ...attribution, dataDriven: models } },
  };
}
