import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.js';
import type { Problem } from '../../core/errors.js';
import { parseConfig } from './load-config.js';

/** The problems of the ConfigError that parsing `yaml` throws. */
function problemsOf(yaml: string): readonly Problem[] {
  try {
    parseConfig(yaml, 'convrev.yaml', '/project');
  } catch (error: unknown) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const messages = (yaml: string): string[] => problemsOf(yaml).map((p) => p.message);

describe('source problems', () => {
  it('refuses a mapping to a field the kind does not have, listing the valid fields', () => {
    expect(
      problemsOf('sources: [{ name: shop, kind: orders, path: o.csv, mapping: { placed: Date } }]'),
    ).toEqual([
      {
        code: 'unknown_field',
        message:
          "sources[0].mapping.placed: source 'shop' (kind orders) has no field 'placed'. Valid fields: " +
          'order_id, placed_at, amount, currency, product_category, conversation_id, anonymous_id, ' +
          'user_id, email, phone, crm_contact_id, correlation_id, session_id, booking_reference',
      },
    ]);
    expect(
      messages(
        'sources: [{ name: web, kind: touchpoints, path: t.csv, constants: { chanel: web } }]',
      )[0],
    ).toMatch(
      /^sources\[0\]\.constants\.chanel: source 'web' \(kind touchpoints\) has no field 'chanel'\. Did you mean 'channel'\? Valid fields: touchpoint_id, /,
    );
  });

  it('parses constants as their field type', () => {
    const yaml = [
      'sources:',
      '  - { name: sales, kind: touchpoints, path: t.csv, constants: { touchpoint_type: sales } }',
      '  - { name: shop, kind: orders, path: o.csv, constants: { amount: -3, placed_at: yesterday } }',
      '  - { name: chat, kind: conversations, path: c.csv, constants: { two_way: maybe, csat: 6 } }',
    ].join('\n');
    expect(problemsOf(yaml)).toEqual([
      { code: 'invalid_constant', message: 'sources[1].constants.amount: amount -3 is negative' },
      {
        code: 'invalid_constant',
        message: 'sources[1].constants.placed_at: yesterday is not an ISO-8601 timestamp',
      },
      {
        code: 'invalid_constant',
        message: 'sources[2].constants.two_way: maybe is not true or false',
      },
      { code: 'invalid_constant', message: 'sources[2].constants.csat: 6 is outside 1..5' },
    ]);
  });

  it('refuses a field given both a column and a constant', () => {
    expect(
      messages(
        'sources: [{ name: w, kind: touchpoints, path: t.csv, mapping: { channel: Ch }, constants: { channel: web } }]',
      ),
    ).toEqual([
      "sources[0].constants.channel: field channel is also mapped to column 'Ch'; keep one",
    ]);
  });

  it('refuses duplicate source names', () => {
    const yaml =
      'sources:\n  - { name: crm, kind: accounts, path: a.csv }\n  - { name: crm, kind: contacts, path: c.csv }';
    expect(problemsOf(yaml)).toEqual([
      {
        code: 'duplicate_source',
        message: "sources[1].name: 'crm' is already the name of sources[0]",
      },
    ]);
  });

  it('refuses a path whose format cannot be inferred, and a delimiter on a non-CSV file', () => {
    const yaml = [
      'sources:',
      '  - { name: a, kind: accounts, path: accounts.txt }',
      '  - { name: b, kind: accounts, path: accounts.txt, format: csv }',
      '  - { name: c, kind: accounts, path: accounts.jsonl, delimiter: ";" }',
      '  - { name: d, kind: accounts, path: accounts.ndjson, skip_lines: 2 }',
      '  - { name: e, kind: accounts, path: accounts.csv, skip_lines: 2 }',
    ].join('\n');
    expect(problemsOf(yaml)).toEqual([
      {
        code: 'unknown_format',
        message:
          "sources[0].path: cannot tell the format of 'accounts.txt' from its extension " +
          '(.csv, .tsv, .jsonl, .ndjson, .parquet); set format: csv, jsonl or parquet',
      },
      {
        code: 'invalid_value',
        message: "sources[2].delimiter: only csv files have a delimiter; source 'c' is jsonl",
      },
      {
        code: 'invalid_value',
        message:
          "sources[3].skip_lines: only csv files have lines before a header; source 'd' is jsonl",
      },
    ]);
  });

  it('refuses a values map for a field the kind does not have, with a guess', () => {
    const yaml = [
      'sources:',
      '  - { name: deals, kind: opportunities, path: d.csv, values: { stge: { "Closed Won": won } } }',
    ].join('\n');
    expect(problemsOf(yaml)).toEqual([
      {
        code: 'unknown_field',
        message: expect.stringContaining(
          "sources[0].values.stge: source 'deals' (kind opportunities) has no field 'stge'. Did you mean 'stage'?",
        ) as string,
      },
    ]);
  });
});

describe('export formats', () => {
  it('refuses an unknown strftime directive and a misspelt time zone, naming source and field', () => {
    expect(
      messages(
        "sources: [{ name: deals, kind: orders, path: o.csv, timestamp_format: '%m/%d/%Y %Q', timezone: America/New_Yrok }]",
      ),
    ).toEqual([
      "sources[0].timestamp_format: source 'deals': '%m/%d/%Y %Q' cannot be used: '%Q' at position 10 is not a supported directive (supported: %Y %y %m %d %H %I %M %S %p %b %%)",
      "sources[0].timezone: source 'deals': 'America/New_Yrok' is not an IANA time zone name (e.g. America/New_York). Did you mean 'America/New_York'?",
    ]);
    expect(
      messages(
        "sources: [{ name: d, kind: orders, path: o.csv, timestamp_format: '%d/%m/%Y %I:%M' }]",
      ),
    ).toEqual([
      "sources[0].timestamp_format: source 'd': '%d/%m/%Y %I:%M' cannot be used: %I (12-hour clock) and %p (AM/PM) go together",
    ]);
  });
});

describe('number_format', () => {
  it('refuses a thousands separator equal to the decimal one, naming source and field', () => {
    expect(
      messages(
        "sources: [{ name: eu, kind: orders, path: o.csv, number_format: { decimal: ',', thousands: ',' } }]",
      ),
    ).toEqual([
      "sources[0].number_format.thousands: source 'eu': the thousands separator ',' is also the decimal separator",
    ]);
  });

  it('guesses a misspelt key', () => {
    expect(
      messages(
        "sources: [{ name: eu, kind: orders, path: o.csv, number_format: { decimel: ',' } }]",
      ).join('\n'),
    ).toMatch(/decimel.*[Dd]id you mean 'decimal'/);
  });
});

describe('where and derived', () => {
  it('refuses an expression that does not parse, naming the source and the position', () => {
    expect(
      messages(
        `sources: [{ name: shop, kind: orders, path: o.csv, where: "status = 'paid' and and total > 3", derived: { currency: "code in ('EUR'", is_won: "x" } }]`,
      ),
    ).toEqual([
      "sources[0].derived.is_won: source 'shop' (kind orders) has no field 'is_won'. Valid fields: order_id, placed_at, amount, currency, product_category, conversation_id, anonymous_id, user_id, email, phone, crm_contact_id, correlation_id, session_id, booking_reference",
      "sources[0].where: source 'shop': expected a column, a value or ( but found 'and' at position 21 in: status = 'paid' and and total > 3",
      "sources[0].derived.currency: source 'shop': expected ')' but found the end at position 15 in: code in ('EUR'",
    ]);
  });
});
