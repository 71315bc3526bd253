import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../pixieset/errors.js';
import { paidOf } from '../../pixieset/invoice-math.js';
import { formatMoney } from '../../pixieset/money.js';
import type { Invoice } from '../../pixieset/schemas.js';
import { defineTool, READ } from '../define.js';
import { int, orNull } from '../outputs/common.js';
import { invoiceOut, lineItemOut, statusLabel, toInvoiceOut } from '../outputs/invoice.js';
import { table } from '../render.js';

const invoiceDetailOut = invoiceOut.extend({
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

function toInvoiceDetail(inv: Invoice, fallbackCurrency: string): z.output<typeof invoiceDetailOut> {
  const base = toInvoiceOut(inv, fallbackCurrency);
  const currency = base.currency;
  const paid = paidOf(inv);
  return {
    ...base,
    created_at: orNull(inv.created_at),
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
      id: orNull(p.id),
      amount_minor: p.amount ?? 0,
      amount: formatMoney(p.amount ?? 0, currency),
      date: orNull(p.payment_date),
      method: orNull(p.payment_method),
      status: orNull(p.status),
    })),
  };
}

export const getInvoice = defineTool({
  name: 'get_invoice',
  toolset: 'invoices',
  endpoints: ['GET /invoices/{invoice_id}', 'GET /invoices/'],
  gives: ['payment', 'invoice_line_item'],
  title: 'Get an invoice',
  description:
    'One invoice with its line items and payments, by id or by its number ("INV-1003"); give exactly one of the two.',
  inputSchema: z.object({
    invoice_id: z
      .string()
      .min(1)
      .optional()
      .describe('Invoice id (in_…), from list_invoices or get_client_invoices'),
    invoice_number: z
      .string()
      .trim()
      .min(1)
      .max(50)
      .optional()
      .describe('The number on the invoice, e.g. "INV-1003" (any case)'),
  }),
  outputSchema: z.object({ invoice: invoiceDetailOut }),
  annotations: READ,
  async handler({ invoice_id, invoice_number }, { pixieset, signal, config, progress }) {
    if ((invoice_id === undefined) === (invoice_number === undefined)) {
      throw new ValidationError(
        'Give exactly one of invoice_id or invoice_number.',
        {},
        'Call get_invoice with invoice_id (in_…) or with invoice_number (e.g. "INV-1003"), not both.',
      );
    }
    let id = invoice_id;
    if (invoice_number !== undefined) {
      // The API has no search by number: a bounded scan of the list, newest first, stops where it is found.
      progress(0, undefined, `looking for ${invoice_number}`);
      const { found } = await pixieset.invoices.findByNumber(invoice_number, { signal });
      if (!found) throw new NotFoundError({ resource: 'invoice', id: invoice_number });
      id = found.id;
    }
    const invoice = toInvoiceDetail(await pixieset.invoices.get(id as string, { signal }), config.currency);
    const lines = [
      `Invoice ${invoice.invoice_number ?? invoice.id} for ${invoice.client_name ?? invoice.client_id ?? 'unknown client'} — ${statusLabel(invoice) ?? 'unknown status'}, due ${invoice.due_date ?? '—'}`,
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
