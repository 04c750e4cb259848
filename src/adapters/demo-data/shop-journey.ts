import { DAY_MS, DEMO_END, DEMO_START, HOUR_MS } from './demo-clock.js';
import { writeTruth, type DemoContext } from './demo-context.js';
import type { DemoPerson } from './demo-person.js';
import { checkout } from './shop-checkout.js';
import { shoppingEpisode } from './shop-episode.js';
import { shopIdentity } from './shop-identity.js';

/**
 * One shopper's year: shopping episodes, each opened by an ad click, an email or a visit, some
 * with a conversation, some ending in an order, some followed by an order question or a return.
 * `housemate` is the previous shopper when this one shares their computer.
 */
export function generateShopper(ctx: DemoContext, housemate: DemoPerson | undefined): DemoPerson {
  const { rng, touches } = ctx;
  const person = shopIdentity(ctx, housemate);
  // The housemate's computer comes last; it is used only for one signed-in visit below.
  const own = ownDevices(person, housemate !== undefined);
  const joined = new Set<string>();
  // Not every device gets linked to the others: some journeys stay split, as in real data.
  const linkable = new Set(own.length > 1 ? own.filter(() => rng.chance(0.85)) : []);

  let at = DEMO_START + rng.next() * (DEMO_END - DEMO_START - DAY_MS);
  const episodes = 1 + rng.poisson(1.2);
  for (let e = 0; e < episodes && at < DEMO_END - HOUR_MS; e += 1) {
    const device = e === 0 ? own[0] : rng.pick(own);
    const mustJoin = linkable.has(device) && !joined.has(device);
    const loggedIn = person.userId !== undefined && (mustJoin || rng.chance(0.4));
    if (loggedIn || (mustJoin && person.email !== undefined)) joined.add(device);
    at = shoppingEpisode(ctx, person, own, device, at, loggedIn, mustJoin && !loggedIn);
    at += DAY_MS + rng.exponential(45 * DAY_MS);
  }
  if (rng.chance(0.08)) {
    // A repeat purchase months after the last touch: an order no touch can claim.
    const placedAt = at + rng.between(95, 200) * DAY_MS;
    if (placedAt < DEMO_END) checkout(ctx, person, own[0], placedAt, false, undefined);
  }
  if (housemate !== undefined) {
    // The shared computer: a signed-in visit of this person on their housemate's browser.
    const shared = person.devices[person.devices.length - 1] ?? '';
    touches.web(
      'shop',
      'direct',
      DEMO_START + rng.next() * (DEMO_END - DEMO_START - HOUR_MS),
      person,
      shared,
      true,
    );
  }
  writeTruth(ctx.sinks, person);
  return person;
}

function ownDevices(person: DemoPerson, sharesLast: boolean): [string, ...string[]] {
  const [first = '', ...rest] = sharesLast ? person.devices.slice(0, -1) : person.devices;
  return [first, ...rest];
}
