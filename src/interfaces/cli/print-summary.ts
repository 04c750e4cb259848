import type { Engine } from '../../engine/engine.js';
import { sql } from '../../engine/sql/sql-statement.js';
import type { ModelSummary } from '../../pipeline/reports/read-summary.js';
import { formatForPeople } from './format/format-value.js';
import { renderTable } from './format/render-rows.js';

/**
 * The run's headline: per model and value kind, conversions and value attributed, unattributed,
 * and value per conversation (revenue per conversation on the revenue rows).
 */
export function summaryTable(summary: readonly ModelSummary[]): string {
  const columns = [
    'model',
    'value kind',
    'conversions',
    'attributed',
    'unattributed',
    'total value',
    'attributed value',
    'unattributed value',
    'value / conversation',
  ];
  const cells = summary.map((s) => [
    s.model,
    s.valueKind,
    formatForPeople('n', s.conversions),
    formatForPeople('n', s.attributedConversions),
    formatForPeople('n', s.unattributedConversions),
    formatForPeople('value', s.totalValue),
    formatForPeople('value', s.attributedValue),
    formatForPeople('value', s.unattributedValue),
    formatForPeople('revenue', s.revenuePerConversation),
  ]);
  return renderTable(columns, cells);
}

/** Credited revenue (value of the revenue kind) per channel with one column per model, largest first. */
export async function channelComparisonTable(
  engine: Engine,
  models: readonly string[],
): Promise<string> {
  const rows = await engine.query(
    sql(
      "SELECT touchpoint_type, channel, model, credited_value FROM channel_attribution WHERE value_kind = 'revenue' ORDER BY touchpoint_type, channel",
    ),
  );
  const byChannel = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const key = `${String(r.touchpoint_type)}\u0000${String(r.channel)}`;
    const perModel = byChannel.get(key) ?? new Map<string, number>();
    perModel.set(String(r.model), Number(r.credited_value));
    byChannel.set(key, perModel);
  }
  const sorted = [...byChannel.entries()].sort(
    (a, b) => (b[1].get(models[0] ?? '') ?? 0) - (a[1].get(models[0] ?? '') ?? 0),
  );
  const cells = sorted.map(([key, perModel]) => [
    ...key.split('\u0000'),
    ...models.map((m) => formatForPeople('value', perModel.get(m) ?? 0)),
  ]);
  return renderTable(['type', 'channel', ...models], cells);
}

export async function printRunResults(
  engine: Engine,
  summary: readonly ModelSummary[],
  out: NodeJS.WriteStream = process.stdout,
): Promise<void> {
  out.write(`\nAttribution summary\n${summaryTable(summary)}\n`);
  out.write(
    `\nAttributed revenue by channel\n${await channelComparisonTable(engine, [
      ...new Set(summary.map((s) => s.model)),
    ])}\n`,
  );
}
