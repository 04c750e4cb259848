import { describe, expect, it } from 'vitest';
import { jsonText } from './json-text.js';
import { jsonChildSpans } from './json-text-spans.js';
import { jsonTextShape } from './json-text-shape.js';
import { safeText } from './safe-text.js';
import { screenJsonText, utf8Length } from './screen-json-text.js';

const limits = { maxRecordBytes: 1_000, maxDepth: 3, maxKeys: 5 };

describe('the limits screen on raw JSON text', () => {
  it('measures depth and keys without parsing, brackets inside strings ignored', () => {
    expect(jsonTextShape('{"a":[1,{"b":"}}]]{{"}]}')).toEqual({ depth: 3, keys: 2 });
    expect(jsonTextShape('"x"')).toEqual({ depth: 0, keys: 0 });
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(jsonTextShape(deep).depth).toBe(100_000);
  });

  it('names every limit a record breaks', () => {
    expect(screenJsonText('{"a":{"b":{"c":1}}}', limits)).toEqual([]);
    expect(screenJsonText('{"a":{"b":{"c":{}}}}', limits).map((r) => r.code)).toEqual(['too_deep']);
    const wide = `{${Array.from({ length: 200 }, (_v, i) => `"k${i}":1`).join(',')}}`;
    expect(screenJsonText(wide, limits).map((r) => r.code)).toEqual(['oversize', 'too_many_keys']);
    expect(utf8Length('é🚀\ud800')).toBe(2 + 4 + 3);
  });

  it('finds each element of a batch body byte for byte', () => {
    const text = ' { "x" : 1, "batch" : [ {"a":"],"} ,\n[1, 2] , "s\\"" , 3.5e2, null ] } ';
    const [, batch] = jsonChildSpans(text) ?? [];
    expect(batch?.key).toBe('batch');
    const elements = (jsonChildSpans(text, batch?.start) ?? []).map((s) =>
      text.slice(s.start, s.end),
    );
    expect(elements).toEqual(['{"a":"],"}', '[1, 2]', '"s\\""', '3.5e2', 'null']);
    expect(jsonChildSpans('[]')).toEqual([]);
  });

  it('writes JSON as JSON.stringify does, at any depth', () => {
    const value = {
      a: [1, 'x', null, undefined, { b: true }],
      c: undefined,
      d: new Date(0),
      e: NaN,
    };
    expect(jsonText(value)).toBe(JSON.stringify(value));
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i++) deep = { d: deep };
    expect(jsonText(deep)).toHaveLength(20_000 * 6 + 1);
  });

  it('makes quoted text safe to store in JSON: no lone surrogates or NUL, and short', () => {
    expect(safeText('a\ud800b\udc00c\u0000🚀', 100)).toBe('a\uFFFDb\uFFFDc\uFFFD🚀');
    expect(safeText('x'.repeat(500), 10)).toBe(`${'x'.repeat(10)}…`);
    expect(safeText(`${'x'.repeat(9)}🚀`, 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
