import type { IdentifierType } from '../../core/canonical/source-kinds.js';
import { normalizeIdentifier } from '../../core/identity/normalize-identifier.js';
import type { Prng } from './prng.js';

/** The identifier columns a record can carry, as written into a file. */
export type IdentifierCells = Partial<Record<IdentifierType, string>>;

export type PhoneStyle = 'e164' | 'dashed' | 'spaced';

/** Which of a person's identifiers one record shows. */
export interface IdentifierChoice {
  readonly device?: string | undefined;
  readonly userId?: boolean;
  readonly email?: boolean;
  readonly phone?: PhoneStyle | undefined;
  readonly crmContactId?: boolean;
}

/**
 * One true person of the demo and every identifier they show up under. It records which of them
 * a file actually received, so the ground truth lists exactly the identifiers a matcher can see,
 * normalised the way the loader normalises them.
 */
export class DemoPerson {
  readonly devices: string[] = [];
  userId: string | undefined;
  email: string | undefined;
  phone: string | undefined;
  crmContactId: string | undefined;
  private readonly seen = new Map<string, readonly [IdentifierType, string]>();

  constructor(
    readonly key: string,
    /** Unique per person; identifiers embed it to stay unique without a registry. */
    readonly ordinal: number,
    readonly firstName: string,
    readonly lastName: string,
  ) {}

  /** Identifier cells for one record; marks each as seen. Raw emails vary in case, like real input. */
  identifiers(choice: IdentifierChoice, rng: Prng): IdentifierCells {
    const cells: IdentifierCells = {};
    if (choice.device !== undefined) cells.anonymous_id = this.see('anonymous_id', choice.device);
    if (choice.userId === true && this.userId !== undefined) {
      cells.user_id = this.see('user_id', this.userId);
    }
    if (choice.email === true && this.email !== undefined) {
      cells.email = this.see('email', rng.chance(0.15) ? capitalise(this.email) : this.email);
    }
    if (choice.phone !== undefined && this.phone !== undefined) {
      cells.phone = this.see('phone', formatPhone(this.phone, choice.phone));
    }
    if (choice.crmContactId === true && this.crmContactId !== undefined) {
      cells.crm_contact_id = this.see('crm_contact_id', this.crmContactId);
    }
    return cells;
  }

  /** Marks a raw identifier value as written somewhere and returns it unchanged. */
  see(type: IdentifierType, raw: string): string {
    const normal = normalizeIdentifier(type, raw);
    if (normal !== null) this.seen.set(`${type}\u0000${normal}`, [type, normal]);
    return raw;
  }

  /** [type, normalised value] of every identifier written so far, in first-seen order. */
  seenIdentifiers(): IterableIterator<readonly [IdentifierType, string]> {
    return this.seen.values();
  }
}

/** `+14155550123` as `+1 415-555-0123` or `+1 415 555 0123`; all normalise to the same digits. */
export function formatPhone(e164: string, style: PhoneStyle): string {
  if (style === 'e164' || e164.length !== 12) return e164;
  const [cc, area, exchange, line] = [
    e164.slice(0, 2),
    e164.slice(2, 5),
    e164.slice(5, 8),
    e164.slice(8),
  ];
  return style === 'dashed'
    ? `${cc} ${area}-${exchange}-${line}`
    : `${cc} ${area} ${exchange} ${line}`;
}

/** `jane.doe12@example.com` → `Jane.Doe12@Example.com`: the same address to a matcher. */
function capitalise(email: string): string {
  return email.replace(
    /(^|[.@_])([a-z])/g,
    (_m, sep: string, ch: string) => sep + ch.toUpperCase(),
  );
}
