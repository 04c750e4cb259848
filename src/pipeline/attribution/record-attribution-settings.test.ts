import { describe, expect, it } from 'vitest';
import { defaultModel } from '../../core/attribution/attribution-model.js';
import { shortFormDefinition } from '../../core/attribution/conversion-definition.js';
import {
  dataDrivenModelNamed,
  type DataDrivenModel,
} from '../../core/attribution/data-driven-model.js';
import type { AttributionConfig } from '../../core/config/config.js';
import { attributionSettingsDigest } from './record-attribution-settings.js';

const base: AttributionConfig = {
  lookbackDays: 30,
  models: [defaultModel('linear')],
  conversions: [shortFormDefinition('order', 30)],
};

describe('attributionSettingsDigest', () => {
  it('ignores the data-driven models, which are recomputed on every run anyway', () => {
    const markov = dataDrivenModelNamed('markov') as DataDrivenModel;
    expect(attributionSettingsDigest({ ...base, dataDriven: [markov] })).toBe(
      attributionSettingsDigest(base),
    );
  });

  it('changes with the rule models and the conversion definitions', () => {
    const digest = attributionSettingsDigest(base);
    expect(attributionSettingsDigest({ ...base, models: [defaultModel('first_touch')] })).not.toBe(
      digest,
    );
    expect(
      attributionSettingsDigest({ ...base, conversions: [shortFormDefinition('order', 7)] }),
    ).not.toBe(digest);
  });
});
