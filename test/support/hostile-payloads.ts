import { gzipSync } from 'node:zlib';

/** A valid conversation event, the neighbour every hostile record is sent beside. */
export const validEvent = (id: string, extra: Record<string, unknown> = {}) => ({
  type: 'chat.intent.detected',
  event_id: id,
  occurred_at: '2026-03-01T10:00:00Z',
  conversation_id: 'c1',
  intent_label: 'pricing',
  confidence: 0.8,
  ...extra,
});

/** `{"d":{"d":…1…}}` nested `depth` levels, as text (JSON.stringify would overflow building it). */
export const nestedText = (depth: number, key = 'd') =>
  `${`{"${key}":`.repeat(depth)}1${'}'.repeat(depth)}`;

/** An event's text with `properties` replaced by raw JSON text. */
export const eventWithProperties = (id: string, propertiesText: string) =>
  JSON.stringify(validEvent(id)).replace(/}$/, `,"properties":${propertiesText}}`);

/**
 * Records a hostile client sends, each as the text of one JSON value (`null` text: not JSON at
 * all). Names say what each tries: depth up to 100,000, huge and many keys, prototype keys,
 * invalid UTF-16, NaN and Infinity.
 */
export function hostileRecords(): { name: string; text: string }[] {
  const manyKeys = `{${Array.from({ length: 20_000 }, (_v, i) => `"k${i}":${i}`).join(',')}}`;
  return [
    ...[33, 1_000, 5_000, 20_000, 100_000].map((d) => ({
      name: `depth ${d}`,
      text: eventWithProperties(`deep-${d}`, nestedText(d)),
    })),
    {
      name: 'deep array',
      text: eventWithProperties('deep-array', `${'['.repeat(50_000)}${']'.repeat(50_000)}`),
    },
    { name: 'huge key', text: eventWithProperties('huge-key', `{"${'k'.repeat(70_000)}":1}`) },
    { name: 'long key', text: eventWithProperties('long-key', `{"${'k'.repeat(2_000)}":1}`) },
    { name: 'many keys', text: eventWithProperties('many-keys', manyKeys) },
    {
      name: 'prototype keys',
      text: eventWithProperties(
        'proto',
        '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
      ).replace(/^{/, '{"__proto__":{"type":"x"},"constructor":1,"prototype":2,'),
    },
    {
      name: 'lone surrogate value',
      text: JSON.stringify(validEvent('sur-1')).replace('"pricing"', '"a\\ud800b"'),
    },
    {
      name: 'lone surrogate key',
      text: JSON.stringify(validEvent('sur-2')).replace('"intent_label"', '"\\udc00bad"'),
    },
    {
      name: 'lone surrogate type',
      text: JSON.stringify(validEvent('sur-3')).replace('"chat.intent.detected"', '"\\ud83d"'),
    },
    { name: 'NaN', text: JSON.stringify(validEvent('nan')).replace('0.8', 'NaN') },
    { name: 'Infinity', text: JSON.stringify(validEvent('inf')).replace('0.8', '-Infinity') },
    {
      name: 'bad offset',
      text: JSON.stringify(validEvent('tz', { occurred_at: '2026-03-01T10:00:00+25:00' })),
    },
  ];
}

/** `bytes` of zeros gzipped: about a thousandth of its size on the wire. */
export const gzipBomb = (bytes: number) => gzipSync(Buffer.alloc(bytes));

/** A Segment track message whose properties nest `depth` levels, as text. */
export const segmentTrack = (depth: number) =>
  `{"type":"track","event":"Clicked","messageId":"seg-${depth}","timestamp":"2026-03-01T10:00:00Z","properties":${nestedText(depth)}}`;
