import { DemoPerson } from './demo-person.js';
import { mix32, type Prng } from './prng.js';
import { FIRST_NAMES, LAST_NAMES, PERSONAL_EMAIL_DOMAINS, US_AREA_CODES } from './name-catalog.js';

/**
 * Mints people and their identifiers. Uniqueness comes by construction, not by remembering what
 * was issued (a 10M-touch run cannot keep sets of every id): each identifier embeds a counter,
 * scrambled through a bijection so that ids still look opaque.
 */
export class IdentityFactory {
  private persons = 0;
  private devices = 0;
  private users = 0;
  private readonly salt: number;

  constructor(private readonly rng: Prng) {
    this.salt = rng.uint32();
  }

  person(): DemoPerson {
    this.persons += 1;
    const key = `p_${String(this.persons).padStart(7, '0')}`;
    return new DemoPerson(key, this.persons, this.rng.pick(FIRST_NAMES), this.rng.pick(LAST_NAMES));
  }

  /** A browser or app install: a UUID-shaped cookie id whose first block is unique per device. */
  addDevice(person: DemoPerson): string {
    this.devices += 1;
    const head = mix32((this.devices + this.salt) >>> 0)
      .toString(16)
      .padStart(8, '0');
    const r = this.rng;
    const id = `${head}-${r.hex(4)}-4${r.hex(3)}-${'89ab'[r.int(0, 3)] ?? '8'}${r.hex(3)}-${r.hex(12)}`;
    person.devices.push(id);
    return id;
  }

  /** A login of the shop or of the SaaS product. */
  addUserId(person: DemoPerson, prefix: 'usr' | 'app'): string {
    this.users += 1;
    person.userId = `${prefix}_${mix32((this.users ^ this.salt) >>> 0).toString(36)}${this.users.toString(36)}`;
    return person.userId;
  }

  /** A personal address; the person number at the end keeps namesakes apart. */
  addPersonalEmail(person: DemoPerson): string {
    const first = slug(person.firstName);
    const last = slug(person.lastName);
    const local = this.rng.chance(0.6) ? `${first}.${last}` : `${first}${last.slice(0, 1)}`;
    person.email = `${local}${person.ordinal}@${this.rng.pick(PERSONAL_EMAIL_DOMAINS)}`;
    return person.email;
  }

  /** A work address at the account's domain; `taken` holds the addresses already used there. */
  addWorkEmail(person: DemoPerson, domain: string, taken: Set<string>): string {
    const base = `${slug(person.firstName)}.${slug(person.lastName)}`;
    let local = base;
    for (let n = 2; taken.has(local); n += 1) local = `${base}${n}`;
    taken.add(local);
    person.email = `${local}@${domain}`;
    return person.email;
  }

  /**
   * A North American number in E.164. The seven local digits are a bijection of the person number
   * (3141593 is coprime with 10^7), and the area code moves on every 10^7 people.
   */
  addPhone(person: DemoPerson): string {
    const n = person.ordinal;
    const local = (n * 3_141_593 + (this.salt % 10_000_000)) % 10_000_000;
    const area = US_AREA_CODES[(n + Math.floor(n / 10_000_000)) % US_AREA_CODES.length] ?? '415';
    person.phone = `+1${area}${String(local).padStart(7, '0')}`;
    return person.phone;
  }
}

/** Lower-case ASCII letters only: `Müller` → `muller`, `O'Brien` → `obrien`. */
export function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}
