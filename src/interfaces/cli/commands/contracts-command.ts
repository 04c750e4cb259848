import type { Command } from 'commander';
import { readEventContracts } from '../../../adapters/contracts/read-event-contracts.js';
import { loadConfig } from '../../../adapters/config/load-config.js';
import { formatSchemaVer } from '../../../core/contracts/schema-ver.js';
import { UserError } from '../../../core/errors.js';
import { createIngestEnvironment } from '../../../pipeline/ingest/create-ingest-environment.js';
import { OUTPUT_FORMATS, renderRows, type OutputFormat } from '../format/render-rows.js';

function registry(configFile: string | undefined) {
  return (async () => {
    const config = configFile ? await loadConfig(configFile) : undefined;
    return createIngestEnvironment(config, { contracts: readEventContracts() }).registry;
  })();
}

export function registerContracts(program: Command): void {
  const contracts = program
    .command('contracts')
    .description('the data contracts records are validated against');
  contracts
    .command('list')
    .description('every event type and record kind, with its version and landing table')
    .option('-c, --config <file>', 'config whose own event types to include')
    .option('--format <format>', `output: ${OUTPUT_FORMATS.join('|')}`, 'table')
    .action(async (flags: { config?: string; format: string }) => {
      if (!(OUTPUT_FORMATS as readonly string[]).includes(flags.format))
        throw new UserError(`--format ${flags.format}: give one of ${OUTPUT_FORMATS.join(', ')}`);
      const rows = (await registry(flags.config)).list().map((c) => ({
        type: c.type,
        version: formatSchemaVer(c.version),
        kind: c.kind,
        origin: c.origin,
        description: c.description,
      }));
      process.stdout.write(`${renderRows(rows, flags.format as OutputFormat)}\n`);
    });
  contracts
    .command('show')
    .description(
      'the JSON Schema of one type (records also carry type, schema_version and sent_at)',
    )
    .argument('<type>', 'e.g. chat.intent.detected or record.orders')
    .option('-c, --config <file>', 'config whose own event types to include')
    .option('--schema-version <version>', 'a version other than the newest')
    .action(async (type: string, flags: { config?: string; schemaVersion?: string }) => {
      const found = (await registry(flags.config)).resolve(type, flags.schemaVersion);
      if (!found.ok)
        throw new UserError(`${found.message} (convrev contracts list shows every type)`);
      const { contract } = found.compiled;
      process.stdout.write(
        `${JSON.stringify({ type: contract.type, version: formatSchemaVer(contract.version), kind: contract.kind, origin: contract.origin, schema: contract.schema }, null, 2)}\n`,
      );
    });
}
