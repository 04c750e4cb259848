/**
 * The part of JSON Schema (draft-07) convrev's contracts use and its compatibility checker reads.
 * Other keywords may appear; Ajv enforces them, the checker treats them as opaque.
 */
export interface JsonSchema {
  readonly $id?: string;
  readonly $schema?: string;
  readonly title?: string;
  readonly description?: string;
  readonly type?: JsonType | readonly JsonType[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly enum?: readonly (string | number | boolean | null)[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: string;
  readonly items?: JsonSchema;
  readonly [keyword: string]: unknown;
}

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

/** The types a schema admits, as a set; undefined `type` admits every type. */
export function typesOf(schema: JsonSchema): ReadonlySet<JsonType> | null {
  if (schema.type === undefined) return null;
  const list: readonly JsonType[] = typeof schema.type === 'string' ? [schema.type] : schema.type;
  // An integer is a number: a schema widened from integer to number accepts everything it did.
  return new Set(list);
}

/** A plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `json` parsed when it is a plain JSON object; null when it is malformed or anything else. */
export function parseJsonObject(json: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(json);
    return isJsonObject(value) ? value : null;
  } catch {
    return null;
  }
}
