/** How an export writes numbers: `1.234,50 €` is { decimal: ',', thousands: '.' } with € allowed. */
export interface NumberFormat {
  readonly decimal: '.' | ',';
  /** The grouping separator; '' when the export writes none. */
  readonly thousands: string;
  /** Currency symbols and codes a cell may carry before or after the number, stripped; every ISO-like code (three capitals) and $ € £ ¥ when absent. */
  readonly currencies?: readonly string[];
}

export type FormattedNumber =
  | { readonly ok: true; readonly value: string; readonly currencyCode: string | null }
  | { readonly ok: false; readonly message: string };

const DEFAULT_SYMBOLS = ['$', '€', '£', '¥'];
const CODE = /^[A-Z]{3}$/;

/**
 * A cell in the source's number format as canonical number text (`$87,000.00` → 87000.00), with
 * the currency code it carried (`EUR` from `1.234,50 EUR`; symbols name no code: `$` is not only
 * USD). A currency the format does not allow, or digits grouped other than the format says, is
 * refused with the reason.
 */
export function parseFormattedNumber(cell: string, format: NumberFormat): FormattedNumber {
  let rest = cell.trim();
  let sign = '';
  const takeSign = () => {
    if (sign === '' && (rest.startsWith('-') || rest.startsWith('+'))) {
      sign = rest[0] === '-' ? '-' : '';
      rest = rest.slice(1).trim();
    }
  };
  takeSign();
  let currency: string | null = null;
  const lead = /^([^\d\s.,+-]+)\s*/.exec(rest);
  if (lead) {
    currency = lead[1] ?? '';
    rest = rest.slice(lead[0].length);
    takeSign();
  }
  const trail = /\s*([^\d\s.,+-]+)$/.exec(rest);
  if (trail) {
    if (currency !== null) return { ok: false, message: `${cell.trim()} carries two currencies` };
    currency = trail[1] ?? '';
    rest = rest.slice(0, rest.length - trail[0].length);
  }
  if (currency !== null && !allowed(currency, format)) {
    const list = format.currencies ?? [...DEFAULT_SYMBOLS, 'any three-letter code'];
    return {
      ok: false,
      message: `${cell.trim()}: '${currency}' is not an allowed currency (allowed: ${list.join(', ')})`,
    };
  }
  const d = escape(format.decimal);
  const t = escape(format.thousands);
  const grouped = t === '' ? '\\d+' : `(?:\\d{1,3}(?:${t}\\d{3})+|\\d+)`;
  const shape = new RegExp(`^${grouped}(?:${d}\\d*)?$|^${d}\\d+$`);
  if (!shape.test(rest)) {
    return {
      ok: false,
      message: `${cell.trim()} is not a number in the format (decimal '${format.decimal}', thousands '${format.thousands}')`,
    };
  }
  const plain = (t === '' ? rest : rest.split(format.thousands).join('')).replace(
    format.decimal,
    '.',
  );
  return {
    ok: true,
    value: `${sign}${plain}`,
    currencyCode: currency !== null && CODE.test(currency) ? currency : null,
  };
}

function allowed(currency: string, format: NumberFormat): boolean {
  if (format.currencies !== undefined) return format.currencies.includes(currency);
  return DEFAULT_SYMBOLS.includes(currency) || CODE.test(currency);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
