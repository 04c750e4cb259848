import { describe, expect, it } from 'vitest';
import { publishSubject } from './stream-connection.js';

describe('publishSubject', () => {
  it('puts the source in place of a trailing > or each *', () => {
    expect(publishSubject('convrev.events.>', 'web')).toBe('convrev.events.web');
    expect(publishSubject('convrev.*.events', 'shop')).toBe('convrev.shop.events');
    expect(publishSubject('convrev.events', 'web')).toBe('convrev.events');
  });

  it('keeps a source with dots or spaces to one token', () => {
    expect(publishSubject('convrev.events.>', 'eu.web shop')).toBe('convrev.events.eu_web_shop');
    expect(publishSubject('convrev.events.>', '')).toBe('convrev.events._');
  });
});
