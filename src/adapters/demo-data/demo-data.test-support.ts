/**
 * Test support (not used by the generator): reads generated files back the way a loader would,
 * applying convrev.yaml's mapping and constants, so tests judge the data by canonical fields.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';

export type RawRecord = Readonly<Record<string, unknown>>;

export interface ConfigSource {
  readonly name: string;
  readonly kind: string;
  readonly path: string;
  readonly mapping?: Readonly<Record<string, string>>;
  readonly constants?: Readonly<Record<string, string | number | boolean>>;
}

export async function tempDir(label: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `convrev-demo-${label}-`));
}

export async function readConfigSources(configPath: string): Promise<ConfigSource[]> {
  const doc = parseYaml(await readFile(configPath, 'utf8')) as { sources: ConfigSource[] };
  return doc.sources;
}

/** Rows of a CSV (BOM dropped, header names lower-cased) or JSON-lines file. */
export async function readRows(path: string): Promise<RawRecord[]> {
  const text = await readFile(path, 'utf8');
  if (path.endsWith('.jsonl')) {
    return text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as RawRecord);
  }
  return parseCsv<RawRecord>(text, {
    bom: true,
    columns: (header: string[]) => header.map((h) => h.toLowerCase()),
  });
}

/** A canonical field's raw value of one row: the constant, else the mapped (or same-named) column. */
export function canonicalValue(source: ConfigSource, row: RawRecord, field: string): unknown {
  const constant = source.constants?.[field];
  if (constant !== undefined) return constant;
  return row[(source.mapping?.[field] ?? field).toLowerCase()];
}

/** Every row of a source with its canonical fields filled in. */
export async function readCanonical(
  dir: string,
  source: ConfigSource,
  fields: readonly string[],
): Promise<Record<string, unknown>[]> {
  const rows = await readRows(join(dir, source.path));
  return rows.map((row) =>
    Object.fromEntries(fields.map((f) => [f, canonicalValue(source, row, f)])),
  );
}
