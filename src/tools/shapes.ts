import { z } from 'zod';
import { UnexpectedResponseError } from '../pixieset/errors.js';
import { formatMoney } from '../pixieset/money.js';
import { lastPageOf } from '../pixieset/paginate.js';
import { safeJson } from '../pixieset/safe-text.js';
import type { Client, Invoice } from '../pixieset/schemas.js';

// Argument and result shapes shared by several tools, and the converters from API objects to them.

// An integer in a result. Checked like z.int(), but advertised as a plain number: z.int() would add
// ±9007199254740991 bounds to every field of tools/list, which every model pays for in context.
export const int = () => z.number().refine(Number.isInteger, 'expected an integer');

export const clientIdArg = z.string().min(1).max(200).describe('Client id (cl_…), from search_clients');

// Some clients send numbers and booleans as strings ("25", "true"). Exactly those forms are accepted;
// anything else ("25 rows", "yes") still fails validation.
const intFromString = (v: unknown) => (typeof v === 'string' && /^\s*\d{1,9}\s*$/.test(v) ? Number(v) : v);
const boolFromString = (v: unknown) => (v === 'true' ? true : v === 'false' ? false : v);

// Text arguments: a number sent where text is expected (a phone number, a query of digits) is taken as its
// digits, just as "25" is taken for a number.
export const textArg = (schema: z.ZodString) =>
  z.preprocess((v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : v), schema);

// An integer argument from min to max.
export const intArg = (min: number, max: number) =>
  z.preprocess(intFromString, z.number().int().min(min).max(max));
// A true/false argument.
export const boolArg = () => z.preprocess(boolFromString, z.boolean());

export const pageArg = intArg(1, 10_000).default(1).describe('Page, from 1');
export const perPageArg = intArg(1, 100).default(25).describe('Rows per page');

export const invoiceStatusArg = z
  .enum(['all', 'paid', 'unpaid', 'overdue'])
  .default('all')
  .describe('unpaid: money still owed (overdue included); overdue: owed and past due');

export const paging = {
  page: int(),
  per_page: int(),
  total: int().nullable(),
  last_page: int().nullable(),
  has_more: z.boolean(),
};

// A client in a list: enough to recognise and pick them; get_client has the rest.
export const clientOut = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  type: z.string().nullable(),
  status: z.string().nullable(),
});

export const clientDetailOut = clientOut.extend({
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  company: z.string().nullable(),
  notes: z.string().nullable(),
  created_at: z.string().nullable(),
  address: z.unknown().optional(),
});

export const invoiceOut = z.object({
  id: z.string(),
  invoice_number: z.string().nullable(),
  client_id: z.string().nullable(),
  client_name: z.string().nullable(),
  status: z.string().nullable(),
  due_date: z.string().nullable(),
  currency: z.string(),
  amount_minor: int(),
  amount: z.string(),
  outstanding_minor: int(),
  outstanding: z.string(),
});

export const totalsOut = z.object({
  currency: z.string(),
  count: int(),
  invoiced_minor: int(),
  invoiced: z.string(),
  paid_minor: int(),
  paid: z.string(),
  outstanding_minor: int(),
  outstanding: z.string(),
  overdue_minor: int(),
  overdue: z.string(),
  by_status: z.record(z.string(), int()),
  // Partially paid invoices that did not say how much was paid (counted as fully outstanding).
  paid_unknown: int(),
});

const s = (v: string | null | undefined): string | null =>
  v === undefined || v === null || v === '' ? null : v;

// "First Last", or the email, or the id: whatever names the client best.
export function clientName(c: {
  first_name?: string | null;
  last_name?: string | null;
  email?: string | null;
  id: string;
}): string {
  const name = [c.first_name, c.last_name]
    .filter((x) => x?.trim())
    .join(' ')
    .trim();
  return name || c.email || c.id;
}

export function toClientOut(c: Client): z.output<typeof clientOut> {
  return {
    id: c.id,
    name: clientName(c),
    email: s(c.email),
    phone: s(c.phone),
    type: s(c.type),
    status: s(c.status_name),
  };
}

export function toClientDetail(c: Client): z.output<typeof clientDetailOut> {
  return {
    ...toClientOut(c),
    first_name: s(c.first_name),
    last_name: s(c.last_name),
    company: s(c.company),
    notes: s(c.notes),
    created_at: s(c.created_at),
    address: c.address_info == null ? undefined : safeJson(c.address_info),
  };
}

// Statuses whose invoices are not (or no longer) owed.
const NOT_BILLED = new Set(['draft', 'void', 'voided', 'cancelled', 'canceled']);

