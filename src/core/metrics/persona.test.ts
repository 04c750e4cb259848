import { describe, expect, it } from 'vitest';
import { personaOf } from './persona.js';

describe('persona from a job title', () => {
  it('reads the role from whole words of the title', () => {
    expect(personaOf('VP Marketing')).toBe('executive');
    expect(personaOf('Vice President, Sales')).toBe('executive');
    expect(personaOf('Co-Founder')).toBe('executive');
    expect(personaOf('CTO')).toBe('executive');
    expect(personaOf('Head of Growth')).toBe('director');
    expect(personaOf('Sales Director')).toBe('director');
    expect(personaOf('Marketing Operations Manager')).toBe('manager');
    expect(personaOf('RevOps Lead')).toBe('manager');
    expect(personaOf('Data Analyst')).toBe('individual_contributor');
    // "lead" inside another word is not the word.
    expect(personaOf('Leadership Coach')).toBe('individual_contributor');
  });

  it('without a title the persona is unknown', () => {
    expect(personaOf(null)).toBe('unknown');
    expect(personaOf('  ')).toBe('unknown');
  });
});
