import { UnexpectedResponseError } from './errors.js';
import type { Invoice } from './schemas.js';

// The money rules, in one pure module: what counts as billed, paid, outstanding and overdue, and totals per
// currency in exact minor units. Tools format these; they never re-derive them.

// Statuses whose invoices are not (or no longer) owed.
const NOT_BILLED = new Set(['draft', 'void', 'voided', 'cancelled', 'canceled']);

// A payment that brought money in: completed (a payment with no status is taken as completed).
const counts = (status: string | null | undefined) => !status || status === 'completed';

export function isBilled(inv: Invoice): boolean {
  return !NOT_BILLED.has(inv.status ?? '');
}

// Adds amounts exactly, or says why it cannot: a total past 2^53 would be silently rounded.
export function addExact(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) {
    throw new UnexpectedResponseError(
      'amount',
      'the amounts add up to more than can be totalled exactly (2^53 minor units)',
    );
  }
  return sum;
}

// What has been paid on an invoice: amount_paid when given, else its completed payments, else all of it if paid.
// From payments: completed ones in full, partially refunded ones less the refund the API gives.
export function paidOf(inv: Invoice): number {
  if (typeof inv.amount_paid === 'number') return inv.amount_paid;
  if (inv.payments && inv.payments.length > 0) {
    let paid = 0;
    for (const p of inv.payments) {
      if (counts(p.status)) paid = addExact(paid, p.amount ?? 0);
      else if (p.status === 'partially_refunded')
        paid = addExact(paid, (p.amount ?? 0) - (p.refunded_amount ?? p.amount_refunded ?? 0));
    }
    return paid;
  }
  return inv.status === 'paid' ? inv.amount : 0;
}

// What is still owed: amount_due when given, else total minus paid; nothing for drafts and voided invoices.
export function outstandingOf(inv: Invoice): number {
  if (!isBilled(inv)) return 0;
  if (typeof inv.amount_due === 'number') return Math.max(0, inv.amount_due);
  return Math.max(0, inv.amount - paidOf(inv));
}

// True when the API told us nothing about what was paid on a partially paid invoice.
export function paidUnknown(inv: Invoice): boolean {
  return (
    /partial/.test(inv.status ?? '') &&
    typeof inv.amount_paid !== 'number' &&
    typeof inv.amount_due !== 'number' &&
    !(inv.payments && inv.payments.length > 0)
  );
}

// The YYYY-MM-DD a date field stands for: "2030-06-30", "2030-06-30T00:00:00.000000Z" or "2030-06-30 00:00:00"
// all give "2030-06-30" (the date as the API writes it, the studio's calendar date).
export function calendarDate(value: string | null | undefined): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(value ?? '');
  return m?.[1];
}

// Overdue: billed, money still owed, and the due date before `today` (YYYY-MM-DD) — whatever the label says.
export function isOverdue(inv: Invoice, today: string): boolean {
  const due = calendarDate(inv.due_date);
  return isBilled(inv) && outstandingOf(inv) > 0 && due !== undefined && due < today;
}

// The invoice's own date: issue_date or invoice_date where the API gives one, else created_at.
export function issueDateOf(inv: Invoice): string | undefined {
  return calendarDate(inv.issue_date) ?? calendarDate(inv.invoice_date) ?? calendarDate(inv.created_at);
}

// Whole days from `from` to `to` (YYYY-MM-DD calendar dates; negative when `to` is earlier).
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

// How late an outstanding invoice is at `asOf`: days past its due date (0 when not yet due or undated).
export function daysOverdue(inv: Invoice, asOf: string): number {
  const due = calendarDate(inv.due_date);
  return due === undefined ? 0 : Math.max(0, daysBetween(due, asOf));
}

export type AgingBucket = 'current' | 'days_1_30' | 'days_31_60' | 'days_61_90' | 'days_over_90';

