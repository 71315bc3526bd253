import { ValidationError } from './errors.js';

// The common currencies, formatted by hand exactly as Intl formats them for en-US (test/money.test.ts holds
// every entry to Intl on each Node we test): the first Intl.NumberFormat maps ~5 MiB of ICU's number data into
// the process (Node 24), which a studio in one of these currencies never needs. [prefix, minor-unit digits].
export const COMMON: Record<string, readonly [string, number]> = {
  USD: ['$', 2],
  CAD: ['CA$', 2],
  AUD: ['A$', 2],
  NZD: ['NZ$', 2],
  GBP: ['£', 2],
  EUR: ['€', 2],
  JPY: ['¥', 0],
  HKD: ['HK$', 2],
  MXN: ['MX$', 2],
  BRL: ['R$', 2],
  INR: ['₹', 2],
  ILS: ['₪', 2],
  KRW: ['₩', 0],
  PHP: ['₱', 2],
  TWD: ['NT$', 2],
  CNY: ['CN¥', 2],
  ...Object.fromEntries(
    ['CHF', 'SEK', 'NOK', 'DKK', 'SGD', 'ZAR', 'PLN', 'CZK', 'MYR', 'THB', 'AED', 'RON', 'TRY'].map((c) => [
      c,
      [`${c}\u00a0`, 2] as const,
    ]),
  ),
};

// A formatter and minor-unit digits per currency code (a few hundred at most: codes Intl does not know are
// not kept). Looked up as given and upper-cased; asking Intl for the digits on every amount was most of the
// cost of formatting a big studio's totals.
type Entry = { format: (minor: number) => string; digits: number };
const known = new Map<string, Entry>();

function lookup(currency: string): Entry | undefined {
  const hit = known.get(currency);
  if (hit) return hit;
  const code = currency.toUpperCase();
  let entry = known.get(code);
  if (!entry) {
    entry = common(code) ?? fromIntl(code);
    if (!entry) return undefined;
    known.set(code, entry);
  }
  if (currency === code.toLowerCase()) known.set(currency, entry);
  return entry;
}

function common(code: string): Entry | undefined {
  const c = Object.hasOwn(COMMON, code) ? COMMON[code] : undefined;
  if (!c) return undefined;
  const [prefix, digits] = c;
  let intl: Entry | undefined;
  return {
    digits,
    format: (minor) => {
      // Integer minor units are exact as text; anything else (never from the API's integers) goes to Intl.
      if (!Number.isSafeInteger(minor)) {
        intl ??= fromIntl(code) as Entry;
        return intl.format(minor);
      }
      const sign = minor < 0 || Object.is(minor, -0) ? '-' : '';
      const text = String(Math.abs(minor)).padStart(digits + 1, '0');
      const whole = text.slice(0, text.length - digits).replace(/\B(?=(\d{3})+$)/g, ',');
      return `${sign}${prefix}${whole}${digits ? `.${text.slice(text.length - digits)}` : ''}`;
    },
  };
}

function fromIntl(code: string): Entry | undefined {
  try {
    const f = new Intl.NumberFormat('en-US', { style: 'currency', currency: code });
    const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
    return { digits, format: (minor) => f.format(minor / 10 ** digits) };
  } catch {
    return undefined;
  }
}

// How many decimal places a currency's minor unit has (usd 2, jpy 0, bhd 3); 2 for codes Intl does not know.
export function minorDigits(currency: string): number {
  return lookup(currency)?.digits ?? 2;
}

// Formats integer minor units in the currency, e.g. (250000, "usd") → "$2,500.00", (5000, "jpy") → "¥5,000".
export function formatMoney(minor: number, currency: string): string {
  const entry = lookup(currency);
  return entry ? entry.format(minor) : `${(minor / 100).toFixed(2)} ${currency.toUpperCase()}`;
}

// Converts a price in major units ("2500", "450.50", 2500) to integer minor units exactly, with no floating point.
export function toMinorUnits(value: string | number, currency: string, field = 'unit_price'): number {
  const digits = minorDigits(currency);
  const text = typeof value === 'number' ? numberText(value) : value.trim();
  const m = /^(\d+)(?:\.(\d*))?$/.exec(text ?? '');
  const example = digits === 0 ? '5000' : `2500 or "2500.${'0'.repeat(digits)}"`;
  if (!m || m[1] === undefined) {
    throw new ValidationError(
      `${field} ${JSON.stringify(value)} is not a price.`,
      {},
      `Give ${field} as a plain non-negative number in ${currency.toUpperCase()} major units, e.g. ${example} — no currency symbol, no thousands separators.`,
    );
  }
  const frac = m[2] ?? '';
  if (frac.replace(/0+$/, '').length > digits) {
    throw new ValidationError(
      `${field} ${JSON.stringify(value)} has more decimal places than ${currency.toUpperCase()} allows (${digits}).`,
      {},
      `Round ${field} to ${digits} decimal place${digits === 1 ? '' : 's'}, e.g. ${example}.`,
    );
  }
  const minor =
    BigInt(m[1]) * 10n ** BigInt(digits) + BigInt((frac + '0'.repeat(digits)).slice(0, digits) || '0');
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new ValidationError(`${field} ${JSON.stringify(value)} is too large.`, {}, `Check ${field}.`);
  }
  return Number(minor);
}

// A JS number as decimal text without exponent; undefined for NaN, infinities, negatives and exponent forms.
function numberText(n: number): string | undefined {
  if (!Number.isFinite(n) || n < 0) return undefined;
  const s = String(n);
  return /e/i.test(s) ? undefined : s;
}

// `percent` (1–100, at most two decimal places) of an amount in minor units, rounded half up to the currency's
// smallest unit: 30% of 33,333 is 9,999.9 → 10,000; 50% of 33,333 is 16,666.5 → 16,667. Exact (BigInt), so no
// floating point error can move a cent.
export function shareOf(minor: number, percent: number): number {
  const hundredths = BigInt(Math.round(percent * 100));
  return Number((BigInt(minor) * hundredths + 5_000n) / 10_000n);
}
