import { describe, expect, it } from 'vitest';
import { isConversationDefinition, isDealOutcome, outcomeLevel } from './conversion-definitions.js';

describe('conversion definitions', () => {
  it('know whose each outcome is: leads and orders the person’s, deals the account’s', () => {
    expect(outcomeLevel('qualified_lead')).toBe('person');
    expect(outcomeLevel('order')).toBe('person');
    expect(outcomeLevel('opportunity_created')).toBe('account');
    expect(outcomeLevel('closed_won')).toBe('account');
  });

  it('recognise their names and nothing else', () => {
    expect(isConversationDefinition('two_way')).toBe(true);
    expect(isConversationDefinition('reply')).toBe(false);
    expect(isDealOutcome('closed_won')).toBe(true);
    expect(isDealOutcome('won')).toBe(false);
  });
});
