import { ValidationError } from './errors.js';

// A formatter and minor-unit digits per currency code Intl knows (a few hundred at most: codes it does not
// know are not kept). Looked up as given and upper-cased; asking Intl for the digits on every amount was most
// of the cost of formatting a big studio's totals.
const known = new Map<string, { f: Intl.NumberFormat; digits: number }>();

function lookup(currency: string): { f: Intl.NumberFormat; digits: number } | undefined {
  const hit = known.get(currency);
  if (hit) return hit;
  const code = currency.toUpperCase();
  let entry = known.get(code);
  if (!entry) {
    try {
      const f = new Intl.NumberFormat('en-US', { style: 'currency', currency: code });
      entry = { f, digits: f.resolvedOptions().maximumFractionDigits ?? 2 };
    } catch {
      return undefined;
    }
    known.set(code, entry);
  }
  if (currency === code.toLowerCase()) known.set(currency, entry);
  return entry;
}

// How many decimal places a currency's minor unit has (usd 2, jpy 0, bhd 3); 2 for codes Intl does not know.
export function minorDigits(currency: string): number {
  return lookup(currency)?.digits ?? 2;
}

// Formats integer minor units in the currency, e.g. (250000, "usd") → "$2,500.00", (5000, "jpy") → "¥5,000".
export function formatMoney(minor: number, currency: string): string {
  const entry = lookup(currency);
  const digits = entry?.digits ?? 2;
  const major = minor / 10 ** digits;
  return entry ? entry.f.format(major) : `${major.toFixed(digits)} ${currency.toUpperCase()}`;
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
