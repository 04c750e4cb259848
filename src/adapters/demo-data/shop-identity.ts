import type { DemoContext } from './demo-context.js';
import type { DemoPerson } from './demo-person.js';

/**
 * Who a shopper is to the shop's systems: most leave an email (newsletter, checkout), half keep
 * a login, a third give a phone. People with a login or an email use more devices, and those can
 * be linked. A housemate's computer, when shared, is added as the last device.
 */
export function shopIdentity(ctx: DemoContext, housemate: DemoPerson | undefined): DemoPerson {
  const { rng, identities } = ctx;
  const person = identities.person();
  if (rng.chance(0.78)) identities.addPersonalEmail(person);
  // Sharing a computer is only visible when the second person signs in on it.
  if (housemate !== undefined || rng.chance(0.5)) identities.addUserId(person, 'usr');
  if (rng.chance(0.3)) identities.addPhone(person);

  identities.addDevice(person);
  const known = person.email !== undefined || person.userId !== undefined;
  if (known && rng.chance(0.3)) identities.addDevice(person);
  if (known && rng.chance(0.06)) identities.addDevice(person);
  const shared = housemate?.devices[0];
  if (shared !== undefined) person.devices.push(shared);
  return person;
}