// What has been paid on an invoice: amount_paid when given, else its completed payments, else all of it if paid.
export function paidOf(inv: Invoice): number {
  if (typeof inv.amount_paid === 'number') return inv.amount_paid;
  if (inv.payments && inv.payments.length > 0) {
    return inv.payments
      .filter((p) => !p.status || p.status === 'completed')
      .reduce((sum, p) => addExact(sum, p.amount ?? 0), 0);
  }
  return inv.status === 'paid' ? inv.amount : 0;
}

// What is still owed: amount_due when given, else total minus paid; nothing for drafts and voided invoices.
export function outstandingOf(inv: Invoice): number {
  if (NOT_BILLED.has(inv.status ?? '')) return 0;
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

export function isBilled(inv: Invoice): boolean {
  return !NOT_BILLED.has(inv.status ?? '');
}

// Overdue: billed, money still owed, and the due date (the studio's calendar date) before `today`
// (YYYY-MM-DD) — whatever the status label says.
export function isOverdue(inv: Invoice, today: string): boolean {
  const due = calendarDate(inv.due_date);
  return isBilled(inv) && outstandingOf(inv) > 0 && due !== undefined && due < today;
}

// The YYYY-MM-DD a date field stands for: "2030-06-30", "2030-06-30T00:00:00.000000Z" or "2030-06-30 00:00:00"
// all give "2030-06-30" (the date as the API writes it, the studio's calendar date).
export function calendarDate(value: string | null | undefined): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/.exec(value ?? '');
  return m?.[1];
}

// Which invoices the API is asked for, for a status filter: the API's "overdue" goes by its own label, so
// overdue is read from the unpaid ones and decided here.
export const apiPaymentType = (status: 'all' | 'paid' | 'unpaid' | 'overdue') =>
  status === 'overdue' ? 'unpaid' : status;

