import { z } from 'zod';
import { defineTool, READ } from '../define.js';
import { table } from '../render.js';
import { invoiceDetailOut, toInvoiceDetail } from '../shapes.js';

export const getInvoice = defineTool({
  name: 'get_invoice',
  title: 'Get an invoice',
  description: 'One invoice with its line items and payments.',
  inputSchema: z.object({
    invoice_id: z
      .string()
      .min(1)
      .max(200)
      .describe('Invoice id (in_…), from list_invoices or get_client_invoices'),
  }),
  outputSchema: z.object({ invoice: invoiceDetailOut }),
  annotations: READ,
  async handler({ invoice_id }, { pixieset, signal, config }) {
    const invoice = toInvoiceDetail(await pixieset.invoices.get(invoice_id, { signal }), config.currency);
    const lines = [
      `Invoice ${invoice.invoice_number ?? invoice.id} for ${invoice.client_name ?? invoice.client_id ?? 'unknown client'} — ${invoice.status ?? 'unknown status'}, due ${invoice.due_date ?? '—'}`,
      table(
        ['item', 'qty', 'unit', 'total'],
        invoice.line_items.map((l) => [l.name, l.quantity, l.unit_price, l.total]),
      ),
      `Total ${invoice.amount} · paid ${invoice.paid} · owed ${invoice.outstanding}`,
      ...invoice.payments.map(
        (p) =>
          `Payment ${p.amount} on ${p.date ?? '—'} (${p.status ?? 'unknown'}${p.method ? `, ${p.method}` : ''})`,
      ),
    ];
    return { structured: { invoice }, text: lines.join('\n') };
  },
});
