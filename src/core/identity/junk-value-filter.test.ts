import { describe, expect, it } from 'vitest';
import { createJunkValueFilter, normalizeIdentifierStrict } from './junk-value-filter.js';

describe('junk values', () => {
  const isJunk = createJunkValueFilter();

  it('drops placeholders and test addresses whatever their case or spacing', () => {
    for (const v of [
      '',
      'NULL',
      ' undefined ',
      'Anonymous',
      '0',
      '-1',
      '[object Object]',
      'TEST@test.com',
      'n/a',
    ]) {
      expect(isJunk('email', v)).toBe(true);
    }
    expect(isJunk('phone', '0000000')).toBe(true);
    expect(isJunk('phone', '+1111111111')).toBe(true);
    expect(isJunk('phone', '1234567890')).toBe(true);
  });

  it('keeps real values', () => {
    expect(isJunk('email', 'ann@acme.example')).toBe(false);
    expect(isJunk('phone', '+442079460018')).toBe(false);
    expect(isJunk('user_id', 'u-1')).toBe(false);
  });

  it('is configurable per deployment and per type', () => {
    const custom = createJunkValueFilter({
      extra: ['noreply@acme.example'],
      byType: { user_id: ['guest-user'] },
      repeatedDigits: false,
    });
    expect(custom('email', 'NoReply@acme.example')).toBe(true);
    expect(custom('user_id', 'guest-user')).toBe(true);
    expect(custom('email', 'guest-user')).toBe(false);
    expect(custom('phone', '0000000')).toBe(false);
    expect(createJunkValueFilter({ values: ['x'] })('email', 'null')).toBe(false);
  });

  it('normalises first, then filters', () => {
    expect(normalizeIdentifierStrict('email', '  Test@Test.com ')).toBeNull();
    expect(normalizeIdentifierStrict('email', ' Ann@Acme.Example')).toBe('ann@acme.example');
    expect(normalizeIdentifierStrict('phone', '000-000-0000')).toBeNull();
    expect(normalizeIdentifierStrict('anonymous_id', 'null')).toBeNull();
  });
});
