import type { Command } from 'commander';
import { UserError } from '../../../core/errors.js';
import { listWriteKeysSql } from '../../../engine/sql/write-keys-sql.js';
import {
  createWriteKey,
  KEY_SCOPES,
  revokeWriteKey,
  type KeyScope,
} from '../../../pipeline/ingest/write-keys.js';
import { renderRows } from '../format/render-rows.js';
import { registerKeysExport } from './keys-export-command.js';
import {
  addWarehouseOptions,
  withWarehouseOrServer,
  warehouseTargetFor,
  type WarehouseFlags,
} from '../warehouse.js';
import { reviveRows } from '../revive-rows.js';
import type { Row } from '../../../engine/engine.js';

export function registerKeys(program: Command): void {
  const keys = program
    .command('keys')
    .description(
      'API keys: ingest (the collector), read (the API, dashboard and /metrics), admin (all); only their hashes are stored',
    );
  addWarehouseOptions(
    keys
      .command('create')
      .description('create a key; it is printed once')
      .option('--scope <scopes>', `comma-separated: ${KEY_SCOPES.join(', ')}`, 'ingest')
      .option('--name <name>', 'what the key is for', 'default')
      .option('--source <name>', 'source name the records sent with it are stored under', 'http')
      .option('-c, --config <file>', 'config naming the warehouse'),
  ).action(async (flags: WarehouseFlags & { scope: string; name: string; source: string }) => {
    const scopes = flags.scope.split(',').map((s) => s.trim());
    const unknown = scopes.filter((s) => !(KEY_SCOPES as readonly string[]).includes(s));
    if (unknown.length || !scopes.length)
      throw new UserError(`--scope ${flags.scope}: give some of ${KEY_SCOPES.join(', ')}`);
    if (!/^[A-Za-z0-9_.-]+$/.test(flags.source))
      throw new UserError(`--source ${flags.source}: letters, digits, _ . - only`);
    const wanted = { name: flags.name, source: flags.source, scopes: scopes as KeyScope[] };
    const created = await withWarehouseOrServer(
      await warehouseTargetFor(flags),
      'admin',
      (engine) => createWriteKey(engine, wanted),
      async (server) => {
        const answer = await server.send<{ key_id: string; key: string }>(
          'POST',
          '/v1/admin/keys',
          wanted,
        );
        return { keyId: answer.key_id, key: answer.key };
      },
    );
    process.stderr.write(
      `key ${created.keyId} (${scopes.join(',')}, source ${flags.source}); store it now, it is not shown again:\n`,
    );
    process.stdout.write(`${created.key}\n`);
  });
  addWarehouseOptions(
    keys.command('list').description('keys, without their secrets').option('-c, --config <file>'),
  ).action(async (flags: WarehouseFlags) => {
    const rows = await withWarehouseOrServer(
      await warehouseTargetFor(flags),
      'admin',
      (engine) => engine.query(listWriteKeysSql()),
      async (server) => reviveRows((await server.get<{ keys: Row[] }>('/v1/admin/keys')).keys),
    );
    process.stdout.write(`${renderRows(rows, 'table')}\n`);
  });
  addWarehouseOptions(
    keys
      .command('revoke <id>')
      .description('revoke a key (a running server stops accepting it within 10 s)')
      .option('-c, --config <file>'),
  ).action(async (id: string, flags: WarehouseFlags) => {
    const revoked = await withWarehouseOrServer(
      await warehouseTargetFor(flags),
      'admin',
      (engine) => revokeWriteKey(engine, id),
      async (server) => {
        if (!/^key_[0-9a-f]{1,32}$/.test(id)) return false;
        const answer = await server.send<{ revoked?: boolean }>(
          'DELETE',
          `/v1/admin/keys/${id}`,
          undefined,
          [404],
        );
        return answer.revoked === true;
      },
    );
    if (!revoked)
      throw new UserError(`keys revoke ${id}: no active key with this id (convrev keys list)`);
    process.stdout.write(`revoked ${id}\n`);
  });
  registerKeysExport(keys);
}
