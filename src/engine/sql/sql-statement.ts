/** Values a statement may bind; timestamps travel as epoch-millisecond numbers in canonical rows. */
export type SqlParam = string | number | boolean | null;

/** SQL text with positional parameters ($1, $2, ...), as every SQL builder returns it. */
export interface SqlStatement {
  readonly sql: string;
  readonly params?: readonly SqlParam[];
}

export function sql(text: string, params?: readonly SqlParam[]): SqlStatement {
  return params === undefined ? { sql: text } : { sql: text, params };
}
