import { describe, expect, it } from 'vitest';
import { modelCrediter, type JourneyCrediter } from '../src/core/attribution/credit-touches.js';
import { isEligible, type EligibleTouches } from '../src/core/attribution/conversion-definition.js';
import { DAY_MS, inLookbackWindow } from '../src/core/attribution/lookback-window.js';
import { MODEL_KINDS, type CreditableTouch } from '../src/core/attribution/model-spec.js';
import { orderJourney } from '../src/core/attribution/rule-models.js';
import type { RawAttribution } from '../src/adapters/config/raw-attribution.js';
import { openEngine } from '../src/engine/open-engine.js';
import { sql } from '../src/engine/sql/sql-statement.js';
import { runPipeline } from '../src/pipeline/run-pipeline.js';
import { memoryConfig } from './support/memory-sources.js';

// Small deterministic generator so a failure reproduces exactly.
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR = 3_600_000;
const LOOKBACK = 30;

/** Every rule model, with parameters, custom weights and tiers: the SQL must match core on each. */
const ATTRIBUTION: RawAttribution = {
  lookback_days: LOOKBACK,
  models: [
    // Every kind with its defaults, so a new kind is held to core without touching this test.
    ...MODEL_KINDS,
    { name: 'decay_2d', kind: 'time_decay', half_life_days: 2 },
    { name: 'u_30_50', kind: 'position_based', first_share: 0.3, last_share: 0.5 },
    { name: 'u_0_0', kind: 'position_based', first_share: 0, last_share: 0 },
    { name: 'w_third', kind: 'w_shaped', milestone_share: 1 / 3 },
    { name: 'lnd_organic', kind: 'last_non_direct', direct_channels: ['direct', 'ORGANIC'] },
    {
      name: 'linear_demo_x3',
      kind: 'linear',
      weights: {
        event_type: { 'chat.demo.requested': 3, 'webinar.attended': 2, 'chat.casual': 0 },
        touchpoint_type: { sales: 0.5, marketing: 0 },
      },
    },
    {
      name: 'first_zeroed',
      kind: 'first_touch',
      weights: { touchpoint_type: { marketing: 0, sales: 0, conversation: 0 } },
    },
    { name: 'tiers_last', kind: 'last_touch', conversation_tiers: true },
    {
      name: 'tiers_decay',
      kind: 'time_decay',
      weights: { event_type: { 'chat.demo.requested': 3 } },
      conversation_tiers: {
        during_session: 0.9,
        after_end: [
          { within_minutes: 30, share: 0.8 },
          { within_minutes: 1440, share: 0.5 },
        ],
      },
    },
  ],
  conversions: [
    'order',
    {
      name: 'chat_orders',
      outcome: 'order',
      lookback_days: 10,
      cycle: 'next_only',
      eligible: { exclude_channels: ['direct'], two_way: true },
    },
    {
      name: 'demo_orders',
      outcome: 'order',
      value: 1,
      eligible: {
        touchpoint_types: ['conversation', 'sales'],
        event_types: ['chat.demo.requested'],
      },
    },
  ],
};

interface World {
  touches: Record<string, unknown>[];
  conversations: Record<string, unknown>[];
  events: Record<string, unknown>[];
  orders: Order[];
}

type Order = {
  order_id: string;
  placed_at: string;
  amount: string;
  email: string;
  conversation_id: string | null;
};

