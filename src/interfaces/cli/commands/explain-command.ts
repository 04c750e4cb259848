import type { Command } from 'commander';
import { UserError } from '../../../core/errors.js';
import {
  explainPerson,
  type PersonExplanation,
} from '../../../pipeline/identity/explain-person.js';
import {
  explainConversion,
  type ConversionExplanation,
} from '../../../pipeline/reports/explain-conversion.js';
import type { Row } from '../../../engine/engine.js';
import { renderRows } from '../format/render-rows.js';
import { reviveRows, reviveValue } from '../revive-rows.js';
import {
  addWarehouseOptions,
  withWarehouseOrServer,
  warehouseTargetFor,
  type WarehouseFlags,
} from '../warehouse.js';
import { parseFormat } from './report-command.js';

export function registerExplain(program: Command): void {
  addWarehouseOptions(
    program
      .command('explain <what> <id>')
      .description(
        'show how a figure came about: `explain conversion ID` prints its journey and every credit; ' +
          '`explain person ID` its identifiers, the edges (rules, scores, source records) that joined them and refused merges',
      )
      .option('--format <format>', 'table|csv|json', 'table')
      .option('-c, --config <file>', 'config file naming the warehouse'),
  ).action(async (what: string, id: string, flags: WarehouseFlags & { format: string }) => {
    if (what === 'person') {
      await printPerson(id, flags);
      return;
    }
    if (what !== 'conversion')
      throw new UserError(
        `cannot explain "${what}" yet (try: explain conversion ID, explain person ID)`,
      );
    const format = parseFormat(flags.format);
    const e = await withWarehouseOrServer(
      await warehouseTargetFor(flags),
      'read',
      (engine) => explainConversion(engine, id),
      async (server) =>
        reviveExplanation(
          await server.get<ConversionExplanation>(
            `/v1/explain/conversion/${encodeURIComponent(id)}`,
          ),
        ),
    );
    if (format === 'json') {
      process.stdout.write(
        `${JSON.stringify({ conversion: e.conversion, touches: e.touches, excluded: e.excluded }, null, 2)}\n`,
      );
      return;
    }
    if (format === 'csv') {
      // One table: the journey's touches, then the excluded ones with their reason.
      const rows = [
        ...e.touches.map((t) => ({ ...t, reason: null })),
        ...e.excluded.map((t) => ({ ...t, link: 'excluded' })),
      ];
      process.stdout.write(`${renderRows(rows, 'csv')}\n`);
      return;
    }
    process.stdout.write(
      `${renderRows([e.conversion], 'table')}\n\nJourney (link: converted = the conversation the outcome carries, by the key in linked_by; credit fraction per model)\n`,
    );
    process.stdout.write(
      `${e.touches.length ? renderRows(e.touches, 'table') : 'no eligible touch in the window: this conversion is unattributed'}\n`,
    );
    if (e.excluded.length)
      process.stdout.write(
        `\nExcluded touches of the same ${String(e.conversion.level ?? 'person')} (no credit)\n${renderRows(e.excluded, 'table')}\n`,
      );
  });
}

async function printPerson(id: string, flags: WarehouseFlags & { format: string }): Promise<void> {
  const format = parseFormat(flags.format);
  const e = await withWarehouseOrServer(
    await warehouseTargetFor(flags),
    'read',
    (engine) => explainPerson(engine, id),
    async (server) =>
      reviveExplanation(
        await server.get<PersonExplanation>(`/v1/explain/person/${encodeURIComponent(id)}`),
      ),
  );
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(e, null, 2)}\n`);
    return;
  }
  const part = (title: string, rows: readonly Row[], none: string) =>
    `${format === 'table' ? `\n${title}\n` : ''}${rows.length ? renderRows(rows, format) : none}\n`;
  process.stdout.write(
    `${renderRows([e.person], format)}\n` +
      part('Identifiers', e.identifiers, 'none') +
      part('Edges that joined them', e.edges, 'none: one identifier') +
      part('Refused merges', e.refused, 'none'),
  );
}

/** An explanation as the API answers it, its rows' times back as Dates (see reviveRows). */
function reviveExplanation<T extends object>(answer: T): T {
  return Object.fromEntries(
    Object.entries(answer).map(([k, v]) => {
      if (Array.isArray(v))
        return [k, v.every((x) => typeof x === 'object' && x !== null) ? reviveRows(v) : v];
      if (typeof v === 'object' && v !== null) return [k, reviveRows([v as Row])[0]];
      return [k, reviveValue(v)];
    }),
  ) as T;
}
