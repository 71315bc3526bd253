import type { SandboxInvoice } from '../src/sandbox/data.js';

// Expected figures computed straight from the sandbox's own records, independent of the server's code.
export function expectedTotals(invoices: SandboxInvoice[]) {
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
    const paid = inv.payments.reduce((s, p) => s + p.amount, 0);
    t.invoiced += amount;
    t.paid += paid;
    t.outstanding += amount - paid;
    if (inv.status === 'overdue') t.overdue += amount - paid;
  }
  return out;
}
