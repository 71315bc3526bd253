import { formatMoney as money } from '../../pixieset/money.js';
import type { SandboxInvoice } from '../data.js';
import { type Answer, asRecord, nowStamp, type Studio } from '../studio.js';
import type { Route } from './route.js';

// /invoices: payments list, list, one, create.
export const invoiceRoutes: Route[] = [
  {
    // Disputed payments awaiting the studio's response (the path has a literal comma, as documented).
    method: 'GET',
    pattern: /^\/invoices\/payments\/disputed,needs-response\/count$/,
    handler: ({ studio }) => {
      const disputed = studio.invoices.flatMap((i) =>
        i.payments
          .filter((p) => p.status === 'disputed')
          .map((p) => ({ amount: p.amount, currency: i.currency })),
      );
      const total = disputed.reduce((n, p) => n + p.amount, 0);
      const currency = disputed[0]?.currency ?? studio.invoices[0]?.currency ?? 'usd';
      return {
        status: 200,
        body: {
          data: {
            count: disputed.length,
            total_amount: total,
            total_amount_formatted: money(total, currency),
          },
        },
      };
    },
  },
  {
    method: 'GET',
    pattern: /^\/invoices\/payments\/list$/,
    handler: ({ studio, q }) => {
      const clientId = q.get('client_id');
      const all = studio.memo('payments', () =>
        studio.invoices.flatMap((i) => i.payments.map((pay) => ({ pay, clientId: i.client_id }))),
      );
      const payments = clientId ? all.filter((p) => p.clientId === clientId) : all;
      // The docs show this list without last_page.
      return studio.page(
        payments,
        q,
        'page_size',
        (p) => ({
          ...studio.paymentJson(p.pay),
          client: q.get('expand') === 'client' ? studio.clientRef(p.clientId) : undefined,
        }),
        true,
      );
    },
  },
  {
    method: 'GET',
    pattern: /^\/invoices$/,
    handler: ({ studio, q }) => {
      const clientId = q.get('client_id');
      const type = q.get('payment_type') ?? 'all';
      const currency = q.get('currency');
      // Newest first, as the Studio web app lists them.
      const newest = studio.memo('invoices newest first', () =>
        [...studio.invoices].sort((a, b) =>
          a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0,
        ),
      );
      const matching = () =>
        newest.filter(
          (i) =>
            studio.listed(i.id) &&
            (!clientId || i.client_id === clientId) &&
            (!currency || i.currency === currency) &&
            (type === 'all' ||
              (type === 'paid' && i.status === 'paid') ||
              (type === 'unpaid' && ['sent', 'overdue', 'partially_paid'].includes(i.status)) ||
              (type === 'overdue' && i.status === 'overdue')),
        );
      // The pages of one list share its filtering, unless new invoices show up late (listLagMs: by time).
      const sorted = studio.opts.listLagMs
        ? matching()
        : studio.memo(`invoices ${clientId}|${type}|${currency}`, matching);
      return studio.page(sorted, q, 'per_page', (i) =>
        studio.invoiceJson(i, { client: q.get('expand') === 'client', detail: false }),
      );
    },
  },
  {
    method: 'GET',
    pattern: /^\/invoices\/([^/]+)\/payments\/([^/]+)$/,
    handler: ({ studio, match }) => {
      const inv = studio.invoices.find((x) => x.id === match[1]);
      const pay = inv?.payments.find((p) => p.id === match[2]);
      if (!pay) return { status: 404, body: { message: 'Payment not found.' } };
      const fee = pay.transaction_fee ?? 0;
      return {
        status: 200,
        body: { data: { ...studio.paymentJson(pay), processor_fee: fee, net_amount: pay.amount - fee } },
      };
    },
  },
  { method: 'POST', pattern: /^\/invoices$/, handler: ({ studio, body }) => createInvoice(studio, body) },
  {
    method: 'GET',
    pattern: /^\/invoices\/([^/]+)$/,
    handler: ({ studio, q, match }) => {
      const inv = studio.invoices.find((x) => x.id === match[1]);
      const all = q.get('expand') === 'all';
      return inv
        ? { status: 200, body: { data: studio.invoiceJson(inv, { client: all, detail: all }) } }
        : { status: 404, body: { message: 'Invoice not found.' } };
    },
  },
];

function createInvoice(studio: Studio, body: unknown): Answer {
  const b = asRecord(body);
  const errors: Record<string, string[]> = {};
  const client = studio.clients.find((c) => c.id === b.client_id);
  if (typeof b.client_id !== 'string' || !b.client_id)
    errors.client_id = ['The client id field is required.'];
  else if (!client) errors.client_id = ['The selected client id is invalid.'];
  const due = typeof b.due_date === 'string' ? b.due_date : '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(due) || Number.isNaN(Date.parse(`${due}T00:00:00Z`))) {
    errors.due_date = ['The due date is not a valid date.'];
  }
  const items = Array.isArray(b.line_items) ? b.line_items : [];
  if (items.length === 0) errors.line_items = ['The line items field is required.'];
  items.forEach((raw: unknown, i) => {
    const l = asRecord(raw);
    if (typeof l.name !== 'string' || !l.name.trim())
      errors[`line_items.${i}.name`] = ['The name field is required.'];
    if (!Number.isInteger(l.amount) || (l.amount as number) < 0)
      errors[`line_items.${i}.amount`] = ['The amount must be a non-negative integer.'];
    if (!Number.isInteger(l.quantity) || (l.quantity as number) < 1)
      errors[`line_items.${i}.quantity`] = ['The quantity must be at least 1.'];
  });
  if (b.send_email !== undefined && typeof b.send_email !== 'boolean')
    errors.send_email = ['The send email field must be true or false.'];
  if (Object.keys(errors).length || !client) return studio.invalid(errors);
  const inv: SandboxInvoice = {
    id: studio.newId('in'),
    invoice_number: `INV-${String(studio.nextInvoiceNumber++).padStart(4, '0')}`,
    client_id: client.id,
    currency: client.currency,
    status: b.send_email ? 'sent' : 'draft',
    due_date: due,
    created_at: nowStamp(),
    line_items: items.map((raw: unknown) => {
      const l = raw as { name: string; amount: number; quantity: number };
      return { id: studio.newId('ii'), name: l.name.trim(), amount: l.amount, quantity: l.quantity };
    }),
    payments: [],
    emailed: b.send_email === true,
  };
  studio.invoices.unshift(inv);
  studio.created(inv.id);
  if (inv.emailed) studio.emailed.push(inv.id);
  return { status: 201, body: { data: studio.invoiceJson(inv, { client: true, detail: true }) } };
}
