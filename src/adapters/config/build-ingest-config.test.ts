import { describe, expect, it } from 'vitest';
import { createIngestEnvironment } from '../../pipeline/ingest/create-ingest-environment.js';
import { buildIngestSections } from './build-ingest-config.js';
import { checkConfigSchema } from './config-schema.js';

const minimal = { sources: [{ name: 'web', kind: 'touchpoints', path: 'touches.csv' }] };

describe('the ingest section', () => {
  it('bounds the clock correction by max_clock_skew_hours (24 by default)', () => {
    expect(checkConfigSchema({ ...minimal, ingest: { max_clock_skew_hours: 2 } }).ok).toBe(true);
    expect(checkConfigSchema({ ...minimal, ingest: { max_clock_skew_hours: 0 } }).ok).toBe(false);
    const sections = buildIngestSections({
      ...minimal,
      ingest: { max_clock_skew_hours: 2 },
    } as never);
    expect(createIngestEnvironment(sections).settings.maxClockSkewMs).toBe(7_200_000);
    expect(createIngestEnvironment(undefined).settings.maxClockSkewMs).toBe(86_400_000);
  });
});
