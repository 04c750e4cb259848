import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import type { Problem } from '../../core/errors.js';
import { describeSchemaErrors } from './describe-schema-error.js';
import type { RawConfig } from './raw-config.js';

/**
 * Absolute path of the JSON Schema shipped with the package (editors use it to complete and
 * check convrev.yaml). Both src/adapters/config and dist/adapters/config sit three levels below
 * the package root, so one relative URL serves the source and the build.
 */
export function configSchemaPath(): string {
  return fileURLToPath(new URL('../../../schema/convrev.schema.json', import.meta.url));
}

/** The shipped JSON Schema, parsed. */
export function readConfigSchema(): Record<string, unknown> {
  const schema: unknown = JSON.parse(readFileSync(configSchemaPath(), 'utf8'));
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new Error(`${configSchemaPath()} is not a JSON Schema object`);
  }
  return { ...schema };
}

// Compiling generates code; once per process is enough.
let validate: ValidateFunction<RawConfig> | undefined;

export type SchemaCheck =
  | { readonly ok: true; readonly value: RawConfig }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** Checks a parsed YAML document against the schema, reporting every violation at once. */
export function checkConfigSchema(value: unknown): SchemaCheck {
  validate ??= new Ajv({
    allErrors: true,
    verbose: true,
    strict: true,
    allowUnionTypes: true,
  }).compile<RawConfig>(readConfigSchema());
  if (validate(value)) return { ok: true, value };
  return { ok: false, problems: describeSchemaErrors(validate.errors ?? []) };
}
