/**
 * The small, safe expression language of a source's `where` filter and `derived` fields: column
 * references (bare words, or "double-quoted" for names with spaces), 'string' and number
 * literals, = != <> < <= > >=, and / or / not, in (...), is [not] null, parentheses. Parsed here,
 * evaluated in JS over a row's cells: never SQL. A comparison with an empty cell is false.
 */
export type Expr =
  | { readonly t: 'col'; readonly name: string }
  | { readonly t: 'lit'; readonly value: string | number | null }
  | { readonly t: 'cmp'; readonly op: string; readonly l: Expr; readonly r: Expr }
  | { readonly t: 'in'; readonly l: Expr; readonly list: readonly Expr[]; readonly not: boolean }
  | { readonly t: 'null'; readonly l: Expr; readonly not: boolean }
  | { readonly t: 'and' | 'or'; readonly l: Expr; readonly r: Expr }
  | { readonly t: 'not'; readonly e: Expr };

/** An expression that does not parse, with the 1-based position of the offending text. */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}

interface Token {
  readonly kind: 'word' | 'quoted' | 'str' | 'num' | 'op' | 'end';
  readonly text: string;
  readonly at: number;
}

const TOKEN =
  /\s*(?:("(?:[^"]|"")*")|('(?:[^']|'')*')|(-?\d+(?:\.\d+)?)|(<=|>=|!=|<>|[=<>(),])|([A-Za-z_][\w.]*))/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (m === null) {
      const pos = at + (text.slice(at).length - text.slice(at).trimStart().length);
      throw new ExpressionError(
        `unexpected '${text.slice(pos, pos + 10)}' at position ${pos + 1}`,
        pos + 1,
      );
    }
    const start = m.index + m[0].length - m[0].trimStart().length;
    const [, quoted, str, num, op, word] = m;
    if (quoted !== undefined)
      tokens.push({ kind: 'quoted', text: quoted.slice(1, -1).replaceAll('""', '"'), at: start });
    else if (str !== undefined)
      tokens.push({ kind: 'str', text: str.slice(1, -1).replaceAll("''", "'"), at: start });
    else if (num !== undefined) tokens.push({ kind: 'num', text: num, at: start });
    else if (op !== undefined) tokens.push({ kind: 'op', text: op, at: start });
    else tokens.push({ kind: 'word', text: word ?? '', at: start });
    at = TOKEN.lastIndex;
  }
  tokens.push({ kind: 'end', text: '', at: text.length });
  return tokens;
}

/** Parses an expression, or throws an ExpressionError naming the position. */
export function parseExpression(text: string): Expr {
  const tokens = tokenize(text);
  let i = 0;
  const peek = () => tokens[i] as Token;
  const isWord = (w: string) => peek().kind === 'word' && peek().text.toLowerCase() === w;
  const fail = (what: string): never => {
    const t = peek();
    const found = t.kind === 'end' ? 'the end' : `'${t.text}'`;
    throw new ExpressionError(
      `expected ${what} but found ${found} at position ${t.at + 1}`,
      t.at + 1,
    );
  };
  const expectOp = (op: string) =>
    peek().kind === 'op' && peek().text === op ? (i += 1) : fail(`'${op}'`);
  const primary = (): Expr => {
    const t = peek();
    if (t.kind === 'op' && t.text === '(') {
      i += 1;
      const e = or();
      expectOp(')');
      return e;
    }
    if (t.kind === 'str') return ((i += 1), { t: 'lit', value: t.text });
    if (t.kind === 'num') return ((i += 1), { t: 'lit', value: Number(t.text) });
    if (t.kind === 'quoted') return ((i += 1), { t: 'col', name: t.text.trim().toLowerCase() });
    if ((t.kind === 'word' && !KEYWORDS.has(t.text.toLowerCase())) || isWord('null')) {
      i += 1;
      return t.text.toLowerCase() === 'null'
        ? { t: 'lit', value: null }
        : { t: 'col', name: t.text.toLowerCase() };
    }
    return fail('a column, a value or (');
  };
  const comparison = (): Expr => {
    const l = primary();
    const t = peek();
    if (t.kind === 'op' && ['=', '!=', '<>', '<', '<=', '>', '>='].includes(t.text)) {
      i += 1;
      return { t: 'cmp', op: t.text === '<>' ? '!=' : t.text, l, r: primary() };
    }
    if (isWord('is')) {
      i += 1;
      const not = isWord('not') ? ((i += 1), true) : false;
      if (!isWord('null')) fail('null');
      i += 1;
      return { t: 'null', l, not };
    }
    const not =
      isWord('not') && tokens[i + 1]?.text.toLowerCase() === 'in' ? ((i += 1), true) : false;
    if (isWord('in')) {
      i += 1;
      expectOp('(');
      const list = [primary()];
      while (peek().kind === 'op' && peek().text === ',') {
        i += 1;
        list.push(primary());
      }
      expectOp(')');
      return { t: 'in', l, list, not };
    }
    return l;
  };
  const negation = (): Expr =>
    isWord('not') ? ((i += 1), { t: 'not', e: negation() }) : comparison();
  const and = (): Expr => {
    let l = negation();
    while (isWord('and')) {
      i += 1;
      l = { t: 'and', l, r: negation() };
    }
    return l;
  };
  const or = (): Expr => {
    let l = and();
    while (isWord('or')) {
      i += 1;
      l = { t: 'or', l, r: and() };
    }
    return l;
  };
  const e = or();
  if (peek().kind !== 'end') fail('and, or or the end');
  return e;
}

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'null']);

