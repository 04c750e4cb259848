/**
 * A contract version in SchemaVer form, MODEL-REVISION-ADDITION: MODEL changes when data valid
 * under the old schema may be invalid under the new one, REVISION when some historical data may
 * be, ADDITION when every historical record stays valid.
 */
export interface SchemaVer {
  readonly model: number;
  readonly revision: number;
  readonly addition: number;
}

const PATTERN = /^([1-9]\d{0,5})-(0|[1-9]\d{0,5})-(0|[1-9]\d{0,5})$/;

/** The version written as `1-0-2`, or null when the text is not one (MODEL starts at 1). */
export function parseSchemaVer(text: string): SchemaVer | null {
  const m = PATTERN.exec(text);
  if (!m) return null;
  return { model: Number(m[1]), revision: Number(m[2]), addition: Number(m[3]) };
}

export function formatSchemaVer(v: SchemaVer): string {
  return `${v.model}-${v.revision}-${v.addition}`;
}

/** Negative when a is older than b, zero when equal, positive when newer. */
export function compareSchemaVer(a: SchemaVer, b: SchemaVer): number {
  return a.model - b.model || a.revision - b.revision || a.addition - b.addition;
}

export const SCHEMAVER_PATTERN = PATTERN.source;