function world(seed: number): World {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const base = Date.UTC(2026, 0, 1);
  const at = (days: number) => new Date(base + Math.floor(rand() * days * 24) * HOUR).toISOString();
  const people = Array.from({ length: 40 }, (_v, i) => `p${i}@example.com`);
  const touches = Array.from({ length: 900 }, (_v, i) => ({
    touchpoint_id: `t${String(i).padStart(4, '0')}`,
    // Whole hours over 120 days: many touches share an instant; some sit exactly on an edge.
    occurred_at: at(120),
    touchpoint_type: pick(['marketing', 'marketing', 'sales']),
    channel: pick(['email', 'paid_search', 'direct', 'Direct', 'organic', 'webinar']),
    event_type: pick([null, null, 'webinar.attended', 'chat.demo.requested']),
    email: pick(people),
  }));
  const conversations = Array.from({ length: 150 }, (_v, i) => {
    const started = Date.parse(at(120));
    return {
      conversation_id: `c${i}`,
      channel: pick(['chat', 'bot', 'voice']),
      started_at: new Date(started).toISOString(),
      // Whole minutes up to three days: gaps land exactly on the 30-minute and 24-hour edges.
      ended_at:
        rand() < 0.1
          ? null
          : new Date(started + Math.floor(rand() * 3 * 24 * 60) * 60_000).toISOString(),
      two_way: rand() < 0.5 ? 'true' : 'false',
      email: pick(people),
    };
  });
  let ev = 0;
  const events = conversations.flatMap((c) =>
    Array.from({ length: Math.floor(rand() * 3) }, () => ({
      event_id: `e${ev++}`,
      event_type: pick(['chat.demo.requested', 'chat.lead.qualified', 'chat.casual']),
      occurred_at: c.started_at,
      conversation_id: c.conversation_id,
    })),
  );
  const orders = Array.from({ length: 250 }, (_v, i): Order => {
    const c = rand() < 0.3 ? pick(conversations) : undefined;
    return {
      order_id: `o${i}`,
      placed_at: at(125),
      amount: (Math.floor(rand() * 100_000) / 100).toFixed(2),
      // Some orders carry a conversation, sometimes another person's: a direct link either way.
      email: c && rand() < 0.7 ? c.email : pick(people),
      conversation_id: c ? c.conversation_id : null,
    };
  });
  // One order exactly on the window's far edge from a touch, one a millisecond past it.
  const t0 = touches[0]!;
  for (const [id, offset] of [
    ['edge', 0],
    ['past', 1],
  ] as const)
    orders.push({
      order_id: id,
      placed_at: new Date(
        Date.parse(String(t0.occurred_at)) + LOOKBACK * DAY_MS + offset,
      ).toISOString(),
      amount: '10.00',
      email: t0.email,
      conversation_id: null,
    });
  return { touches, conversations, events, orders };
}

interface RefTouch extends CreditableTouch {
  readonly email: string;
  readonly conversationId: string | null;
  readonly twoWay: boolean;
}

/** The core reading of the world: every touch as the models see it. */
function referenceTouches(w: World): RefTouch[] {
  const eventsOf = new Map<string, string[]>();
  for (const e of w.events) {
    const list = eventsOf.get(String(e.conversation_id)) ?? [];
    list.push(String(e.event_type));
    eventsOf.set(String(e.conversation_id), list);
  }
  return [
    ...w.touches.map((t) => ({
      touchpointId: String(t.touchpoint_id),
      occurredAt: Date.parse(String(t.occurred_at)),
      channel: String(t.channel),
      touchType: String(t.touchpoint_type),
      eventType: typeof t.event_type === 'string' ? t.event_type : undefined,
      email: String(t.email),
      conversationId: null,
      twoWay: false,
    })),
    ...w.conversations.map((c) => ({
      touchpointId: `conversation:${String(c.conversation_id)}`,
      occurredAt: Date.parse(String(c.started_at)),
      endedAt: typeof c.ended_at === 'string' ? Date.parse(c.ended_at) : undefined,
      channel: String(c.channel),
      touchType: 'conversation',
      eventTypes: eventsOf.get(String(c.conversation_id)) ?? [],
      email: String(c.email),
      conversationId: String(c.conversation_id),
      twoWay: c.two_way === 'true',
    })),
  ];
}

/** The earliest lead moment of each person: their conversations' chat.lead.qualified events. */
function leadMoments(w: World): Map<string, number> {
  const emailOf = new Map(w.conversations.map((c) => [String(c.conversation_id), String(c.email)]));
  const out = new Map<string, number>();
  for (const e of w.events) {
    if (e.event_type !== 'chat.lead.qualified') continue;
    const email = emailOf.get(String(e.conversation_id))!;
    const at = Date.parse(String(e.occurred_at));
    out.set(email, Math.min(at, out.get(email) ?? Infinity));
  }
  return out;
}

