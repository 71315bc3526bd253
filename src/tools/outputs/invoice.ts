import { z } from 'zod';
import { type CurrencySums, currencyOf, isOverdue, outstandingOf } from '../../pixieset/invoice-math.js';
import { formatMoney } from '../../pixieset/money.js';
import type { Invoice } from '../../pixieset/schemas.js';
import { capGroups } from '../budget.js';
import { daysFromToday } from '../dates.js';
import { clientName } from './client.js';
import { int, orNull } from './common.js';

export const invoiceOut = z.object({
  id: z.string(),
  invoice_number: z.string().nullable(),
  client_id: z.string().nullable(),
  client_name: z.string().nullable(),
  // Pixieset's own label ("sent" stays "sent" after the due date passes).
  status: z.string().nullable(),
  // Past its due date with money owed: what the text shows as "overdue (sent)".
  overdue: z.boolean(),
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
  // Invoices per status, the MAX_GROUPS largest; the rest summed under "(other)", their number in by_status_folded.
  by_status: z.record(z.string(), int()),
  by_status_folded: int(),
  // Partially paid invoices that did not say how much was paid (counted as fully outstanding).
  paid_unknown: int(),
});

export const lineItemOut = z.object({
  name: z.string(),
  quantity: int(),
  unit_price_minor: int(),
  unit_price: z.string(),
  total_minor: int(),
  total: z.string(),
});

const today = () => daysFromToday(0);

// The status as the text shows it: "overdue" before Pixieset's label when the due date has passed and money
// is owed, Pixieset's label alone otherwise.
export const statusLabel = (i: { status: string | null; overdue: boolean }): string | null =>
  i.overdue ? `overdue (${i.status ?? 'no status'})` : i.status;

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
    invoice_number: orNull(inv.invoice_number),
    client_id: orNull(inv.client_id ?? client?.id),
    client_name: knownClientName ?? (client ? clientName(client) : null),
    status: orNull(inv.status),
    overdue: isOverdue(inv, today()),
    due_date: orNull(inv.due_date),
    currency,
    amount_minor: inv.amount,
    amount: formatMoney(inv.amount, currency),
    outstanding_minor: outstanding,
    outstanding: formatMoney(outstanding, currency),
  };
}

// The sums of one currency as a result row: minor units and formatted strings.
export function toTotalsOut(t: CurrencySums): z.output<typeof totalsOut> {
  const m = (n: number) => formatMoney(n, t.currency);
  const statuses = capGroups(t.byStatus);
  return {
    currency: t.currency,
    count: t.count,
    invoiced_minor: t.invoiced,
    invoiced: m(t.invoiced),
    paid_minor: t.paid,
    paid: m(t.paid),
    outstanding_minor: t.outstanding,
    outstanding: m(t.outstanding),
    overdue_minor: t.overdue,
    overdue: m(t.overdue),
    by_status: statuses.groups,
    by_status_folded: statuses.folded,
    paid_unknown: t.paidUnknown,
  };
}
