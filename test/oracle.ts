import type { SandboxInvoice } from '../src/sandbox/data.js';

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
