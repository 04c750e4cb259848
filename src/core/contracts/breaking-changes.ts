import type { Problem } from '../errors.js';
import { typesOf, type JsonSchema, type JsonType } from './json-schema.js';

/**
 * The changes from `old` to `next` after which a record valid under `old` may be refused by
 * `next`: a removed or retyped field, a new required field, a narrowed enum or range, a new or
 * changed pattern or format, extra fields forbidden. Nested object fields are compared too.
 * Empty when every record `old` accepts, `next` accepts as well.
 */
export function breakingChanges(old: JsonSchema, next: JsonSchema, path = ''): Problem[] {
  const out: Problem[] = [];
  const at = (field: string) => (path ? `${path}.${field}` : field);
  const add = (field: string, message: string) =>
    out.push({
      code: 'breaking_change',
      message: `${field || 'the record'}: ${message}`,
      location: { field },
    });

  const [before, after] = [typesOf(old), typesOf(next)];
  if (after !== null) {
    const lost = before === null ? ['any type'] : [...before].filter((t) => !admits(after, t));
    if (lost.length) add(path, `no longer accepts ${lost.join(', ')}`);
  }
  for (const [keyword, narrower] of NARROWING) {
    const [a, b] = [old[keyword], next[keyword]];
    if (typeof b === 'number' && (typeof a !== 'number' || narrower(a, b)))
      add(path, `${keyword} ${typeof a === 'number' ? `changed from ${a} ` : 'added '}to ${b}`);
  }
  for (const keyword of ['pattern', 'format'] as const) {
    if (next[keyword] !== undefined && next[keyword] !== old[keyword])
      add(path, `${keyword} ${old[keyword] === undefined ? 'added' : 'changed'}`);
  }
  if (next.enum !== undefined) {
    const dropped = old.enum === undefined ? null : old.enum.filter((v) => !next.enum?.includes(v));
    if (dropped === null) add(path, 'enum added');
    else if (dropped.length) add(path, `enum no longer allows ${dropped.map(String).join(', ')}`);
  }
  const oldProps = old.properties ?? {};
  const nextProps = next.properties ?? {};
  for (const name of Object.keys(oldProps)) {
    const nextProp = nextProps[name];
    if (nextProp === undefined) add(at(name), 'field removed');
    else out.push(...breakingChanges(oldProps[name] ?? {}, nextProp, at(name)));
  }
  const wasRequired = new Set(old.required ?? []);
  for (const name of next.required ?? [])
    if (!wasRequired.has(name)) add(at(name), 'field became required');
  if (next.additionalProperties === false && old.additionalProperties !== false) {
    const unlisted = old.properties === undefined ? 'fields' : 'fields not listed';
    add(path, `${unlisted} are no longer allowed`);
  }
  if (old.items !== undefined && next.items !== undefined)
    out.push(...breakingChanges(old.items, next.items, `${path}[]`));
  return out;
}

// Each entry: the keyword, and when a new bound is narrower than the old one.
const NARROWING: readonly [keyof JsonSchema & string, (a: number, b: number) => boolean][] = [
  ['minimum', (a, b) => b > a],
  ['maximum', (a, b) => b < a],
  ['minLength', (a, b) => b > a],
  ['maxLength', (a, b) => b < a],
];

function admits(types: ReadonlySet<JsonType>, type: JsonType): boolean {
  return types.has(type) || (type === 'integer' && types.has('number'));
}