function expectedCredits(w: World, crediters: ReadonlyMap<string, JourneyCrediter>) {
  const touches = referenceTouches(w);
  const leads = leadMoments(w);
  const expected = new Map<string, number>();
  const definitions = [
    { name: 'order', lookback: LOOKBACK, nextOnly: false, eligible: {} as EligibleTouches },
    {
      name: 'chat_orders',
      lookback: 10,
      nextOnly: true,
      eligible: { excludeChannels: ['direct'], twoWay: true },
    },
    {
      name: 'demo_orders',
      lookback: LOOKBACK,
      nextOnly: false,
      eligible: { touchpointTypes: ['conversation', 'sales'], eventTypes: ['chat.demo.requested'] },
    },
  ];
  const orders = w.orders
    .map((o) => ({ ...o, at: Date.parse(String(o.placed_at)) }))
    .sort((a, b) => a.at - b.at || (`${a.order_id}` < `${b.order_id}` ? -1 : 1));
  let attributed = 0;
  for (const def of definitions) {
    for (const o of orders) {
      const id = `${def.name}:${String(o.order_id)}`;
      const previous = def.nextOnly
        ? orders
            .filter((p) => p.email === o.email)
            .filter((p) => p.at < o.at || (p.at === o.at && `${def.name}:${p.order_id}` < id))
            .at(-1)?.at
        : undefined;
      const link = o.conversation_id;
      const journey = touches
        .filter((t) => {
          if (link !== null && t.conversationId === link) return t.occurredAt <= o.at;
          return (
            t.email === o.email &&
            inLookbackWindow(t.occurredAt, o.at, def.lookback) &&
            (previous === undefined || t.occurredAt > previous) &&
            isEligible(def.eligible, {
              touchType: t.touchType ?? '',
              channel: t.channel,
              eventTypes: [...(t.eventType ? [t.eventType] : []), ...(t.eventTypes ?? [])],
              twoWay: t.twoWay,
            })
          );
        })
        .map((t) => ({ ...t, isDirect: link !== null && t.conversationId === link }));
      const ordered = orderJourney(journey);
      const lead = leads.get(String(o.email));
      const leadIndex =
        lead !== undefined && lead <= o.at
          ? ordered.findLastIndex((t) => t.occurredAt <= lead)
          : -1;
      const flagged = ordered.map((t, i) => ({ ...t, createsLead: i === leadIndex }));
      if (flagged.length) attributed++;
      for (const [model, credit] of crediters) {
        for (const c of credit(flagged, o.at))
          if (c.fraction > 0) expected.set(`${model}|${id}|${c.touchpointId}`, c.fraction);
      }
    }
  }
  return { expected, attributed };
}

describe('SQL attribution agrees with the reference math in core', () => {
  it('for every rule model on random journeys with ties, window edges, filters and cycles', async () => {
    const w = world(7);
    const { config, open } = memoryConfig(
      {
        touches: { kind: 'touchpoints', rows: w.touches },
        conversations: { kind: 'conversations', rows: w.conversations },
        events: { kind: 'conversation_events', rows: w.events },
        orders: { kind: 'orders', rows: w.orders },
      },
      ATTRIBUTION,
    );
    const crediters = new Map(
      config.attribution.models.map((m) => [m.name, modelCrediter(m.spec)]),
    );
    const engine = await openEngine(config.engine);
    try {
      await runPipeline(engine, config, { open });
      const rows = await engine.query(
        sql('SELECT conversion_id, touchpoint_id, model, fraction, value FROM credits'),
      );
      const actual = new Map(
        rows.map((r) => [
          `${String(r.model)}|${String(r.conversion_id)}|${String(r.touchpoint_id)}`,
          Number(r.fraction),
        ]),
      );
      const { expected, attributed } = expectedCredits(w, crediters);
      expect(attributed).toBeGreaterThan(200);
      const keys = (m: Map<string, number>) => [...m.keys()].sort();
      // Shares that are 0 in exact arithmetic but a rounding error in one of the two are ignored.
      const significant = (m: Map<string, number>) => new Map([...m].filter(([, f]) => f > 1e-12));
      expect(keys(significant(actual))).toEqual(keys(significant(expected)));
      for (const [key, fraction] of expected)
        expect(actual.get(key) ?? 0).toBeCloseTo(fraction, 10);
      // Each attributed conversion's credits sum to 1 under each model.
      const sums = await engine.query(
        sql(
          'SELECT model, conversion_id, SUM(fraction) AS s FROM credits GROUP BY model, conversion_id',
        ),
      );
      for (const s of sums) expect(Number(s.s)).toBeCloseTo(1, 12);
      const [journeys] = await engine.query(
        sql('SELECT COUNT(DISTINCT conversion_id) AS n FROM journeys'),
      );
      expect(sums.length).toBe(Number(journeys?.n) * crediters.size);
      // Edges really were exercised: some touch lies exactly LOOKBACK days before its order.
      const [edge] = await engine.query(
        sql(
          "SELECT COUNT(*) AS n FROM journeys WHERE conversion_id = 'order:edge' AND seconds_before = $1",
          [LOOKBACK * 86_400],
        ),
      );
      expect(Number(edge?.n)).toBeGreaterThan(0);
    } finally {
      await engine.close();
    }
  });
});
