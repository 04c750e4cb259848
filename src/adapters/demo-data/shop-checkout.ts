import { SALES_TYPES } from './conversation-catalog.js';
import type { WrittenConversation } from './conversation-writer.js';
import { HOUR_MS } from './demo-clock.js';
import type { DemoContext } from './demo-context.js';
import type { DemoPerson } from './demo-person.js';

/** Checkout: a signed-in customer leaves their login, a guest their email; a chat sale keeps its id. */
export function checkout(
  ctx: DemoContext,
  person: DemoPerson,
  device: string,
  placedAt: number,
  loggedIn: boolean,
  chat: WrittenConversation | undefined,
): void {
  const { rng, identities } = ctx;
  const signedIn = person.userId !== undefined && (loggedIn || rng.chance(0.3));
  if (!signedIn && person.email === undefined) identities.addPersonalEmail(person);
  const fromChat =
    chat !== undefined &&
    SALES_TYPES.has(chat.profile.type) &&
    chat.profile.disposition === 'qualified' &&
    placedAt - chat.doneAt < 2 * HOUR_MS &&
    rng.chance(0.65);
  const ids = person.identifiers(
    {
      ...(rng.chance(0.35) ? { device } : {}),
      userId: signedIn,
      email: !signedIn || rng.chance(0.5),
      ...(rng.chance(0.05) ? { phone: 'e164' as const } : {}),
    },
    rng,
  );
  ctx.orders.write(placedAt, fromChat ? chat.id : undefined, ids);
}
