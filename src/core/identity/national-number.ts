// ITU-T E.164 country calling codes form a prefix code: 1 and 7 are one digit, these are two,
// every other code is three. So the country code of an E.164 number is found without a table
// of numbering plans.
// prettier-ignore
const TWO_DIGIT_CODES = new Set([
  '20', '27', '30', '31', '32', '33', '34', '36', '39', '40', '41', '43', '44', '45', '46', '47',
  '48', '49', '51', '52', '53', '54', '55', '56', '57', '58', '60', '61', '62', '63', '64', '65',
  '66', '81', '82', '84', '86', '90', '91', '92', '93', '94', '95', '98',
]);

/**
 * The national significant number of a phone in its normalised form: an E.164 number (`+1602…`)
 * without its country code, a national one (digits only, as normalised without a default
 * country) without its trunk prefix 0. Two numbers where one side has no country are the same
 * number when these digits are equal; null for a value that is not a normalised phone.
 */
export function nationalSignificantNumber(phone: string): string | null {
  if (/^\d{7,15}$/.test(phone)) return phone.replace(/^0/, '');
  if (!/^\+\d{7,15}$/.test(phone)) return null;
  const digits = phone.slice(1);
  const cc =
    digits[0] === '1' || digits[0] === '7' ? 1 : TWO_DIGIT_CODES.has(digits.slice(0, 2)) ? 2 : 3;
  return digits.slice(cc);
}

/** Whether a normalised phone carries its country (E.164) rather than national digits only. */
export function hasCountry(phone: string): boolean {
  return phone.startsWith('+');
}

/** Every country calling code the prefix rule allows: 1, 7, the two-digit ones, then three. */
export const COUNTRY_CODES: readonly string[] = (() => {
  const codes = ['1', '7', ...TWO_DIGIT_CODES];
  for (let n = 200; n < 1000; n++) {
    const code = String(n);
    if (code[0] !== '7' && !TWO_DIGIT_CODES.has(code.slice(0, 2))) codes.push(code);
  }
  return codes;
})();