/** The columns an expression reads (lower-cased), to check against a file's header. */
export function columnsOf(e: Expr): string[] {
  switch (e.t) {
    case 'col':
      return [e.name];
    case 'lit':
      return [];
    case 'cmp':
    case 'and':
    case 'or':
      return [...columnsOf(e.l), ...columnsOf(e.r)];
    case 'in':
      return [...columnsOf(e.l), ...e.list.flatMap(columnsOf)];
    case 'null':
      return columnsOf(e.l);
    case 'not':
      return columnsOf(e.e);
  }
}

type Value = string | number | boolean | null;

/** Evaluates over a row's cells keyed by lower-cased column; an empty cell is null. */
export function evaluate(e: Expr, cells: Readonly<Record<string, unknown>>): Value {
  switch (e.t) {
    case 'col': {
      const v = cells[e.name];
      if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return null;
      return typeof v === 'number' || typeof v === 'boolean'
        ? v
        : typeof v === 'string'
          ? v.trim()
          : JSON.stringify(v);
    }
    case 'lit':
      return e.value;
    case 'cmp':
      return compare(e.op, evaluate(e.l, cells), evaluate(e.r, cells));
    case 'in': {
      const l = evaluate(e.l, cells);
      const found = e.list.some((x) => compare('=', l, evaluate(x, cells)));
      return l === null ? false : found !== e.not;
    }
    case 'null':
      return (evaluate(e.l, cells) === null) !== e.not;
    case 'and':
      return truthy(evaluate(e.l, cells)) && truthy(evaluate(e.r, cells));
    case 'or':
      return truthy(evaluate(e.l, cells)) || truthy(evaluate(e.r, cells));
    case 'not':
      return !truthy(evaluate(e.e, cells));
  }
}

function truthy(v: Value): boolean {
  return v === true;
}

// Numbers compare as numbers when both sides read as one; otherwise as text.
function compare(op: string, a: Value, b: Value): boolean {
  if (a === null || b === null) return false;
  const na = typeof a === 'number' ? a : Number(a);
  const nb = typeof b === 'number' ? b : Number(b);
  const numeric =
    (typeof a === 'number' || typeof b === 'number') &&
    Number.isFinite(na) &&
    Number.isFinite(nb) &&
    String(a).trim() !== '' &&
    String(b).trim() !== '';
  const x: number | string = numeric ? na : String(a);
  const y: number | string = numeric ? nb : String(b);
  switch (op) {
    case '=':
      return x === y;
    case '!=':
      return x !== y;
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    default:
      return x >= y;
  }
}
