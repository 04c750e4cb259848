/** A phone number that cannot be made E.164, or why not. */
export type PhoneResult =
  { readonly ok: true; readonly value: string } | { readonly ok: false; readonly message: string };

// E.164 allows at most 15 digits; fewer than 7 (country code and subscriber) is no phone at all.
const MIN_DIGITS = 7;
const MAX_DIGITS = 15;

/**
 * A phone number in E.164 (`+` and digits). An international number (`+44 20 …`, `0044 20 …`)
 * keeps its country; a national one gets `defaultCountryCode` (e.g. `1`, `44`) with its trunk
 * prefix 0 dropped. Without a default country a national number stays digits only: guessing a
 * country would join strangers. Letters, or too few or too many digits, make it invalid.
 */
export function normalizePhone(raw: string, defaultCountryCode?: string): PhoneResult {
  const text = raw.trim();
  if (/[a-z]/i.test(text.replace(/\s*(ext\.?|x)\s*\d+$/i, ''))) {
    return { ok: false, message: 'a phone number has no letters' };
  }
  const digits = text.replace(/\s*(ext\.?|x)\s*\d+$/i, '').replace(/\D/g, '');
  let international: string | null = null;
  if (text.startsWith('+')) international = digits;
  else if (digits.startsWith('00')) international = digits.slice(2);
  else if (defaultCountryCode !== undefined)
    international = `${defaultCountryCode}${digits.replace(/^0/, '')}`;
  const value = international ?? digits;
  if (value.length < MIN_DIGITS || value.length > MAX_DIGITS) {
    return { ok: false, message: `${value.length} digits is not a phone number (7 to 15)` };
  }
  return { ok: true, value: international === null ? value : `+${value}` };
}
