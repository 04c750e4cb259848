import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { loadConfig } from '../../../adapters/config/load-config.js';
import { erasePerson } from '../../../pipeline/privacy/erase-person.js';
import { OUTPUT_FORMATS, renderRows, type OutputFormat } from '../format/render-rows.js';
import { UserError } from '../../../core/errors.js';
import { piiSalt } from '../ingest-context.js';
import {
  withWarehouseOrServer,
  targetOf,
  engineOverrides,
  addWarehouseOptions,
  type WarehouseFlags,
} from '../warehouse.js';
import { eraseThroughServer } from '../erase-through-server.js';

export function registerErase(program: Command): void {
  addWarehouseOptions(
    program
      .command('erase')
      .description(
        'erase a person from every table (identifiers, events, touches, conversations, conversions, derived rows), keep a tombstone so they cannot come back, and recompute the aggregates',
      )
      .requiredOption(
        '--identifier <type:value>',
        'e.g. email:someone@example.com (also user_id, phone, crm_contact_id, anonymous_id); repeat it to give several identifiers of one human',
        (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
      )
      .requiredOption('-c, --config <file>', 'the config the aggregates are recomputed under')
      .option(
        '--dry-run',
        'list what would go (rows per table) and the linked persons, change nothing',
      )
      .option(
        '--linked',
        'erase the linked persons too: those reachable through any identifier on a record that also carries one of the given identifiers',
      )
      .option('--by <name>', 'who asks, for the audit log', userInfo().username)
      .option('--format <format>', `output: ${OUTPUT_FORMATS.join('|')}`, 'table'),
  ).action(
    async (
      flags: WarehouseFlags & {
        identifier: string[];
        config: string;
        dryRun?: boolean;
        linked?: boolean;
        by: string;
        format: string;
      },
    ) => {
      if (!(OUTPUT_FORMATS as readonly string[]).includes(flags.format))
        throw new UserError(`--format ${flags.format}: give one of ${OUTPUT_FORMATS.join(', ')}`);
      const config = await loadConfig(flags.config, { engine: engineOverrides(flags) });
      const salt = piiSalt();
      const report = await withWarehouseOrServer(
        targetOf(config),
        'admin',
        (engine) =>
          erasePerson(engine, flags.identifier, {
            config,
            requestedBy: flags.by,
            dryRun: flags.dryRun ?? false,
            linked: flags.linked ?? false,
            ...(salt ? { piiSalt: salt } : {}),
          }),
        // The server erases under its own config and salt; its audit log names the key.
        (server) =>
          eraseThroughServer(server, flags.identifier, {
            dryRun: flags.dryRun ?? false,
            linked: flags.linked ?? false,
          }),
      );
      process.stdout.write(
        `${renderRows(report.tables, flags.format as OutputFormat, ['table', 'rows'])}\n`,
      );
      // Person ids and identifier types only: the values are what is being erased.
      for (const l of report.linked)
        process.stderr.write(
          `linked person ${l.personId} (${l.identifierTypes.join(', ')}): ${l.erased ? (report.dryRun ? 'would be erased' : 'erased') : 'not erased; add --linked to erase them too'}\n`,
        );
      process.stderr.write(
        report.dryRun
          ? `dry run: ${report.rowsDeleted} rows in ${report.tables.length} tables would go (${report.persons} persons); nothing changed\n`
          : `erasure ${report.erasureId}: ${report.rowsDeleted} rows removed from ${report.tables.length} tables (${report.persons} persons), ${report.tombstones} tombstones; aggregates recomputed\n`,
      );
    },
  );
}
