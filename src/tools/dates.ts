import { ValidationError } from '../pixieset/errors.js';

// Calendar dates as YYYY-MM-DD, in the machine's local time zone (the photographer's).

const pad = (n: number) => String(n).padStart(2, '0');

export function localDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

// The date `days` after today.
export function daysFromToday(days: number, now = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
  return localDate(d);
}

// True for a real calendar date written as YYYY-MM-DD (2026-02-30 is not).
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

// 1 January of this year.
export function startOfYear(now = new Date()): string {
  return `${now.getFullYear()}-01-01`;
}

// True when the calendar date d (YYYY-MM-DD) lies in [from, to], either end open when undefined.
export const inRange = (d: string | undefined, from: string | undefined, to: string | undefined): boolean =>
  d !== undefined && (from === undefined || d >= from) && (to === undefined || d <= to);

// A from/to pair in the right order, or a clear error before anything is sent.
export function checkRange(from: string | undefined, to: string | undefined): void {
  if (from !== undefined && to !== undefined && from > to) {
    throw new ValidationError(`from (${from}) is after to (${to}).`, {}, 'Give from on or before to.');
  }
}