// The aging bucket of a number of days past due.
export function agingBucket(days: number): AgingBucket {
  if (days <= 0) return 'current';
  if (days <= 30) return 'days_1_30';
  if (days <= 60) return 'days_31_60';
  if (days <= 90) return 'days_61_90';
  return 'days_over_90';
}

export function currencyOf(inv: Invoice, fallback: string): string {
  return (inv.currency ?? fallback).toLowerCase();
}

// The invoice filters a caller can ask for (Pixieset's own payment_type labels): spelled here once.
export const INVOICE_FILTERS = ['all', 'paid', 'unpaid', 'overdue'] as const;
export type InvoiceStatusFilter = (typeof INVOICE_FILTERS)[number];

// Which invoices the API is asked for, for a status filter: its "overdue" goes by its own label, so overdue
// is read from the unpaid ones and decided here.
export const apiPaymentType = (status: InvoiceStatusFilter) => (status === 'overdue' ? 'unpaid' : status);

// Whether an invoice matches a status filter by these definitions.
export function hasStatus(inv: Invoice, status: InvoiceStatusFilter, today: string): boolean {
  if (status === 'overdue') return isOverdue(inv, today);
  if (status === 'unpaid') return isBilled(inv) && outstandingOf(inv) > 0;
  return true;
}

// Keeps the invoices that match a status filter by these definitions.
export function matchingStatus(invoices: Invoice[], status: InvoiceStatusFilter, today: string): Invoice[] {
  return status === 'all' ? invoices : invoices.filter((i) => hasStatus(i, status, today));
}

// Sums of one currency, in minor units.
export interface CurrencySums {
  currency: string;
  count: number;
  invoiced: number;
  paid: number;
  outstanding: number;
  overdue: number;
  // Partially paid invoices that did not say how much was paid (counted as fully outstanding).
  paidUnknown: number;
  // Keyed by upstream strings: no prototype, so "constructor" or "__proto__" are plain keys.
  byStatus: Record<string, number>;
}

// Totals per currency, largest count first: invoiced, paid, outstanding and overdue over billed invoices,
// and counts by status over all of them.
export function sumByCurrency(invoices: Invoice[], fallbackCurrency: string, today: string): CurrencySums[] {
  const totals = new CurrencyTotals(fallbackCurrency, today);
  totals.add(invoices);
  return totals.result();
}

// sumByCurrency a page at a time: add() each page as it arrives; no invoice is kept.
export class CurrencyTotals {
  private readonly acc = new Map<string, CurrencySums>();
  count = 0;

  constructor(
    private readonly fallbackCurrency: string,
    private readonly today: string,
  ) {}

  add(invoices: Invoice[]): void {
    for (const inv of invoices) this.addOne(inv);
  }

  result(): CurrencySums[] {
    return [...this.acc.values()].sort((a, b) => b.count - a.count);
  }

  private addOne(inv: Invoice): void {
    const { acc, fallbackCurrency, today } = this;
    this.count++;
    const currency = currencyOf(inv, fallbackCurrency);
    let t = acc.get(currency);
    if (!t) {
      t = {
        currency,
        count: 0,
        invoiced: 0,
        paid: 0,
        outstanding: 0,
        overdue: 0,
        paidUnknown: 0,
        byStatus: Object.create(null) as Record<string, number>,
      };
      acc.set(currency, t);
    }
    const status = inv.status ?? 'unknown';
    t.count++;
    t.byStatus[status] = (t.byStatus[status] ?? 0) + 1;
    if (!isBilled(inv)) return;
    const owed = outstandingOf(inv);
    t.invoiced = addExact(t.invoiced, inv.amount);
    t.paid = addExact(t.paid, paidOf(inv));
    t.outstanding = addExact(t.outstanding, owed);
    if (isOverdue(inv, today)) t.overdue = addExact(t.overdue, owed);
    if (paidUnknown(inv)) t.paidUnknown++;
  }
}
