import type { ConversationWriter } from './conversation-writer.js';
import type { DemoPerson } from './demo-person.js';
import type { DemoSinks } from './demo-sinks.js';
import type { IdentityFactory } from './identity-factory.js';
import type { OpportunityWriter } from './opportunity-writer.js';
import type { OrderWriter } from './order-writer.js';
import type { Prng } from './prng.js';
import type { TouchWriter } from './touch-writer.js';

/** The writers one run shares between the shop's people and the SaaS accounts. */
export interface DemoContext {
  readonly rng: Prng;
  readonly sinks: DemoSinks;
  readonly identities: IdentityFactory;
  readonly touches: TouchWriter;
  readonly conversations: ConversationWriter;
  readonly orders: OrderWriter;
  readonly opportunities: OpportunityWriter;
}

/** Writes the ground truth of one finished person: every identifier the files showed for them. */
export function writeTruth(sinks: DemoSinks, person: DemoPerson): void {
  for (const [type, value] of person.seenIdentifiers()) {
    sinks.write('identity_truth', {
      identifier_type: type,
      identifier_value: value,
      person_key: person.key,
    });
  }
}
