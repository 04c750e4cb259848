import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../core/errors.js';
import { parseConfig } from './load-config.js';

const configWith = (models: string) =>
  [
    'attribution:',
    `  models: ${models}`,
    'sources:',
    '  - { name: t, kind: touchpoints, path: t.csv }',
  ].join('\n');
const parse = (models: string) => parseConfig(configWith(models), 'convrev.yaml', '/project');

describe('data-driven models in attribution.models', () => {
  it('splits rule models from data-driven ones, by name or as objects', () => {
    const a = parse(
      '[linear, markov, markov_3, shapley_path, {kind: markov, order: 2, measure: value, transforms: [first, {kind: remove_if_not_all, channel: direct}]}, {kind: shapley_coalition, name: coalition, transforms: [unique]}]',
    ).attribution;
    expect(a.models.map((m) => m.name)).toEqual(['linear']);
    expect(a.dataDriven?.map((m) => [m.name, m.kind, m.order, m.measure])).toEqual([
      ['markov', 'markov', 1, 'conversions'],
      ['markov_3', 'markov', 3, 'conversions'],
      ['shapley_path', 'shapley_path', 1, 'conversions'],
      ['markov_2_value', 'markov', 2, 'value'],
      ['coalition', 'shapley_coalition', 1, 'conversions'],
    ]);
    expect(a.dataDriven?.[0]?.transforms).toEqual([{ kind: 'exposure' }]);
    expect(a.dataDriven?.[3]?.transforms).toEqual([
      { kind: 'first' },
      { kind: 'remove_if_not_all', channel: 'direct' },
    ]);
  });

  it('leaves dataDriven out when only rule models are named', () => {
    expect(parse('[first_touch]').attribution.dataDriven).toBeUndefined();
  });

  it('refuses unknown names, bad orders and two models of one name', () => {
    expect(() => parse('[markov_12]')).toThrow(ConfigError);
    expect(() => parse('[{kind: markov, order: 0}]')).toThrow(/order/);
    expect(() => parse('[{kind: markov, transforms: [{kind: trim_long_path}]}]')).toThrow(
      ConfigError,
    );
    expect(() => parse('[markov_2, {kind: markov, order: 2}]')).toThrow(
      /model name 'markov_2' is already used by models\[0\]/,
    );
  });
});
