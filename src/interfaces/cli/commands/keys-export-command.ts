import { renameSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { KeyFileEntry } from '../../../adapters/http/file-key-auth.js';
import { activeWriteKeysSql } from '../../../engine/sql/write-keys-sql.js';
import {
  addWarehouseOptions,
  engineConfigFor,
  withWarehouse,
  type WarehouseFlags,
} from '../warehouse.js';

/**
 * `convrev keys export`: the active keys' hashes, sources and scopes as the JSON a `convrev
 * collect` process reads (--keys). Plain keys are never stored, so none can be exported; a
 * revoked key is left out, and collectors drop it when they re-read the file.
 */
export function registerKeysExport(keys: Command): void {
  addWarehouseOptions(
    keys
      .command('export')
      .description('write the active keys (hashes only) for `convrev collect --keys FILE`')
      .option('--out <file>', 'write here (replaced atomically) instead of stdout')
      .option('-c, --config <file>', 'config naming the warehouse'),
  ).action(async (flags: WarehouseFlags & { out?: string }) => {
    const rows = await withWarehouse(await engineConfigFor(flags), (engine) =>
      engine.query(activeWriteKeysSql()),
    );
    const entries: KeyFileEntry[] = rows.map((r) => ({
      key_id: String(r.key_id),
      name: String(r.name),
      source: String(r.source),
      scopes: String(r.scopes).split(',').filter(Boolean),
      sha256: String(r.key_hash),
    }));
    const text = `${JSON.stringify(entries, null, 2)}\n`;
    if (flags.out === undefined) {
      process.stdout.write(text);
      return;
    }
    // A collector re-reading the file never sees half of it.
    const partial = `${flags.out}.${process.pid}.tmp`;
    writeFileSync(partial, text, { mode: 0o600 });
    renameSync(partial, flags.out);
    process.stderr.write(`${entries.length} key(s) written to ${flags.out}\n`);
  });
}
