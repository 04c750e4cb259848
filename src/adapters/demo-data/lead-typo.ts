import type { IdentifierCells, DemoPerson } from './demo-person.js';
import { mix32, type Prng } from './prng.js';

/**
 * Every third B2B lead form (chosen by a hash of the conversation number, so the random stream
 * is untouched) was filled in on a browser convrev never saw, with a typo in the email: only the
 * name the lead typed can tie it to their CRM contact, which is what probabilistic matching is for.
 */
export function isTypoForm(conversation: number): boolean {
  return mix32((conversation ^ 0x2545f491) >>> 0) % 3 === 0;
}

/** `jane.doe@acme.example` with two neighbouring letters of the local part swapped. */
export function typoEmail(email: string, conversation: number): string {
  const at = email.indexOf('@');
  if (at < 3) return email;
  const i = 1 + (mix32(conversation >>> 0) % (at - 2));
  const a = email[i]!;
  const b = email[i + 1]!;
  if (a === b || a === '.' || b === '.') return `${email.slice(0, i)}${email.slice(i + 1)}`;
  return `${email.slice(0, i)}${b}${a}${email.slice(i + 2)}`;
}

/**
 * The identifier cells of a typo form's record: the mistyped email only (marked as seen, so the
 * truth file lists it under its person). It draws what person.identifiers would have drawn, so
 * every later record of the demo stays as it was.
 */
export function typoCells(
  person: DemoPerson,
  typo: string,
  showEmail: boolean,
  rng: Prng,
): IdentifierCells {
  if (!showEmail || person.email === undefined) return {};
  rng.chance(0.15);
  return { email: person.see('email', typo) };
}