// Keeps the invoices that match a status filter by this server's definitions.
export function matchingStatus(
  invoices: Invoice[],
  status: 'all' | 'paid' | 'unpaid' | 'overdue',
  today: string,
): Invoice[] {
  if (status === 'overdue') return invoices.filter((i) => isOverdue(i, today));
  if (status === 'unpaid') return invoices.filter((i) => isBilled(i) && outstandingOf(i) > 0);
  return invoices;
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

export function currencyOf(inv: Invoice, fallback: string): string {
  return (inv.currency ?? fallback).toLowerCase();
}

export function toInvoiceOut(
  inv: Invoice,
  fallbackCurrency: string,
  knownClientName?: string,
): z.output<typeof invoiceOut> {
  const currency = currencyOf(inv, fallbackCurrency);
  const outstanding = outstandingOf(inv);
  const client = inv.client ?? undefined;
  return {
    id: inv.id,
    invoice_number: s(inv.invoice_number),
    client_id: s(inv.client_id ?? client?.id),
    client_name: knownClientName ?? (client ? clientName(client) : null),
    status: s(inv.status),
    due_date: s(inv.due_date),
    currency,
    amount_minor: inv.amount,
    amount: formatMoney(inv.amount, currency),
    outstanding_minor: outstanding,
    outstanding: formatMoney(outstanding, currency),
  };
}

// Totals per currency: invoiced (billed invoices only), paid, outstanding, overdue, and counts by status.
export function totalsByCurrency(
  invoices: Invoice[],
  fallbackCurrency: string,
  today: string,
): Array<z.output<typeof totalsOut>> {
  const acc = new Map<
    string,
    {
      count: number;
      invoiced: number;
      paid: number;
      outstanding: number;
      overdue: number;
      unknown: number;
      by_status: Record<string, number>;
    }
  >();
  for (const inv of invoices) {
    const currency = currencyOf(inv, fallbackCurrency);
    let t = acc.get(currency);
    if (!t) {
      // by_status is keyed by upstream strings: no prototype, so "constructor" or "__proto__" are plain keys.
      t = {
        count: 0,
        invoiced: 0,
        paid: 0,
        outstanding: 0,
        overdue: 0,
        unknown: 0,
        by_status: Object.create(null) as Record<string, number>,
      };
      acc.set(currency, t);
    }
    const status = inv.status ?? 'unknown';
    t.count++;
    t.by_status[status] = (t.by_status[status] ?? 0) + 1;
    if (!isBilled(inv)) continue;
    const owed = outstandingOf(inv);
    t.invoiced = addExact(t.invoiced, inv.amount);
    t.paid = addExact(t.paid, paidOf(inv));
    t.outstanding = addExact(t.outstanding, owed);
    if (isOverdue(inv, today)) t.overdue = addExact(t.overdue, owed);
    if (paidUnknown(inv)) t.unknown++;
  }
  return [...acc]
    .sort((a, b) => b[1].count - a[1].count)
    .map(([currency, t]) => ({
      currency,
      count: t.count,
      invoiced_minor: t.invoiced,
      invoiced: formatMoney(t.invoiced, currency),
      paid_minor: t.paid,
      paid: formatMoney(t.paid, currency),
      outstanding_minor: t.outstanding,
      outstanding: formatMoney(t.outstanding, currency),
      overdue_minor: t.overdue,
      overdue: formatMoney(t.overdue, currency),
      by_status: t.by_status,
      paid_unknown: t.unknown,
    }));
}

// has_more and last_page for one page of a list.
export function pagingOf(
  page: number,
  perPage: number,
  rows: number,
  meta: { total: number | undefined; lastPage: number | undefined; perPage: number | undefined },
): z.output<z.ZodObject<typeof paging>> {
  const per = meta.perPage ?? perPage;
  const last = lastPageOf({ currentPage: undefined, ...meta }, perPage) ?? null;
  return {
    page,
    per_page: per,
    total: meta.total ?? null,
    last_page: last,
    has_more: last === null ? rows >= per : page < last,
  };
}

export const lineItemOut = z.object({
  name: z.string(),
  quantity: int(),
  unit_price_minor: int(),
  unit_price: z.string(),
  total_minor: int(),
  total: z.string(),
});

export const invoiceDetailOut = invoiceOut.extend({
  line_items: z.array(lineItemOut),
  created_at: z.string().nullable(),
  paid_minor: int(),
  paid: z.string(),
  payments: z.array(
    z.object({
      id: z.string().nullable(),
      amount_minor: int(),
      amount: z.string(),
      date: z.string().nullable(),
      method: z.string().nullable(),
      status: z.string().nullable(),
    }),
  ),
});

export function toInvoiceDetail(inv: Invoice, fallbackCurrency: string): z.output<typeof invoiceDetailOut> {
  const base = toInvoiceOut(inv, fallbackCurrency);
  const currency = base.currency;
  const paid = paidOf(inv);
  return {
    ...base,
    created_at: s(inv.created_at),
    paid_minor: paid,
    paid: formatMoney(paid, currency),
    line_items: (inv.line_items ?? []).map((l) => {
      const unit = l.amount ?? 0;
      const quantity = l.quantity ?? 1;
      return {
        name: l.name ?? l.description ?? '(unnamed item)',
        quantity,
        unit_price_minor: unit,
        unit_price: formatMoney(unit, currency),
        total_minor: unit * quantity,
        total: formatMoney(unit * quantity, currency),
      };
    }),
    payments: (inv.payments ?? []).map((p) => ({
      id: s(p.id),
      amount_minor: p.amount ?? 0,
      amount: formatMoney(p.amount ?? 0, currency),
      date: s(p.payment_date),
      method: s(p.payment_method),
      status: s(p.status),
    })),
  };
}

const allowDuplicateArg = boolArg()
  .default(false)
  .describe('true: create it even if an identical one was just created');

const writeOutcomeOut = {
  outcome: z.enum(['created', 'deduplicated', 'created_after_all', 'declined', 'cancelled', 'dry_run']),
  deduplicated: z.boolean(),
};

// The arguments every create tool takes besides its own.
export const writeArgs = {
  dry_run: boolArg().default(false).describe('true: preview only, nothing is sent'),
  allow_duplicate: allowDuplicateArg,
};

// The result fields every create tool shares.
export const writeResultOut = { created: z.boolean(), dry_run: z.boolean(), ...writeOutcomeOut };

// The sentence a write tool ends with, for each outcome.
export function writeOutcomeText(
  kind: z.output<typeof writeOutcomeOut.outcome>,
  what: string,
  subject: string,
  // created_after_all: Pixieset said 2xx but its answer could not be read (rather than a failure in transit).
  unreadable = false,
): string {
  switch (kind) {
    case 'created':
      return `Created ${subject}.`;
    case 'deduplicated':
      return `Already done: an identical request in the last 10 minutes created ${subject}. Nothing new was sent. To create a second, identical ${what} on purpose, call again with allow_duplicate: true.`;
    case 'created_after_all':
      return unreadable
        ? `Created, but Pixieset's answer could not be read; a check found it: ${subject}. Do not retry.`
        : `The request failed in transit, but the ${what} was created after all: ${subject}. Do not retry.`;
    case 'declined':
      return `The user did not confirm: nothing was sent to Pixieset. Do not retry unless the user asks again.`;
    case 'cancelled':
      return `The user dismissed the confirmation: nothing was sent to Pixieset. Do not retry unless the user asks again.`;
    case 'dry_run':
      return `Dry run — nothing sent. Would create ${subject}.`;
  }
}
