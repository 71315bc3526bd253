import type { SandboxInvoice, SandboxPayment } from '../src/sandbox/data.js';

// Expected figures computed straight from the sandbox's own records, independent of the server's code.
const localDay = (now: Date) =>
  [now.getFullYear(), now.getMonth() + 1, now.getDate()]
    .map((n, i) => String(n).padStart(i === 0 ? 4 : 2, '0'))
    .join('-');

// What a sandbox invoice has been paid, written out here from the rule, not taken from the sandbox's code:
// completed and disputed payments in full, partially refunded ones less the refund; nothing else.
export function paidRecord(inv: SandboxInvoice): number {
  let paid = 0;
  for (const p of inv.payments) {
    if (p.status === 'completed' || p.status === 'disputed') paid += p.amount;
    else if (p.status === 'partially_refunded') paid += p.amount - p.refunded_amount;
  }
  return paid;
}

// Overdue, straight from a sandbox record: not a draft, money still owed, due date before today.
export function isOverdueRecord(inv: SandboxInvoice, now = new Date()): boolean {
  const amount = inv.line_items.reduce((s, l) => s + l.amount * l.quantity, 0);
  const paid = paidRecord(inv);
  return inv.status !== 'draft' && amount - paid > 0 && inv.due_date < localDay(now);
}

// Overdue means billed, money still owed and the due date passed (the local calendar date), whatever the status.
export function expectedTotals(invoices: SandboxInvoice[], now = new Date()) {
  const today = localDay(now);
  const out = new Map<
    string,
    {
      count: number;
      invoiced: number;
      paid: number;
      outstanding: number;
      overdue: number;
      by_status: Record<string, number>;
    }
  >();
  for (const inv of invoices) {
    const t = out.get(inv.currency) ?? {
      count: 0,
      invoiced: 0,
      paid: 0,
      outstanding: 0,
      overdue: 0,
      by_status: {},
    };
    out.set(inv.currency, t);
    t.count++;
    t.by_status[inv.status] = (t.by_status[inv.status] ?? 0) + 1;
    if (inv.status === 'draft') continue;
    const amount = inv.line_items.reduce((s, l) => s + l.amount * l.quantity, 0);
    const paid = paidRecord(inv);
    t.invoiced += amount;
    t.paid += paid;
    t.outstanding += amount - paid;
    if (amount - paid > 0 && inv.due_date < today) t.overdue += amount - paid;
  }
  return out;
}

// Aging, straight from the records: what each billed invoice still owes, and how many days past due it is
// at `asOf` (0 when not yet due). Written out here, not taken from the server's code.
export function expectedAging(invoices: SandboxInvoice[], asOf: string) {
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
  const rows: Array<{ inv: SandboxInvoice; owed: number; days: number }> = [];
  for (const inv of invoices) {
    if (inv.status === 'draft') continue;
    const amount = inv.line_items.reduce((s, l) => s + l.amount * l.quantity, 0);
    const owed = amount - paidRecord(inv);
    if (owed > 0) rows.push({ inv, owed, days: Math.max(0, day(asOf) - day(inv.due_date)) });
  }
  const totals = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const t = totals.get(r.inv.currency) ?? {
      outstanding: 0,
      current: 0,
      days_1_30: 0,
      days_31_60: 0,
      days_61_90: 0,
      days_over_90: 0,
      overdue: 0,
      count: 0,
    };
    totals.set(r.inv.currency, t);
    const bucket =
      r.days === 0
        ? 'current'
        : r.days <= 30
          ? 'days_1_30'
          : r.days <= 60
            ? 'days_31_60'
            : r.days <= 90
              ? 'days_61_90'
              : 'days_over_90';
    t[bucket] = (t[bucket] ?? 0) + r.owed;
    t.outstanding = (t.outstanding ?? 0) + r.owed;
    if (r.days > 0) t.overdue = (t.overdue ?? 0) + r.owed;
    t.count = (t.count ?? 0) + 1;
  }
  return { rows, totals };
}

// Money in, straight from the records, by the README's definitions: received = completed, refunded and
// partially refunded payments; refunded = all of a refund, the known part of a partial one; fees on
// received payments; pending, failed and disputed never received.
export function expectedMoneyIn(payments: SandboxPayment[], knowPartialRefunds: boolean) {
  const out = new Map<
    string,
    { count: number; received: number; refunded: number; fees: number; unknown: number }
  >();
  for (const p of payments) {
    if (!['completed', 'refunded', 'partially_refunded'].includes(p.status)) continue;
    const t = out.get(p.currency) ?? { count: 0, received: 0, refunded: 0, fees: 0, unknown: 0 };
    out.set(p.currency, t);
    t.count++;
    t.received += p.amount;
    t.fees += p.transaction_fee ?? 0;
    if (p.status === 'refunded') t.refunded += p.amount;
    if (p.status === 'partially_refunded') {
      if (knowPartialRefunds) t.refunded += p.refunded_amount;
      else t.unknown++;
    }
  }
  return out;
}
