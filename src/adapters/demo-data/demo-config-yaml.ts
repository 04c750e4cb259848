import { DEMO_TABLES, type DemoTable } from './demo-tables.js';

/** A source entry of the generated config: which file feeds which canonical kind, and how. */
interface DemoSource {
  readonly table: DemoTable;
  readonly kind: string;
  readonly mapping?: Readonly<Record<string, string>>;
  readonly constants?: Readonly<Record<string, string>>;
}

// The truth file is for scoring identity resolution, not an input; it is not listed here.
const SOURCES: readonly DemoSource[] = [
  { table: 'accounts', kind: 'accounts' },
  { table: 'contacts', kind: 'contacts' },
  { table: 'opportunities', kind: 'opportunities' },
  { table: 'conversations', kind: 'conversations' },
  { table: 'conversation_events', kind: 'conversation_events' },
  {
    table: 'marketing_touches',
    kind: 'touchpoints',
    mapping: {
      touchpoint_id: 'marketing_touchpoint_id',
      channel: 'channel_name',
      crm_contact_id: 'contact_id',
      occurred_at: 'marketing_touchpoint_date',
    },
    constants: { touchpoint_type: 'marketing' },
  },
  {
    table: 'sales_outreach',
    kind: 'touchpoints',
    mapping: {
      touchpoint_id: 'sales_touchpoint_id',
      channel: 'channel_name',
      crm_contact_id: 'contact_id',
      occurred_at: 'sales_touchpoint_date',
    },
    constants: { touchpoint_type: 'sales' },
  },
  { table: 'web_touches', kind: 'touchpoints' },
  { table: 'orders', kind: 'orders' },
  { table: 'orders_late', kind: 'orders' },
  { table: 'tickets', kind: 'tickets' },
  { table: 'spend', kind: 'spend' },
];

/** The sources of the demo config, with mapping and constants, for tests and the CLI. */
export function demoSources(): readonly (DemoSource & { readonly file: string })[] {
  return SOURCES.map((s) => ({ ...s, file: DEMO_TABLES[s.table].file }));
}

const flow = (record: Readonly<Record<string, string>>): string =>
  `{ ${Object.entries(record)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ')} }`;

/** convrev.yaml for the demo files, paths relative to the file itself. */
export function renderDemoConfig(seed: number, scale: number): string {
  const lines = [
    '# convrev demo configuration (generated)',
    `# seed ${seed}, scale ${scale}. identity_truth.csv is the identity ground truth, not a source.`,
    'attribution:',
    '  lookback_days: 90',
    '  # every rule model; custom weights and conversation revenue tiers on top of two of them;',
    '  # two data-driven models (docs/models.md)',
    '  models:',
    '    - first_touch',
    '    - last_touch',
    '    - last_non_direct',
    '    - linear',
    '    - { kind: time_decay, half_life_days: 7 }',
    '    - { kind: position_based, first_share: 0.4, last_share: 0.4 }',
    '    - w_shaped',
    '    - { name: linear_demo_x3, kind: linear, weights: { event_type: { chat.demo.requested: 3 } } }',
    '    - { name: last_touch_tiers, kind: last_touch, conversation_tiers: true }',
    '    - markov_2',
    '    - shapley_path',
    '  conversions:',
    '    - order',
    '    - opportunity_created',
    '    - { outcome: closed_won, lookback_days: 180, cycle: next_only }',
    'sources:',
  ];
  for (const source of demoSources()) {
    lines.push(`  - name: ${source.table}`, `    kind: ${source.kind}`, `    path: ${source.file}`);
    if (source.mapping) lines.push(`    mapping: ${flow(source.mapping)}`);
    if (source.constants) lines.push(`    constants: ${flow(source.constants)}`);
  }
  return `${lines.join('\n')}\n`;
}
